// A graph module compiled for GPU.js by the build plugin, bundled into pages that run under a
// CSP without 'unsafe-eval': in webgl2 GPU.js turns kernel sources into GLSL without evaluating
// anything, and the host steps are real code. The bundle also carries every kernel as GLSL,
// translated at build time: a page that does not load GPU.js runs those on the runtime's own
// WebGL2 runner, and its bundle holds no GPU.js at all. Both pages train; they agree with each
// other, and with the same graph module trained on the JIT CPU path in this process (dropout
// masks included).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { bundle, tempDir } from '../build/helpers.ts';
import { serve } from '../build/serve.ts';
import { trainingData } from './fixtures/data.ts';
import type { BundleResult } from './fixtures/page.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** A page that loads GPU.js and runs the kernels through it. */
const page = fixture('page.ts');
/** A page without GPU.js: the kernels' GLSL runs on the runtime's own runner. */
const precompiledPage = fixture('precompiled-page.ts');
const HYPATIA = { backends: ['gpujs' as const], floatX: 'float32' as const };
/** Pieces of GPU.js: its parser (acorn), its JavaScript-to-GLSL translators, its kernel exporter. */
const GPUJS = /acorn|FunctionBuilder|WebGL2FunctionNode|glWiretap/;

describe('the build plugin emits GPU.js programs', () => {
  it('kernels as data with their GLSL, host steps as code, no compiler in the bundle', async () => {
    const built = await bundle(page, { platform: 'browser', hypatia: HYPATIA });
    expect(built.text).toMatch(/gpujsExecutor\(/);
    expect(built.text).toMatch(/makeGpuJsFunction\(/);
    expect(built.text).toMatch(/this\.thread\.x/);
    expect(built.text).toMatch(/float kernel_\(\)/);
    // gpu.js itself holds `new Function` (its cpu mode); nothing of the compiler comes along
    expect(built.text).not.toMatch(/class TemplateError|function renderGpuJs|function optimize\(|function kernelGlsl/);
    expect(built.text).toMatch(GPUJS);
  });

  it('a page that does not load GPU.js gets none of it: no parser, no GLSL generation', async () => {
    const built = await bundle(precompiledPage, { platform: 'browser', hypatia: HYPATIA });
    expect(built.text).toMatch(/float kernel_\(\)/);
    expect(built.text).not.toMatch(GPUJS);
    // what stays of GPU.js's world: each kernel's JavaScript source, as a string GPU.js would
    // run where there is no WebGL2, and the runtime's GPU.js adapter (a few KiB, idle)
    expect(built.text).toMatch(/this\.thread\.x/);
  });
});

async function runPage(browser: Browser, entry: string): Promise<{ result: BundleResult; violations: string[] }> {
  const dir = tempDir('hypatia-gpujs-bundle-');
  const built = await bundle(entry, { platform: 'browser', target: 'es2022', hypatia: HYPATIA });
  writeFileSync(join(dir, 'main.js'), built.text);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>hypatia gpu.js bundle</title><script type="module" src="main.js"></script>');
  const site = await serve(dir, "script-src 'self'");
  const tab = await browser.newPage();
  try {
    await tab.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
    });
    await tab.goto(site.url);
    await tab.waitForFunction(() => window.hypatiaBundle?.done === true, undefined, { timeout: 120_000 });
    const result = (await tab.evaluate(() => window.hypatiaBundle)) as BundleResult;
    const violations = await tab.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    return { result, violations };
  } finally {
    await tab.close();
    await site.close();
  }
}

describe.skipIf(skip)('GPU.js bundles in headless Chromium under a strict CSP', () => {
  let browser: Browser;
  let viaGpuJs: { result: BundleResult; violations: string[] };
  let precompiled: { result: BundleResult; violations: string[] };
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    viaGpuJs = await runPage(browser, page);
    precompiled = await runPage(browser, precompiledPage);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('trains in webgl2 through GPU.js with no eval, as the JIT CPU path does', async () => {
    const { result, violations } = viaGpuJs;
    expect(result.error).toBeUndefined();
    expect(violations).toEqual([]);
    expect(result.mode).toBe('webgl2');
    expect(result.precompiled).toBe(false);
    const jit = await import('./fixtures/train.graph.ts');
    const { x, y } = trainingData();
    const costs: number[] = [];
    for (let i = 0; i < 30; i++) costs.push(((await jit.train(x, y)) as { data: Float32Array }).data[0]!);
    result.costs!.forEach((c, i) => expect(Math.abs(c - costs[i]!)).toBeLessThan(1e-4 * costs[i]! + 1e-5));
    expect(costs.at(-1)!).toBeLessThan(costs[0]! * 0.6);
    const w = jit.w.getValue().data;
    result.w!.forEach((v, i) => expect(Math.abs(v - w[i]!)).toBeLessThan(1e-4));
    const p = (await jit.predict(x)) as { data: Uint8Array };
    let hits = 0;
    for (let i = 0; i < y.size; i++) if (p.data[i] === y.data[i]) hits++;
    expect(result.accuracy).toBe(hits / y.size);
    expect(result.accuracy!).toBeGreaterThan(0.8);
  });

  it('trains with precompiled kernels and no GPU.js, giving the numbers GPU.js gives', () => {
    const { result, violations } = precompiled;
    expect(result.error).toBeUndefined();
    expect(violations).toEqual([]);
    expect(result.mode).toBe('webgl2');
    expect(result.precompiled).toBe(true);
    expect(result.gpujsLoaded).toBe(false);
    const g = viaGpuJs.result;
    result.costs!.forEach((c, i) => expect(Math.abs(c - g.costs![i]!)).toBeLessThan(1e-6 * g.costs![i]! + 1e-7));
    result.w!.forEach((v, i) => expect(Math.abs(v - g.w![i]!)).toBeLessThan(1e-6));
    expect(result.accuracy).toBe(g.accuracy);
  });
});
