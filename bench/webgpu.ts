// The seed's logistic-regression training step in float32 (N=400, 784 features) on WebGPU
// against the CPU backend, sampled alternately in one process. Two ways to feed the GPU:
// the data passed every call with the prediction and cross-entropy read back (the seed's
// loop), and the data in shared variables with nothing read back (Theano's GPU idiom).
// Also reported: kernels dispatched per step, pipeline creation time, and the adapter; and the
// shared-variable step in float16 (binary16 values in f32 lanes, rounded at every op) on both.
// Run: npx tsx bench/webgpu.ts
import { existsSync } from 'node:fs';
import * as T from '../compiler/index.ts';
import type { NDArray } from '../runtime/ndarray.ts';
import type { WebGpuFunction } from '../runtime/webgpu/function.ts';
import { adapterName, getDevice } from '../runtime/webgpu/device.ts';
import { type BenchRow, environmentHeader, fmt, isMain, markdownTable } from './harness.ts';
import { FEATS, logisticData } from './logistic-data.ts';

const LR = 0.1, L2 = 0.01;

// without a GPU, Dawn runs on SwiftShader's Vulkan driver from Debian's chromium-common
const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
process.env.VK_LOADER_LAYERS_DISABLE ??= '~implicit~';


type Backend = 'cpu' | 'webgpu';
type Feed = 'inputs' | 'shared';

/** One training step compiled for `backend`, fed as `feed` says; `step()` awaits its completion. */
function trainer(backend: Backend, feed: Feed, data: { x: NDArray; y: NDArray }, dtype: 'float32' | 'float16' = 'float32') {
  const xs = T.shared(data.x.astype(dtype), { name: 'X' }), ys = T.shared(data.y.astype(dtype), { name: 'Y' });
  const x = feed === 'inputs' ? T.tensor(dtype, 2, 'x') : xs, y = feed === 'inputs' ? T.tensor(dtype, 1, 'y') : ys;
  const w = T.shared(T.zeros([FEATS], { dtype }).eval(), { name: 'w' });
  const b = T.shared(T.asarray(0, { dtype }), { name: 'b' });
  const z = T.tensor`(${x} @ ${w}) + ${b}`;
  const prediction = T.tensor`1 / (1 + exp(-${z})) > 0.5`;
  const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
  const cost = T.tensor`mean(${xent}) + ${L2} * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const updates = [[w, T.tensor`${w} - ${LR} * ${gw}`], [b, T.tensor`${b} - ${LR} * ${gb}`]] as const;
  const inputs = feed === 'inputs' ? [x, y] : [];
  const outputs = feed === 'inputs' ? [prediction, xent] : [];
  const t0 = performance.now();
  const f = (T.fn as (...a: unknown[]) => (...args: unknown[]) => unknown)(inputs, outputs, { updates, backend });
  const compileMs = performance.now() - t0;
  const args = feed === 'inputs' ? [data.x, data.y] : [];
  return { f, compileMs, w, step: async () => { await f(...args); } };
}

interface Timing { msPerStep: number; spread: [number, number] }

/** Median ms/step over `samples` batches, the candidates sampled alternately. */
async function alternate(cands: Record<string, () => Promise<void>>, batch: number, samples: number, sync: () => Promise<void>): Promise<Record<string, Timing>> {
  const times: Record<string, number[]> = {};
  for (const k of Object.keys(cands)) times[k] = [];
  for (let s = 0; s < samples; s++) {
    for (const [k, run] of Object.entries(cands)) {
      await sync();
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) await run();
      await sync();
      times[k]!.push((performance.now() - t0) / batch);
    }
  }
  const out: Record<string, Timing> = {};
  for (const [k, t] of Object.entries(times)) {
    const sorted = [...t].sort((a, b) => a - b);
    out[k] = { msPerStep: sorted[Math.floor(sorted.length / 2)]!, spread: [sorted[0]!, sorted.at(-1)!] };
  }
  return out;
}

export async function webgpuTrainingStep(options: { batch?: number; samples?: number } = {}): Promise<BenchRow & { adapter: string; table: string[][] }> {
  const { batch = 10, samples = 7 } = options;
  const device = await getDevice();
  const adapter = adapterName(device);
  const data = logisticData('float32');
  const runs = {
    'cpu inputs': trainer('cpu', 'inputs', data), 'webgpu inputs': trainer('webgpu', 'inputs', data),
    'cpu shared': trainer('cpu', 'shared', data), 'webgpu shared': trainer('webgpu', 'shared', data),
    'cpu shared f16': trainer('cpu', 'shared', data, 'float16'), 'webgpu shared f16': trainer('webgpu', 'shared', data, 'float16'),
  };
  // pipeline creation: the first call of each WebGPU function creates all of its pipelines at once
  const gpuIn = runs['webgpu inputs'].f as WebGpuFunction, gpuSh = runs['webgpu shared'].f as WebGpuFunction;
  await gpuIn.ready();
  await gpuSh.ready();
  const gpuH = runs['webgpu shared f16'].f as WebGpuFunction;
  await gpuH.ready();
  for (const r of Object.values(runs)) for (let i = 0; i < 3; i++) await r.step();
  const sync = () => device.queue.onSubmittedWorkDone();
  const t = await alternate(Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, r.step])), batch, samples, sync);
  // both backends trained the same number of steps from the same start: the weights agree
  const wc = runs['cpu inputs'].w.getValue().data, wg = (await runs['webgpu inputs'].w.getValueAsync()).data;
  let dw = 0;
  for (let i = 0; i < wc.length; i++) dw = Math.max(dw, Math.abs(wc[i]! - wg[i]!));

  const ms = (k: keyof typeof runs) => `${fmt(t[k]!.msPerStep)} ms`;
  const ratio = t['webgpu inputs']!.msPerStep / t['cpu inputs']!.msPerStep;
  const table = [
    ['float32, data passed each call, outputs read back', ms('cpu inputs'), ms('webgpu inputs'), `${fmt(t['webgpu inputs']!.msPerStep / t['cpu inputs']!.msPerStep)}×`, String(gpuIn.stats().dispatches), `${fmt(gpuIn.stats().pipelineMs)} ms`],
    ['float32, data in shared variables, no outputs', ms('cpu shared'), ms('webgpu shared'), `${fmt(t['webgpu shared']!.msPerStep / t['cpu shared']!.msPerStep)}×`, String(gpuSh.stats().dispatches), `${fmt(gpuSh.stats().pipelineMs)} ms`],
    ['float16, data in shared variables, no outputs', ms('cpu shared f16'), ms('webgpu shared f16'), `${fmt(t['webgpu shared f16']!.msPerStep / t['cpu shared f16']!.msPerStep)}×`, String(gpuH.stats().dispatches), `${fmt(gpuH.stats().pipelineMs)} ms`],
  ];
  const wh = runs['cpu shared f16'].w.getValue().data, wgh = (await runs['webgpu shared f16'].w.getValueAsync()).data;
  let dh = 0;
  for (let i = 0; i < wh.length; i++) dh = Math.max(dh, Math.abs(wh[i]! - wgh[i]!));
  return {
    adapter: `${adapter}${device.features.has('shader-f16') ? ' (has shader-f16)' : ' (no shader-f16)'}`, table,
    benchmark: `training step float32, WebGPU (${adapter}) / CPU`,
    hypatia: `${ms('webgpu inputs')}/step`,
    hand: `${ms('cpu inputs')}/step (CPU backend)`,
    ratio: `${fmt(ratio)}×`,
    target: 'reported',
    met: dw < 1e-3 && dh < 1e-2,
    notes: [
      `webgpu: ${gpuIn.stats().dispatches} kernels per step; pipelines created in ${fmt(gpuIn.stats().pipelineMs)} ms; ` +
        `max |w_webgpu - w_cpu| after all steps ${dw.toExponential(2)} (float16: ${dh.toExponential(2)}); buffers ${JSON.stringify(gpuIn.stats().buffers)}`,
      ...Object.entries(t).map(([k, v]) => `${k}: ${fmt(v.msPerStep)} ms/step (samples ${fmt(v.spread[0])}–${fmt(v.spread[1])} ms, ${batch} steps each)`),
    ],
  };
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  const row = await webgpuTrainingStep();
  console.log(`\nadapter: ${row.adapter}\n`);
  console.log(markdownTable(['training step (N=400, 784 features)', 'CPU backend', 'WebGPU', 'WebGPU/CPU', 'kernels per step', 'pipeline creation'], row.table));
  console.log('\n(pipeline creation: the second function reuses the pipelines of kernels the first one already compiled)');
  for (const n of row.notes) console.log(`\n${n}`);
}
