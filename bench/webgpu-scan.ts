// T.scan of 1 000 steps of a small recurrence, h = tanh(h W + x_t), in float32 on WebGPU
// against the CPU backend, sampled alternately in one process. On WebGPU the steps run on the
// device: one call encodes every step's kernels and row copies into one command stream and
// reads back once. For contrast, the loop a user would write without scan: one WebGPU call
// per step, awaited, its state read back each time. Also reported: kernels, command buffers
// and readbacks per call, and the adapter.
// Run: npx tsx bench/webgpu-scan.ts
import { existsSync } from 'node:fs';
import * as T from '../compiler/index.ts';
import { NDArray } from '../runtime/ndarray.ts';
import type { WebGpuFunction } from '../runtime/webgpu/function.ts';
import { adapterName, getDevice } from '../runtime/webgpu/device.ts';
import { environmentHeader, fmt, isMain, markdownTable } from './harness.ts';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
process.env.VK_LOADER_LAYERS_DISABLE ??= '~implicit~';

const STEPS = 1000;

const f32 = (shape: number[], at: (i: number) => number) => new NDArray('float32', shape, Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => at(i)));

function recurrence(units: number, backend: 'cpu' | 'webgpu') {
  const x = T.fmatrix('x'), h0 = T.fvector('h0'), W = T.fmatrix('W');
  const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: x, outputsInfo: h0, nonSequences: W });
  return (T.fn as (...a: unknown[]) => (...args: unknown[]) => unknown)([x, h0, W], hs, { backend });
}

/**
 * Milliseconds per call of `run` after one warm-up call, as "best (median)" of `samples`: on a
 * machine shared with other work SwiftShader's threads are easily preempted, and the best
 * sample is the one that was not.
 */
async function timeIt(run: () => unknown, samples: number): Promise<string> {
  await run();
  const t: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await run();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return `${fmt(t[0]!)} ms (${fmt(t[t.length >> 1]!)})`;
}

export async function webgpuScan(units: number): Promise<string[]> {
  const xs = f32([STEPS, units], (i) => Math.sin(i) * 0.5);
  const w = f32([units, units], (i) => Math.cos(i) * 0.3);
  const h0 = f32([units], () => 0);
  const cpu = recurrence(units, 'cpu');
  const gpu = recurrence(units, 'webgpu') as WebGpuFunction;
  const want = cpu(xs, h0, w) as NDArray, got = (await gpu(xs, h0, w)) as NDArray;
  let err = 0;
  for (let i = 0; i < want.size; i++) err = Math.max(err, Math.abs(got.data[i]! - want.data[i]!));
  const stats = gpu.stats();

  // the step alone, called once per step from JS
  const x = T.fvector('x'), h = T.fvector('h'), W = T.fmatrix('W');
  const step = (T.fn as (...a: unknown[]) => (...args: unknown[]) => Promise<NDArray>)([x, h, W], T.tanh(T.add(T.dot(h, W), x)), { backend: 'webgpu' });
  const rows = Array.from({ length: STEPS }, (_, t) => new NDArray('float32', [units], xs.data.subarray(t * units, (t + 1) * units) as Float32Array));
  const perCall = async () => {
    let s: NDArray = h0;
    for (let t = 0; t < STEPS; t++) s = await step(rows[t]!, s, w);
    return s;
  };

  const msCpu = await timeIt(() => cpu(xs, h0, w), 9);
  const msGpu = await timeIt(() => gpu(xs, h0, w), 9);
  const msCalls = await timeIt(perCall, 3);
  return [
    `${units}`, msCpu, msGpu, msCalls,
    `${stats.dispatches} / ${stats.submits} / ${stats.readbacks}`, err.toExponential(1),
  ];
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  console.log(`adapter: ${adapterName(await getDevice())}\n`);
  const rows: string[][] = [];
  for (const units of [8, 64]) rows.push(await webgpuScan(units));
  console.log(markdownTable(
    ['units', 'CPU backend', 'WebGPU scan (on the device)', 'WebGPU, one call per step', 'kernels / command buffers / readbacks per call', 'max |gpu - cpu|'],
    rows,
  ));
  console.log(`\n${STEPS} steps of h = tanh(h W + x_t), float32; best (median) of 9 calls, 3 for the per-step loop.`);
}
