// Seed 004, "Logistic Function": s and s2 are the same function ("s 等价于 s2"); a dmatrix is
// always two-dimensional, and e is Euler's number, exp(1).
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dmatrix('x');
  const s = T.tensor`1 / (1 + exp(-${x}))`;
  const s2 = T.tensor`(1 + tanh(${x} / 2)) / 2`;
  const same = T.fn([x], T.allclose(s, s2));
  show('allclose(s, s2) on [[0, 1], [-1, -2]]', same([[0, 1], [-1, -2]]).toArray());
  show('x.ndim', x.ndim);
  show("T.exp(T.constant(1, { dtype: 'float64' })).eval()", T.exp(T.constant(1, { dtype: 'float64' })).eval());
}

runIfMain(import.meta.url, main);
