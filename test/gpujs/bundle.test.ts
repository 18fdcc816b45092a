// A graph module compiled for GPU.js by the build plugin, bundled into a page that runs under a
// CSP without 'unsafe-eval': in webgl2 GPU.js turns kernel sources into GLSL without evaluating
// anything, and the host steps are real code. The page trains; the same graph module trained on
// the JIT CPU path in this process gives the same costs (its dropout masks too).
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
const page = fileURLToPath(new URL('./fixtures/page.ts', import.meta.url));

describe('the build plugin emits GPU.js programs', () => {
  it('kernels as data, host steps as code, no compiler in the bundle', async () => {
    const built = await bundle(page, { platform: 'browser', hypatia: { backends: ['gpujs'], floatX: 'float32' } });
    expect(built.text).toMatch(/gpujsExecutor\(/);
    expect(built.text).toMatch(/makeGpuJsFunction\(/);
    expect(built.text).toMatch(/this\.thread\.x/);
    // gpu.js itself holds `new Function` (its cpu mode); nothing of the compiler comes along
    expect(built.text).not.toMatch(/class TemplateError|function renderGpuJs|function optimize\(/);
  });
});

describe.skipIf(skip)('a GPU.js bundle in headless Chromium under a strict CSP', () => {
  let browser: Browser;
  let result: BundleResult;
  let violations: string[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    const dir = tempDir('hypatia-gpujs-bundle-');
    const built = await bundle(page, { platform: 'browser', target: 'es2022', hypatia: { backends: ['gpujs'], floatX: 'float32' } });
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
      result = (await tab.evaluate(() => window.hypatiaBundle)) as BundleResult;
      violations = await tab.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    } finally {
      await tab.close();
      await site.close();
    }
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('trains in webgl2 with no eval, as the JIT CPU path does', async () => {
    expect(result.error).toBeUndefined();
    expect(violations).toEqual([]);
    expect(result.mode).toBe('webgl2');
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
});
