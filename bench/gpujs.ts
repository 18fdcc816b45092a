// The seed's float32 logistic-regression training step (N=400, 784 features) on GPU.js in
// webgl2 against the CPU and WebGPU backends, all in one headless-Chromium page (WebGL2 through
// ANGLE on SwiftShader, WebGPU with --enable-unsafe-webgpu), sampled alternately. Also what
// GPU.js kernels cost at startup: GPU.js's own work (parse, GLSL generation) against the
// browser's GLSL compile, which kernels exported with kernel.toString would still pay.
// Run: npx tsx bench/gpujs.ts
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { serve } from '../test/build/serve.ts';
import { environmentHeader, fmt, isMain, markdownTable } from './harness.ts';
import type { BenchResult } from './gpujs/page.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--enable-unsafe-webgpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Build the page, open it in headless Chromium, and return what it measured. */
export async function runBenchPage(): Promise<BenchResult & { browser: string }> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const dir = mkdtempSync(join(tmpdir(), 'hypatia-gpujs-bench-'));
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL('./gpujs/page.ts', import.meta.url))],
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', outfile: join(dir, 'main.js'), logLevel: 'warning',
  });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>hypatia gpu.js bench</title><script type="module" src="main.js"></script>');
  const site = await serve(dir, "script-src 'self' 'unsafe-eval'");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => window.hypatiaBench?.done === true, undefined, { timeout: 600_000 });
    const r = (await page.evaluate(() => window.hypatiaBench)) as BenchResult;
    if (r.error) throw new Error(`the benchmark page failed: ${r.error}`);
    return { ...r, browser: browser.version() };
  } finally {
    await browser.close();
    await site.close();
  }
}

if (isMain(import.meta.url)) {
  const r = await runBenchPage();
  console.log(environmentHeader());
  console.log(`- browser: headless Chromium ${r.browser}`);
  console.log(`- WebGL2: ${r.renderer}`);
  console.log(`- WebGPU adapter: ${r.adapter}\n`);
  const t = r.timings!;
  const ms = (k: string) => (t[k] ? `${fmt(t[k]!.msPerStep)} ms` : 'n/a');
  const ratio = (k: string, base: string) => (t[k] && t[base] ? `${fmt(t[k]!.msPerStep / t[base]!.msPerStep)}×` : 'n/a');
  console.log(markdownTable(
    ['float32 training step (N=400, 784 features)', 'CPU backend', 'GPU.js webgl2', 'WebGPU', 'GPU.js/CPU', 'GPU.js/WebGPU'],
    (['inputs', 'shared'] as const).map((feed) => [
      feed === 'inputs' ? 'data passed each call, outputs read back' : 'data in shared variables, no outputs',
      ms(`cpu ${feed}`), ms(`gpujs ${feed}`), ms(`webgpu ${feed}`), ratio(`gpujs ${feed}`, `cpu ${feed}`), ratio(`gpujs ${feed}`, `webgpu ${feed}`),
    ]),
  ));
  console.log(`\nGPU.js: ${r.launches} kernels per step; max |w - w_cpu| after all steps: ${Object.entries(r.maxWeightError!).map(([b, e]) => `${b} ${e.toExponential(2)}`).join(', ')}`);
  const s = r.startup!;
  console.log(`\n${markdownTable(['startup of the training step on GPU.js (webgl2)', 'ms'], [
    ['hypatia compiles the graph (JIT path; a bundle skips it)', fmt(s.compileGraphMs)],
    [`first call: GPU.js builds its ${s.kernels} kernels, then runs the step`, fmt(s.firstCallMs)],
    ['  of which GPU.js kernel builds (parse, GLSL generation, compile, first run)', fmt(s.gpujsBuildMs)],
    ['  of which the browser compiles and links their GLSL (what a toString export still pays)', fmt(s.glslCompileMs)],
  ])}`);
  console.log(`\n(kernel.toString exports of these ${s.kernels} kernels: ${fmt(s.exportChars / 1024)} KiB of JS, each fixed to the sizes it was exported at)`);
  for (const [k, v] of Object.entries(t)) console.log(`${k}: ${fmt(v.msPerStep)} ms/step (samples ${fmt(v.min)}–${fmt(v.max)} ms)`);
}
