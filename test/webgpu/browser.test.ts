// One compiled WebGPU function in headless Chromium, on the browser's own navigator.gpu
// (SwiftShader here): the page is bundled from test/webgpu/page/main.ts with esbuild and
// served from 127.0.0.1 (WebGPU needs a secure context).
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM, launchChromium, runPage } from '../browser-page.ts';
import { inCI } from './gpu.ts';
import type { PageResult } from './page/main.ts';

if (!existsSync(CHROMIUM) && !inCI) console.warn(`\n*** WebGPU browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)\n`);

describe.skipIf(!existsSync(CHROMIUM) && !inCI)('WebGPU in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium(['--enable-unsafe-webgpu']);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a compiled function on navigator.gpu and matches the CPU backend', async () => {
    const r = await runPage<PageResult>(browser, new URL('./page/main.ts', import.meta.url), 'hypatiaGpu', 'hypatia webgpu', 120_000);
    expect(r.error).toBeUndefined();
    expect(r.adapter).toMatch(/\S/);
    expect(r.gpuCost!.length).toBe(10);
    r.gpuCost!.forEach((c, i) => expect(Math.abs(c - r.cpuCost![i]!)).toBeLessThan(1e-5));
    expect(r.gpuCost!.at(-1)!).toBeLessThan(r.gpuCost![0]!);
    expect(r.maxError!).toBeLessThan(1e-5);
  }, 180_000);
});
