// The GPU.js op suite in webgl2, in headless Chromium (WebGL2 through ANGLE on SwiftShader):
// the page (page/main.ts) is bundled with esbuild, gpu.js from its browser build, and served
// from 127.0.0.1; every case is compared with the CPU backend in the same page, then a float32
// logistic regression trains on both. Every case and check runs again with its kernels
// translated to GLSL (what the build plugin emits), on the runtime's own WebGL2 runner.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium, runPage } from '../browser-page.ts';
import type { PageResult } from './page/main.ts';
const inCI = process.env.CI === 'true';

if (!existsSync(CHROMIUM) && !inCI) console.warn(`\n*** GPU.js browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)\n`);

describe.skipIf(!existsSync(CHROMIUM) && !inCI)('GPU.js in webgl2, in headless Chromium', () => {
  let browser: Browser;
  let result: PageResult;
  beforeAll(async () => {
    browser = await launchChromium();
    result = await runPage<PageResult>(browser, new URL('./page/main.ts', import.meta.url), 'hypatiaGpuJs', 'hypatia gpu.js', 240_000);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('runs in webgl2', () => {
    expect(result.error).toBeUndefined();
    expect(result.mode).toBe('webgl2');
  });

  it('every op kind and scalar op matches the CPU backend (uniform draws bit for bit), precompiled kernels too, and they match GPU.js', () => {
    expect(result.ran).toBeGreaterThan(150);
    expect(result.failures).toEqual([]);
    expect(result.precompiledOutputs).toBeGreaterThan(200);
    console.log(`precompiled kernels: ${result.precompiledIdentical} of ${result.precompiledOutputs} outputs bit-identical to GPU.js's`);
  });

  it('float scalar ops at special values match the CPU backend, on the GLSL of GPU.js and on the precompiled kernels', () => {
    // exactly, but for flushed subnormals and sin/cos/tan of arguments past 2^24 (special.ts's HUGE_TRIG)
    expect(result.special).toEqual([]);
    expect(result.specialPrecompiled).toEqual([]);
  });

  it('updates, shared kernels and state hand-overs own their textures right', () => {
    expect(result.semantics).toEqual([]);
  });

  it('the float32 logistic regression trains as on the CPU, its weights staying on the GPU', () => {
    const t = result.train!;
    t.gpuCost.forEach((c, i) => expect(Math.abs(c - t.cpuCost[i]!)).toBeLessThan(1e-4 * Math.abs(t.cpuCost[i]!) + 1e-5));
    expect(t.gpuCost.at(-1)!).toBeLessThan(t.gpuCost[0]! / 2);
    expect(t.maxError).toBeLessThan(1e-4);
    expect(t.accuracy).toBeGreaterThan(0.95);
    expect(t.stateOnGpu).toBe(true);
    expect(t.precompiled).toBe(false);
  });

  it('precompiled kernels own their textures right, and state moves between them and GPU.js', () => {
    expect(result.semanticsPrecompiled).toEqual([]);
  });

  it('with precompiled kernels the logistic regression trains as on GPU.js and the CPU, its weights on the GPU', () => {
    const p = result.trainPrecompiled!, g = result.train!;
    expect(p.precompiled).toBe(true);
    // the same float32 arithmetic on the same GPU as GPU.js's shaders, step after step
    p.gpuCost.forEach((c, i) => expect(Math.abs(c - g.gpuCost[i]!)).toBeLessThan(1e-5 * Math.abs(g.gpuCost[i]!) + 1e-6));
    p.gpuCost.forEach((c, i) => expect(Math.abs(c - p.cpuCost[i]!)).toBeLessThan(1e-4 * Math.abs(p.cpuCost[i]!) + 1e-5));
    expect(p.maxError).toBeLessThan(1e-4);
    expect(p.accuracy).toBe(g.accuracy);
    expect(p.stateOnGpu).toBe(true);
  });
});
