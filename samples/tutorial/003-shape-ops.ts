// Seed 003, "Operators" (dimension manipulation): reshape, and chained slicing and transpose.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.arange(10);
  const b = T.reshape(a, [5, 2]);
  show('b.eval()', b.eval());
  show('T.tensor`arange(10).reshape([5, 2])[::-1].T`.eval()', T.tensor`arange(10).reshape([5, 2])[::-1].T`.eval());
}

runIfMain(import.meta.url, main);
