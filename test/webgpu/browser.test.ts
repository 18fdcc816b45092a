// One compiled WebGPU function in headless Chromium, on the browser's own navigator.gpu
// (SwiftShader here): the page is bundled from test/webgpu/page/main.ts with esbuild and
// served from 127.0.0.1 (WebGPU needs a secure context).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { tempDir } from '../build/helpers.ts';
import { serve } from '../build/serve.ts';
import { inCI } from './gpu.ts';
import type { PageResult } from './page/main.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(CHROMIUM) && !inCI) console.warn(`\n*** WebGPU browser test SKIPPED: ${CHROMIUM} is missing (apt-get install chromium)\n`);

describe.skipIf(!existsSync(CHROMIUM) && !inCI)('WebGPU in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('runs a compiled function on navigator.gpu and matches the CPU backend', async () => {
    const dir = tempDir('hypatia-webgpu-page-');
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./page/main.ts', import.meta.url))],
      bundle: true, platform: 'browser', format: 'esm', target: 'es2022', outfile: join(dir, 'main.js'), logLevel: 'warning',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>hypatia webgpu</title><script type="module" src="main.js"></script>');
    const site = await serve(dir, "script-src 'self' 'unsafe-eval'");
    const page = await browser.newPage();
    try {
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
      await page.goto(site.url);
      await page.waitForFunction(() => window.hypatiaGpu?.done === true, undefined, { timeout: 120_000 });
      const r = (await page.evaluate(() => window.hypatiaGpu)) as PageResult;
      expect(errors).toEqual([]);
      expect(r.error).toBeUndefined();
      expect(r.adapter).toMatch(/\S/);
      expect(r.gpuCost!.length).toBe(10);
      r.gpuCost!.forEach((c, i) => expect(Math.abs(c - r.cpuCost![i]!)).toBeLessThan(1e-5));
      expect(r.gpuCost!.at(-1)!).toBeLessThan(r.gpuCost![0]!);
      expect(r.maxError!).toBeLessThan(1e-5);
    } finally {
      await page.close();
      await site.close();
    }
  }, 180_000);
});
