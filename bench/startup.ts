// Startup: how long a fresh Node process takes from importing the logistic function to its
// first result, bundled with the plugin (kernels precompiled) vs without it (the JIT path:
// the compiler ships and compiles at first use); and the minified+gzip size of a bundle
// holding that one function, for the CPU and (in float32) with the WebGPU runtime.
// Run: npx tsx bench/startup.ts [--runs N]
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { hypatia } from '../esbuild-plugin/index.ts';
import { environmentHeader, fmt, isMain, markdownTable } from './harness.ts';

const FIXTURES = fileURLToPath(new URL('../test/build/fixtures/', import.meta.url));
export const SIZE_TARGET_KB = 25;
export const WEBGPU_SIZE_TARGET_KB = 40;

// t0 is taken before the graph module is evaluated (the dynamic import is bundled lazily);
// performance.now() counts from process start, so the second number also covers loading the bundle
const ENTRY = `
const t0 = performance.now();
const { logistic } = await import('./logistic.graph.ts');
const { NDArray } = await import('hypatia/runtime');
const x = new NDArray('float64', [100, 100], Float64Array.from({ length: 10000 }, (_, i) => (i % 21) - 10));
const y = logistic(x);
const t1 = performance.now();
console.log(JSON.stringify({ importToResult: t1 - t0, processToResult: t1, check: y.data[17] }));
`;

// Sizes are of an app that imports one function and calls it (static imports, as an app
// would write them): a dynamic import of hypatia/runtime above would keep every export of the
// runtime, WebGPU and GPU.js included, and measure those instead.
const SIZE_ENTRIES = {
  cpu: "import { logistic } from './logistic.graph.ts';\nconsole.log(logistic([[0, 1], [-1, -2]]).data[0]);\n",
  // the same function in float32 on WebGPU, where a call returns a Promise
  webgpu: "import { logistic } from './logistic-f32.graph.ts';\nconsole.log((await logistic([[0, 1], [-1, -2]])).data[0]);\n",
};

/** Minified+gzip KB of a browser bundle holding one function: cpu or WebGPU kernels, or the JIT path. */
export async function bundleSizeKb(kind: 'cpu' | 'webgpu' | 'jit'): Promise<number> {
  const plugins = kind === 'jit' ? [] : [hypatia(kind === 'cpu' ? { backends: ['cpu'] } : { backends: ['webgpu'], floatX: 'float32' })];
  const r = await esbuild.build({
    stdin: { contents: SIZE_ENTRIES[kind === 'webgpu' ? 'webgpu' : 'cpu'], resolveDir: FIXTURES, sourcefile: 'size-entry.ts', loader: 'ts' },
    bundle: true, format: 'esm', platform: 'browser', target: 'es2022', minify: true, write: false, logLevel: 'silent', plugins,
  });
  return gzipSync(r.outputFiles[0]!.text, { level: 9 }).length / 1024;
}

async function build(plugin: boolean): Promise<string> {
  const r = await esbuild.build({
    stdin: { contents: ENTRY, resolveDir: FIXTURES, sourcefile: 'startup-entry.ts', loader: 'ts' },
    bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'silent',
    plugins: plugin ? [hypatia({ backends: ['cpu'] })] : [],
  });
  return r.outputFiles[0]!.text;
}

interface Timing { wall: number; importToResult: number; processToResult: number; check: number }

async function runOnce(file: string): Promise<Timing> {
  const t0 = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [file]);
  const wall = performance.now() - t0;
  return { wall, ...(JSON.parse(stdout) as Omit<Timing, 'wall'>) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface StartupResult { rows: string[][]; sizeKb: number; jitSizeKb: number; webgpuSizeKb: number; met: boolean; webgpuMet: boolean }

export async function startup(runs = 15): Promise<StartupResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hypatia-startup-'));
  const files = { bundled: join(dir, 'bundled.mjs'), jit: join(dir, 'jit.mjs') };
  writeFileSync(files.bundled, await build(true));
  writeFileSync(files.jit, await build(false));
  const timings: Record<keyof typeof files, Timing[]> = { bundled: [], jit: [] };
  // alternate, so a slow patch of the machine hurts both sides alike
  for (let i = 0; i < runs; i++) {
    for (const k of ['bundled', 'jit'] as const) timings[k].push(await runOnce(files[k]));
  }
  if (median(timings.bundled.map((t) => t.check)) !== median(timings.jit.map((t) => t.check))) throw new Error('startup: bundled and JIT results differ');

  const sizeKb = await bundleSizeKb('cpu'), jitSizeKb = await bundleSizeKb('jit'), gpuKb = await bundleSizeKb('webgpu');
  const row = (name: string, ts: Timing[], size: number) => [
    name, `${fmt(median(ts.map((t) => t.importToResult)))} ms`, `${fmt(median(ts.map((t) => t.processToResult)))} ms`,
    `${fmt(median(ts.map((t) => t.wall)))} ms`, `${size.toFixed(1)} KB`,
  ];
  return {
    rows: [row('bundled with hypatia/esbuild', timings.bundled, sizeKb), row('JIT (compiler in the bundle)', timings.jit, jitSizeKb)],
    sizeKb, jitSizeKb, webgpuSizeKb: gpuKb, met: sizeKb <= SIZE_TARGET_KB, webgpuMet: gpuKb <= WEBGPU_SIZE_TARGET_KB,
  };
}

if (isMain(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 15;
  const r = await startup(runs);
  console.log('# hypatia startup: one logistic function, 100×100 float64 input\n');
  console.log(environmentHeader());
  console.log(`- medians of ${runs} fresh Node processes each, alternating\n`);
  console.log(markdownTable(['path', 'import → first result', 'process start → first result', 'process wall time', 'min+gzip bundle'], r.rows));
  console.log(`\nbundle size target ≤ ${SIZE_TARGET_KB} KB for cpu: ${r.met ? 'met' : 'MISSED'} (${r.sizeKb.toFixed(1)} KB)`);
  console.log(`bundle size target ≤ ${WEBGPU_SIZE_TARGET_KB} KB with the WebGPU runtime (float32 logistic): ${r.webgpuMet ? 'met' : 'MISSED'} (${r.webgpuSizeKb.toFixed(1)} KB)`);
}
