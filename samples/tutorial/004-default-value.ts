// Seed 004, "Setting a Default Value for an Argument": T.In(y, { value: 1 }).
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const [x, y] = T.dscalars('x', 'y');
  const z = T.tensor`${x} + ${y}`;
  const f = T.fn([x, T.In(y, { value: 1 })], z);
  show('f(33)', f(33));
  show('f(33, 2)', f(33, 2));
}

runIfMain(import.meta.url, main);
