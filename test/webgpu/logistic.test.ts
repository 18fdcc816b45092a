// The seed tutorial's logistic regression in float32, trained on WebGPU and on the CPU from
// the same data and initial weights: same accuracy, weights equal to float32 accuracy.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { accuracy, makeData } from '../../samples/logistic-regression.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';

function model(w0: Float64Array) {
  const x = T.fmatrix('x');
  const y = T.fvector('y');
  const w = T.shared(Float32Array.from(w0), { name: 'w' });
  const b = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'b' });
  const z = T.tensor`dot(${x}, ${w}) + ${b}`;
  const prediction = T.tensor`1 / (1 + exp(-${z})) > 0.5`;
  const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
  const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const updates = [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]] as const;
  return { x, y, w, b, prediction, xent, cost, updates };
}

const STEPS = 250;

describe.skipIf(!hasGpu)('logistic regression on WebGPU', () => {
  it(`trains ${STEPS} steps to the CPU's accuracy and weights`, async () => {
    const data = makeData(0);
    const x = data.x.astype('float32'), y = data.y.astype('float32');

    const cpu = model(data.w0);
    const cpuTrain = T.fn([cpu.x, cpu.y], [cpu.prediction, cpu.xent], { updates: cpu.updates });
    const cpuCost = T.fn([cpu.x, cpu.y], cpu.cost);
    const gpu = model(data.w0);
    const gpuTrain = gpuFn([gpu.x, gpu.y], [gpu.prediction, gpu.xent], { updates: gpu.updates });
    const gpuCost = gpuFn([gpu.x, gpu.y], gpu.cost);

    const before = (cpuCost(x, y) as NDArray).data[0]!;
    let pc: NDArray | null = null, pg: NDArray | null = null;
    for (let i = 0; i < STEPS; i++) {
      [pc] = cpuTrain(x, y) as NDArray[];
      [pg] = (await gpuTrain(x, y)) as NDArray[];
    }
    const after = (cpuCost(x, y) as NDArray).data[0]!;
    const afterGpu = ((await gpuCost(x, y)) as NDArray).data[0]!;
    expect(after).toBeLessThan(before);
    expect(Math.abs(afterGpu - after)).toBeLessThan(1e-3 * Math.abs(after) + 1e-5);
    expect(accuracy(pg!, data.y)).toBe(accuracy(pc!, data.y));
    expect(accuracy(pg!, data.y)).toBeGreaterThan(0.95);
    const wc = cpu.w.getValue().data, wg = (await gpu.w.getValueAsync()).data;
    let worst = 0;
    for (let i = 0; i < wc.length; i++) worst = Math.max(worst, Math.abs(wc[i]! - wg[i]!));
    expect(worst).toBeLessThan(1e-4);
  });
});
