// Logistic regression in float32 trained in the page on GPU.js (webgl2) and on the CPU backend
// from the same data: both costs per step, the weights' largest difference, and whether the
// weights stayed on the GPU between steps.
import * as T from '../../../compiler/index.ts';
import type { NDArray } from '../../../runtime/ndarray.ts';
import { GpuJsValue } from '../../../runtime/gpujs/shared-state.ts';
import { isTexture } from '../../../runtime/gpujs/device.ts';
import { Random } from '../../../samples/lib/random.ts';
import type { GpuJsFunction } from '../../../runtime/gpujs/function.ts';
import { precompiledFunction } from '../../../compiler/backends/gpujs/function.ts';

export interface TrainResult { gpuCost: number[]; cpuCost: number[]; maxError: number; accuracy: number; stateOnGpu: boolean; precompiled: boolean }

type Fn = (...a: unknown[]) => unknown;

function model(w0: Float32Array, backend: 'cpu' | 'gpujs', precompiled = false) {
  const x = T.fmatrix('x');
  const y = T.fvector('y');
  const w = T.shared(w0.slice(), { name: 'w' });
  const b = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'b' });
  const z = T.tensor`dot(${x}, ${w}) + ${b}`;
  const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
  const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const train = (T.fn as unknown as (...a: unknown[]) => Fn)([x, y], [cost, T.tensor`1 / (1 + exp(-${z})) > 0.5`], {
    updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]], backend,
  });
  return { w, train: precompiled ? precompiledFunction(train as unknown as GpuJsFunction) as unknown as Fn : train };
}

/** GPU.js (or precompiled kernels on the runtime's own runner) against the CPU backend. */
export async function trainBoth(steps: number, precompiled = false): Promise<TrainResult> {
  const rng = new Random(3);
  const n = 100, feats = 200;
  const x = T.asarray(Float32Array.from(rng.randn(n * feats)), { dtype: 'float32', shape: [n, feats] });
  const y = T.asarray(Float32Array.from({ length: n }, () => rng.randint(0, 2)), { dtype: 'float32' });
  const w0 = Float32Array.from(rng.randn(feats));
  const g = model(w0, 'gpujs', precompiled), c = model(w0, 'cpu');
  const gpuCost: number[] = [], cpuCost: number[] = [];
  let pred: NDArray | null = null;
  for (let i = 0; i < steps; i++) {
    const [gc, p] = (await g.train(x, y)) as NDArray[];
    gpuCost.push(gc!.data[0]!);
    pred = p!;
    cpuCost.push(((c.train(x, y) as NDArray[])[0]!).data[0]!);
  }
  const mirror = (g.w as unknown as { container: { mirror: unknown } }).container.mirror;
  const stateOnGpu = mirror instanceof GpuJsValue && mirror.dev !== null && isTexture(mirror.dev);
  const wg = g.w.getValue().data, wc = c.w.getValue().data;
  let maxError = 0;
  for (let i = 0; i < wc.length; i++) maxError = Math.max(maxError, Math.abs(wg[i]! - wc[i]!));
  let hits = 0;
  for (let i = 0; i < n; i++) if (pred!.data[i] === y.data[i]) hits++;
  return { gpuCost, cpuCost, maxError, accuracy: hits / n, stateOnGpu, precompiled: (g.train as unknown as GpuJsFunction).stats().precompiled };
}
