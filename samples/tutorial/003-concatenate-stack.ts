// Seed 003, "Other operators": concatenate along an existing axis, stack along a new one.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.arange(10).reshape([5, 2]);
  const b = T.tensor`${a}[::-1]`;
  show('b.eval()', b.eval());
  show('a.eval()', a.eval());
  show('T.concatenate([a, b]).eval()', T.concatenate([a, b]).eval());
  show('T.concatenate([a, b], { axis: 1 }).eval()', T.concatenate([a, b], { axis: 1 }).eval());
  show('T.stack([a, b]).eval()', T.stack([a, b]).eval());
}

runIfMain(import.meta.url, main);
