// Seed 000, "Computing More than one Thing at the Same Time": a list of outputs gives a list
// of arrays, all computed in one call.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const [a, b] = T.dmatrices('a', 'b');
  const diff = T.tensor`${a} - ${b}`;
  const absDiff = T.abs(diff);
  const diffSquared = T.tensor`${diff} ** 2`;
  const f = T.fn([a, b], [diff, absDiff, diffSquared]);
  show('f([[1, 1], [1, 1]], [[0, 1], [2, 3]])', f([[1, 1], [1, 1]], [[0, 1], [2, 3]]));
}

runIfMain(import.meta.url, main);
