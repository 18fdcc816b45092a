// Seed 003, "Reduction operators": over all elements, or along an axis.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    const a = T.matrix('a');
    show('T.max(a).eval({ a: [[1, 2], [3, 4]] })', T.max(a).eval({ a: [[1, 2], [3, 4]] }));
    show('T.max(a, { axis: 0 }).eval({ a: [[1, 2], [3, 4]] })', T.max(a, { axis: 0 }).eval({ a: [[1, 2], [3, 4]] }));
    show('T.max(a, { axis: 1 }).eval({ a: [[1, 2], [3, 4]] })', T.max(a, { axis: 1 }).eval({ a: [[1, 2], [3, 4]] }));
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
