// A page that compiles a function for WebGPU and runs it on the browser's navigator.gpu,
// checking it against the CPU backend in the same page. The test reads `window.hypatiaGpu`.
import * as T from '../../../compiler/index.ts';
import type { NDArray } from '../../../runtime/ndarray.ts';

export interface PageResult { adapter?: string; maxError?: number; gpuCost?: number[]; cpuCost?: number[]; error?: string; done: boolean }
declare global { interface Window { hypatiaGpu?: PageResult } }

function model() {
  const x = T.fmatrix('x');
  const y = T.fvector('y');
  const w = T.shared(T.asarray(Array.from({ length: 8 }, (_, i) => Math.sin(i)), { dtype: 'float32' }), { name: 'w' });
  const z = T.dot(x, w);
  const cost = T.tensor`mean(${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z}))`;
  const [gw] = T.grad(cost, [w]);
  return { x, y, w, cost, updates: [[w, T.tensor`${w} - 0.5 * ${gw}`]] as const };
}

async function main(): Promise<PageResult> {
  const adapter = await navigator.gpu.requestAdapter();
  const info = adapter?.info;
  const xs = T.asarray(Array.from({ length: 32 }, (_, i) => Array.from({ length: 8 }, (_, j) => Math.cos(i * 7 + j * 3))), { dtype: 'float32' });
  const ys = T.asarray(Array.from({ length: 32 }, (_, i) => (Math.cos(i * 7) > 0 ? 1 : 0)), { dtype: 'float32' });
  const g = model(), c = model();
  const gpuStep = T.fn([g.x, g.y], g.cost, { updates: g.updates, backend: 'webgpu' });
  const cpuStep = T.fn([c.x, c.y], c.cost, { updates: c.updates });
  const gpuCost: number[] = [], cpuCost: number[] = [];
  for (let i = 0; i < 10; i++) {
    gpuCost.push((await gpuStep(xs, ys)).data[0]!);
    cpuCost.push((cpuStep(xs, ys) as NDArray).data[0]!);
  }
  const wg = (await g.w.getValueAsync()).data, wc = c.w.getValue().data;
  let maxError = 0;
  for (let i = 0; i < wc.length; i++) maxError = Math.max(maxError, Math.abs(wg[i]! - wc[i]!));
  return { adapter: `${info?.vendor ?? ''} ${info?.architecture ?? ''}`.trim(), maxError, gpuCost, cpuCost, done: true };
}

main().then((r) => { window.hypatiaGpu = r; }, (e: unknown) => { window.hypatiaGpu = { error: String((e as Error)?.stack ?? e), done: true }; });
