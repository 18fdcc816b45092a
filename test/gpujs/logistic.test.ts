// The seed tutorial's logistic regression in float32 (samples/logistic-regression.ts), trained on
// GPU.js (cpu mode) and on the CPU backend from the same data and initial weights: the cost
// falls the same way, the accuracy is the same, the weights agree to float32 accuracy.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { accuracy, makeData } from '../../samples/logistic-regression.ts';

function model(w0: Float64Array, backend: 'cpu' | 'gpujs') {
  const x = T.fmatrix('x');
  const y = T.fvector('y');
  const w = T.shared(Float32Array.from(w0), { name: 'w' });
  const b = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'b' });
  const z = T.tensor`dot(${x}, ${w}) + ${b}`;
  const prediction = T.tensor`1 / (1 + exp(-${z})) > 0.5`;
  const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
  const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const compile = T.fn as unknown as (...a: unknown[]) => (...x: unknown[]) => unknown;
  const train = compile([x, y], [prediction, xent], { updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]], backend });
  const costOf = compile([x, y], cost, { backend });
  return { w, train, costOf };
}

const STEPS = 250;

describe('logistic regression on GPU.js', () => {
  it(`trains ${STEPS} steps to the CPU's accuracy and weights`, async () => {
    const data = makeData(0);
    const x = data.x.astype('float32'), y = data.y.astype('float32');
    const cpu = model(data.w0, 'cpu'), gj = model(data.w0, 'gpujs');
    const before = ((await gj.costOf(x, y)) as NDArray).data[0]!;
    let pc: NDArray | null = null, pg: NDArray | null = null;
    for (let i = 0; i < STEPS; i++) {
      [pc] = cpu.train(x, y) as NDArray[];
      [pg] = (await gj.train(x, y)) as NDArray[];
    }
    const after = ((await gj.costOf(x, y)) as NDArray).data[0]!;
    const afterCpu = (cpu.costOf(x, y) as NDArray).data[0]!;
    expect(after).toBeLessThan(before / 2);
    expect(Math.abs(after - afterCpu)).toBeLessThan(1e-3 * Math.abs(afterCpu) + 1e-5);
    expect(accuracy(pg!, data.y)).toBe(accuracy(pc!, data.y));
    expect(accuracy(pg!, data.y)).toBeGreaterThan(0.95);
    const wc = cpu.w.getValue().data, wg = gj.w.getValue().data;
    let worst = 0;
    for (let i = 0; i < wc.length; i++) worst = Math.max(worst, Math.abs(wc[i]! - wg[i]!));
    expect(worst).toBeLessThan(1e-4);
  });
});
