// Seed 001, "Adding Two Matrices": the same sum over matrix types; nested arrays and NDArrays
// are both accepted.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dmatrix('x');
  const y = T.dmatrix('y');
  const z = T.tensor`${x} + ${y}`;
  const f = T.fn([x, y], z);
  show('f([[1, 2], [3, 4]], [[10, 20], [30, 40]])', f([[1, 2], [3, 4]], [[10, 20], [30, 40]]));
  show('f(T.asarray([[1, 2], [3, 4]]), T.asarray([[10, 20], [30, 40]]))', f(T.asarray([[1, 2], [3, 4]]), T.asarray([[10, 20], [30, 40]])));
}

runIfMain(import.meta.url, main);
