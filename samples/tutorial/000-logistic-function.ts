// Seed 000, "Logistic Function": s(x) = 1 / (1 + e^-x), elementwise over a matrix of doubles,
// and the same curve written as (1 + tanh(x / 2)) / 2.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dmatrix('x');
  const s = T.tensor`1 / (1 + exp(-${x}))`;
  const logistic = T.fn([x], s);
  show('logistic([[0, 1], [-1, -2]])', logistic([[0, 1], [-1, -2]]));

  const s2 = T.tensor`(1 + tanh(${x} / 2)) / 2`;
  const logistic2 = T.fn([x], s2);
  show('logistic2([[0, 1], [-1, -2]])', logistic2([[0, 1], [-1, -2]]));
}

runIfMain(import.meta.url, main);
