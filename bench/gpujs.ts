// The seed's float32 logistic-regression training step (N=400, 784 features) on GPU.js in
// webgl2 against the CPU and WebGPU backends, all in one headless-Chromium page (WebGL2 through
// ANGLE on SwiftShader, WebGPU with --enable-unsafe-webgpu), sampled alternately; GPU.js runs
// both its own way and with the kernels precompiled to GLSL on the runtime's WebGL2 runner.
// Then startup: the step bundled by the build plugin, first result with GPU.js parsing the
// kernels against first result with their GLSL translated at build time (no GPU.js in the
// page), each page in a fresh browser, and what the browser's GLSL compile takes of it.
// Run: npx tsx bench/gpujs.ts (--startup: only the startup pages; STARTUP_SAMPLES=n browsers each, 7 by default)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { hypatia } from '../esbuild-plugin/index.ts';
import { serve } from '../test/build/serve.ts';
import { environmentHeader, fmt, isMain, markdownTable } from './harness.ts';
import type { BenchResult } from './gpujs/page.ts';
import type { StartupSample } from './gpujs/startup-common.ts';

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

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_PAGES = { gpujs: 'startup-gpujs.ts', precompiled: 'startup-precompiled.ts' } as const;
type StartupPath = keyof typeof STARTUP_PAGES;

export interface StartupRun {
  /** Median of each measure over the samples. */
  median: Record<StartupPath, StartupSample>;
  samples: Record<StartupPath, StartupSample[]>;
  /** The minified bundle, raw and gzipped. */
  bytes: Record<StartupPath, { raw: number; gzip: number }>;
}

/** Both startup pages bundled by the build plugin (minified), each opened `samples` times in a fresh browser, alternately. */
export async function runStartupPages(samples = 7): Promise<StartupRun> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const dirs = {} as Record<StartupPath, string>;
  const bytes = {} as StartupRun['bytes'];
  for (const path of Object.keys(STARTUP_PAGES) as StartupPath[]) {
    const dir = (dirs[path] = mkdtempSync(join(tmpdir(), `hypatia-gpujs-startup-${path}-`)));
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL(`./gpujs/${STARTUP_PAGES[path]}`, import.meta.url))],
      bundle: true, platform: 'browser', format: 'esm', target: 'es2022', minify: true, outfile: join(dir, 'main.js'), logLevel: 'warning',
      absWorkingDir: ROOT, plugins: [hypatia({ backends: ['gpujs'], floatX: 'float32' })],
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>hypatia startup</title><script type="module" src="main.js"></script>');
    const js = readFileSync(join(dir, 'main.js'));
    bytes[path] = { raw: js.length, gzip: gzipSync(js).length };
  }
  const all: Record<StartupPath, StartupSample[]> = { gpujs: [], precompiled: [] };
  for (let k = 0; k < samples; k++) {
    for (const path of Object.keys(STARTUP_PAGES) as StartupPath[]) {
      const site = await serve(dirs[path], "script-src 'self'");
      // a fresh browser and profile each time: no shader cache carries over from the last page
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      try {
        const page = await browser.newPage();
        await page.goto(site.url);
        await page.waitForFunction(() => window.hypatiaStartup?.done === true, undefined, { timeout: 120_000 });
        const r = (await page.evaluate(() => window.hypatiaStartup)) as StartupSample;
        if (r.error) throw new Error(`the ${path} startup page failed: ${r.error}`);
        if (r.precompiled !== (path === 'precompiled') || r.mode !== 'webgl2') throw new Error(`the ${path} startup page ran precompiled=${r.precompiled} in ${r.mode}`);
        all[path].push(r);
      } finally {
        await browser.close();
        await site.close();
      }
    }
  }
  const median = (list: StartupSample[]): StartupSample => {
    const out = { ...list[0]! };
    for (const key of Object.keys(out) as (keyof StartupSample)[]) {
      if (typeof out[key] !== 'number') continue;
      const sorted = list.map((x) => x[key] as number).sort((a, b) => a - b);
      (out as unknown as Record<string, number>)[key] = sorted[Math.floor(sorted.length / 2)]!;
    }
    return out;
  };
  return { median: { gpujs: median(all.gpujs), precompiled: median(all.precompiled) }, samples: all, bytes };
}

async function reportPage(): Promise<void> {
  const r = await runBenchPage();
  console.log(environmentHeader());
  console.log(`- browser: headless Chromium ${r.browser}`);
  console.log(`- WebGL2: ${r.renderer}`);
  console.log(`- WebGPU adapter: ${r.adapter}\n`);
  const t = r.timings!;
  const ms = (k: string) => (t[k] ? `${fmt(t[k]!.msPerStep)} ms` : 'n/a');
  const ratio = (k: string, base: string) => (t[k] && t[base] ? `${fmt(t[k]!.msPerStep / t[base]!.msPerStep)}×` : 'n/a');
  console.log(markdownTable(
    ['float32 training step (N=400, 784 features)', 'CPU backend', 'GPU.js webgl2', 'precompiled GLSL', 'WebGPU', 'GPU.js/CPU', 'GPU.js/WebGPU', 'precompiled/GPU.js'],
    (['inputs', 'shared'] as const).map((feed) => [
      feed === 'inputs' ? 'data passed each call, outputs read back' : 'data in shared variables, no outputs',
      ms(`cpu ${feed}`), ms(`gpujs ${feed}`), ms(`precompiled ${feed}`), ms(`webgpu ${feed}`),
      ratio(`gpujs ${feed}`, `cpu ${feed}`), ratio(`gpujs ${feed}`, `webgpu ${feed}`), ratio(`precompiled ${feed}`, `gpujs ${feed}`),
    ]),
  ));
  console.log(`\nGPU.js: ${r.launches} kernels per step; max |w - w_cpu| after all steps: ${Object.entries(r.maxWeightError!).map(([b, e]) => `${b} ${e.toExponential(2)}`).join(', ')}`);
  const s = r.startup!;
  console.log(`\n${markdownTable(['startup of the training step on GPU.js (webgl2), JIT path', 'ms'], [
    ['hypatia compiles the graph (a bundle skips it)', fmt(s.compileGraphMs)],
    [`first call: GPU.js builds its ${s.kernels} kernels, then runs the step`, fmt(s.firstCallMs)],
    ['  of which GPU.js kernel builds (parse, GLSL generation, compile, first run)', fmt(s.gpujsBuildMs)],
    ['  of which the browser compiles and links their GLSL', fmt(s.glslCompileMs)],
  ])}`);
  console.log(`\n(kernel.toString exports of these ${s.kernels} kernels: ${fmt(s.exportChars / 1024)} KiB of JS, each fixed to the sizes it was exported at)`);
  for (const [k, v] of Object.entries(t)) console.log(`${k}: ${fmt(v.msPerStep)} ms/step (samples ${fmt(v.min)}–${fmt(v.max)} ms)`);
}

async function reportStartup(): Promise<void> {
  const samples = Number(process.env.STARTUP_SAMPLES ?? 7);
  const st = await runStartupPages(samples);
  const g = st.median.gpujs, p = st.median.precompiled;
  const kib = (b: { raw: number; gzip: number }) => `${fmt(b.raw / 1024)} KiB (${fmt(b.gzip / 1024)} KiB gzip)`;
  console.log(`\n${markdownTable([`bundled training step, startup in webgl2 (median of ${samples} fresh browsers)`, 'GPU.js parses the kernels', 'precompiled GLSL, no GPU.js'], [
    ['minified bundle', kib(st.bytes.gpujs), kib(st.bytes.precompiled)],
    ['entry module starts (ms since navigation; includes evaluating GPU.js)', fmt(g.scriptStartMs), fmt(p.scriptStartMs)],
    [`first call (ms): ${p.kernels} kernels built, the step run, outputs read`, fmt(g.firstCallMs), fmt(p.firstCallMs)],
    ['  of which ready(): GPU.js instance / context and compiles issued (ms)', fmt(g.readyMs), fmt(p.readyMs)],
    ['  of which kernel builds on the main thread (ms)', fmt(g.buildMs), fmt(p.buildMs)],
    ['the same shaders compiled, linked and drawn once, fresh context (ms)', fmt(g.glslCompileMs), fmt(p.glslCompileMs)],
    ['first result (ms since navigation)', fmt(g.firstResultMs), fmt(p.firstResultMs)],
    ['later steps (ms)', fmt(g.stepMs), fmt(p.stepMs)],
  ])}`);
  for (const path of ['gpujs', 'precompiled'] as const) {
    console.log(`${path}: first call ${st.samples[path].map((x) => fmt(x.firstCallMs)).join(', ')} ms; first result ${st.samples[path].map((x) => fmt(x.firstResultMs)).join(', ')} ms`);
  }
}

if (isMain(import.meta.url)) {
  if (process.argv.includes('--startup')) console.log(environmentHeader());
  else await reportPage();
  await reportStartup();
}
