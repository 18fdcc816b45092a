// Seed 002, "Logistic函数" (the logistic function), printed with print().
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dmatrix('x');
  const s = T.tensor`1 / (1 + exp(-${x}))`;
  const logistic = T.fn([x], s);
  print(logistic([[1, 2], [3, 4]]));
}

runIfMain(import.meta.url, main);
