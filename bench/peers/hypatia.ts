// hypatia's side of each comparison: the graph a user would write, compiled for the CPU.
import * as T from '../../compiler/index.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { FEATS, L2, LR, N, type Dt, type FloatArray } from './data.ts';

export function hypatiaTrainingStep(dt: Dt, X: FloatArray, Y: FloatArray): () => FloatArray {
  const x = T.tensor(dt, 2, 'x'), y = T.tensor(dt, 1, 'y');
  const w = T.shared(new NDArray(dt, [FEATS]), { name: 'w' });
  const b = T.shared(new NDArray(dt, []), { name: 'b' });
  const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
  const prediction = T.tensor`${p} > 0.5`;
  const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
  const cost = T.tensor`mean(${xent}) + ${L2} * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const train = T.fn([x, y], [prediction, xent], { updates: [[w, T.tensor`${w} - ${LR} * ${gw}`], [b, T.tensor`${b} - ${LR} * ${gb}`]] });
  const xa = new NDArray(dt, [N, FEATS], X), ya = new NDArray(dt, [N], Y);
  return () => train(xa, ya)[1].data as FloatArray;
}

export function hypatiaLogistic(dt: Dt, data: FloatArray, rows: number, cols: number): () => FloatArray {
  const x = T.tensor(dt, 2, 'x');
  const f = T.fn([x], T.tensor`1 / (1 + exp(-${x}))`);
  const xa = new NDArray(dt, [rows, cols], data);
  return () => f(xa).data as FloatArray;
}

export function hypatiaMatmul(dt: Dt, a: FloatArray, b: FloatArray, n: number): () => FloatArray {
  const x = T.tensor(dt, 2, 'a'), y = T.tensor(dt, 2, 'b');
  const f = T.fn([x, y], T.dot(x, y));
  const xa = new NDArray(dt, [n, n], a), ya = new NDArray(dt, [n, n], b);
  return () => f(xa, ya).data as FloatArray;
}

export function hypatiaAdd(): () => Float64Array {
  const [x, y] = T.dscalars('x', 'y');
  const f = T.fn([x, y], T.add(x, y));
  return () => f(2, 3).data;
}
