// The seed tutorial's "A Real Example: Logistic Regression", trained with T.grad.
// Run: npx tsx samples/logistic-regression.ts [--steps N] [--seed S]
import { pathToFileURL } from 'node:url';
import * as T from 'hypatia';
type NDArray<D extends T.DType = T.DType, N extends number = number> = T.NDArray<D, N>;
import { Random } from './lib/random.ts';
import { ProgressBar } from './lib/progress.ts';

export const N = 400;
export const FEATS = 784;

export interface Data { x: NDArray<'float64', 2>; y: NDArray<'float64', 1>; w0: Float64Array }

/** numpy's `D = (randn(N, feats), randint(0, 2, N))`, then the initial weights `randn(feats)`. */
export function makeData(seed: number, n = N, feats = FEATS): Data {
  const rng = new Random(seed);
  const x = T.asarray(rng.randn(n * feats), { dtype: 'float64' }).reshape([n, feats]) as NDArray<'float64', 2>;
  const y = T.asarray(Float64Array.from({ length: n }, () => rng.randint(0, 2))) as NDArray<'float64', 1>;
  return { x, y, w0: rng.randn(feats) };
}

/** The seed's graph: a shared weight vector and bias, the cross-entropy cost and its gradient. */
export function buildModel(w0: Float64Array) {
  const x = T.dmatrix('x');
  const y = T.dvector('y');
  const w = T.shared(w0, { name: 'w', dtype: 'float64' });
  const b = T.shared(0, { name: 'b', dtype: 'float64' });

  const z = T.tensor`dot(${x}, ${w}) + ${b}`;
  const p_1 = T.tensor`1 / (1 + exp(-${z}))`; // probability that target = 1
  const prediction = T.tensor`${p_1} > 0.5`;
  // the seed's formula as written: with 784 random features |z| often passes 37, where p_1
  // rounds to 1 and log(1 - p_1) is -Infinity; the optimizer's stabilize rules rewrite it to
  // softplus form, and T.grad differentiates the stabilized cost, so both stay finite
  const xent = T.tensor`-${y} * log(${p_1}) - (1 - ${y}) * log(1 - ${p_1})`; // cross-entropy
  const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`; // with weight decay
  const [gw, gb] = T.grad(cost, [w, b]);

  const train = T.fn([x, y], [prediction, xent], {
    updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]],
  });
  const predict = T.fn([x], prediction);
  const costOf = T.fn([x, y], cost);
  const gradients = T.fn([x, y], [gw, gb]);
  return { w, b, train, predict, costOf, gradients, cost, gw, gb };
}

export interface TrainOptions { steps?: number; seed?: number; log?: boolean }
export interface TrainResult { w: Float64Array; b: number; accuracy: number; costs: [step: number, cost: number][]; data: Data }

export function accuracy(pred: NDArray, y: NDArray): number {
  let hits = 0;
  for (let i = 0; i < y.size; i++) if (pred.data[i] === y.data[i]) hits++;
  return hits / y.size;
}

const summary = (w: NDArray, b: NDArray) => {
  const head = Array.from(w.data.subarray(0, 5), (v) => v.toFixed(4)).join(', ');
  return `w = [${head}, ...] (${w.size} weights), b = ${b.data[0]!.toFixed(6)}`;
};

/** Train on D for `steps` gradient steps; logs the model, the cost and the accuracy when `log`. */
export function train(options: TrainOptions = {}): TrainResult {
  const { steps = 10_000, seed = 0, log = false } = options;
  const data = makeData(seed);
  const model = buildModel(data.w0);
  const say = log ? console.log : () => {};
  say('Initial model:');
  say(summary(model.w.getValue(), model.b.getValue()));

  const every = Math.max(1, Math.min(500, Math.floor(steps / 10)));
  const costs: [number, number][] = [];
  const bar = log ? new ProgressBar(steps) : null;
  for (let i = 0; i < steps; i++) {
    if (i % every === 0) {
      const c = model.costOf(data.x, data.y).data[0]!;
      costs.push([i, c]);
      say(`step ${String(i).padStart(6)}  cost ${c.toFixed(6)}`);
    }
    model.train(data.x, data.y);
    bar?.update(i + 1, `step ${i + 1}/${steps}`);
  }
  bar?.done();
  const final = model.costOf(data.x, data.y).data[0]!;
  costs.push([steps, final]);

  const pred = model.predict(data.x);
  const acc = accuracy(pred, data.y);
  say(`step ${String(steps).padStart(6)}  cost ${final.toFixed(6)}`);
  say('Final model:');
  say(summary(model.w.getValue(), model.b.getValue()));
  say('target values for D:', Array.from(data.y.data.subarray(0, 20)).join(' '), '...');
  say('prediction on D:    ', Array.from(pred.data.subarray(0, 20), Number).join(' '), '...');
  say(`accuracy on D: ${Math.round(acc * data.y.size)}/${data.y.size} (${(100 * acc).toFixed(1)}%)`);
  return { w: Float64Array.from(model.w.getValue().data), b: model.b.getValue().data[0]!, accuracy: acc, costs, data };
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a non-negative integer, got ${process.argv[i + 1]}`);
  return v;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  train({ steps: flag('steps', 10_000), seed: flag('seed', 0), log: true });
}
