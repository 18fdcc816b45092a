// Seed 002, "同时计算多个值" (several values at once): difference, absolute difference and
// squared difference in one call.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const [a, b] = T.dmatrices('a', 'b');
  const diff = T.tensor`${a} - ${b}`;
  const absDiff = T.abs(T.tensor`${a} - ${b}`);
  const squaredDiff = T.tensor`${diff} ** 2`;
  const f = T.fn([a, b], [diff, absDiff, squaredDiff]);
  // print of a list shows each array's repr, as Python does
  print(f([[1, 1], [1, 2]], [[1, 1], [1, 1]]));
}

runIfMain(import.meta.url, main);
