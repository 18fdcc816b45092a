// Seed 003, "Other operators": numpy's a[3:] = [-1, -1] and a[3:] += [-1, -1] as graphs; the
// original variable keeps its value and the result is a new variable.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.arange(10).reshape([5, 2]);
  show('a.eval()', a.eval());
  show('T.set_subtensor(a[3:], [-1, -1]).eval()', T.tensor`set_subtensor(${a}[3:], [-1, -1])`.eval());
  show('T.inc_subtensor(a[3:], [-1, -1]).eval()', T.tensor`inc_subtensor(${a}[3:], [-1, -1])`.eval());
}

runIfMain(import.meta.url, main);
