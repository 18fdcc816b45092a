// Seed 004, "Adding two Scalars": checking an evaluated graph against a number with allclose,
// which is true when every element is equal within a tolerance.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dscalar('x');
  const y = T.dscalar('y');
  const z = T.tensor`${x} + ${y}`;
  show('T.allclose(z.eval({ x: 1, y: 2 }), 3).eval()', T.allclose(z.eval({ x: 1, y: 2 }), 3).eval().toArray());
}

runIfMain(import.meta.url, main);
