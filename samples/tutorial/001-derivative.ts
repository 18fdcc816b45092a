// Seed 001, "Derivative in Theano": T.grad builds the graph of d(x**2)/dx; pp shows it before
// optimization, and the compiled function evaluates it.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dscalar('x');
  const y = T.tensor`${x} ** 2`;
  const gy = T.grad(y, x);
  show('T.pp(gy)', T.pp(gy)); // before optimization
  const f = T.fn([x], gy);
  show('f(4)', f(4));
}

runIfMain(import.meta.url, main);
