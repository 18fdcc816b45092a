// The logistic-regression sample against a plain-JS gradient descent on the same data.
import { describe, expect, it } from 'vitest';
import { buildModel, makeData, train, accuracy, type Data } from '../../samples/logistic-regression.ts';
import { NDArray } from '../../runtime/ndarray.ts';

/** d cost / d w and d cost / d b by hand: (p - y) is d xent / dz; weight decay adds 0.02 w. */
function referenceGrads(d: Data, w: Float64Array, b: number): { gw: Float64Array; gb: number } {
  const [n, k] = d.x.shape as [number, number];
  const gw = new Float64Array(k);
  let gb = 0;
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < k; j++) z += d.x.data[i * k + j]! * w[j]!;
    const r = (1 / (1 + Math.exp(-z)) - d.y.data[i]!) / n;
    for (let j = 0; j < k; j++) gw[j] += r * d.x.data[i * k + j]!;
    gb += r;
  }
  for (let j = 0; j < k; j++) gw[j] += 0.02 * w[j]!;
  return { gw, gb };
}

function referenceTrain(d: Data, steps: number): { w: Float64Array; b: number; accuracy: number } {
  const w = Float64Array.from(d.w0);
  let b = 0;
  for (let s = 0; s < steps; s++) {
    const { gw, gb } = referenceGrads(d, w, b);
    for (let j = 0; j < w.length; j++) w[j] -= 0.1 * gw[j]!;
    b -= 0.1 * gb;
  }
  const [n, k] = d.x.shape as [number, number];
  const pred = new NDArray('bool', [n]);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < k; j++) z += d.x.data[i * k + j]! * w[j]!;
    pred.data[i] = 1 / (1 + Math.exp(-z)) > 0.5 ? 1 : 0;
  }
  return { w, b, accuracy: accuracy(pred, d.y) };
}

const relClose = (a: ArrayLike<number>, b: ArrayLike<number>, rtol: number) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / (Math.abs(b[i]!) + 1e-300));
  expect(worst).toBeLessThanOrEqual(rtol);
};

describe('logistic regression sample', () => {
  const data = makeData(0);

  it('makes the seed-shaped data set', () => {
    expect(data.x.shape).toEqual([400, 784]);
    expect(data.y.shape).toEqual([400]);
    expect(Array.from(data.y.data).every((v) => v === 0 || v === 1)).toBe(true);
    expect(data.w0.length).toBe(784);
  });

  it("matches a hand-written gradient on the first step to 1e-9", () => {
    const model = buildModel(data.w0);
    const [gw, gb] = model.gradients(data.x, data.y);
    const ref = referenceGrads(data, data.w0, 0);
    relClose(gw.data, ref.gw, 1e-9);
    relClose([gb.data[0]!], [ref.gb], 1e-9);
  });

  it('trains to the weights and accuracy of a plain-JS gradient descent', () => {
    const steps = 200;
    const ours = train({ steps, seed: 0 });
    const ref = referenceTrain(data, steps);
    relClose(ours.w, ref.w, 1e-9);
    relClose([ours.b], [ref.b], 1e-9);
    expect(ours.accuracy).toBe(ref.accuracy);
    expect(ours.accuracy).toBeGreaterThan(0.9);
    expect(ours.costs[0]![1]).toBeGreaterThan(ours.costs.at(-1)![1]);
  });
});
