// Seed 000, "Setting a Default Value for an Argument": T.Param (the older spelling of T.In)
// gives an input a default and a keyword name; keywords go in a trailing object.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  {
    const [x, y] = T.dscalars('x', 'y');
    const z = T.tensor`${x} + ${y}`;
    const f = T.fn([x, T.Param(y, { default: 1 })], z);
    show('f(33)', f(33));
    show('f(33, 2)', f(33, 2));
  }
  const [x, y, w] = T.dscalars('x', 'y', 'w');
  const z = T.tensor`(${x} + ${y}) * ${w}`;
  const f = T.fn([x, T.Param(y, { default: 1 }), T.Param(w, { default: 2, name: 'w_by_name' })], z);
  show('f(33)', f(33));
  show('f(33, 2)', f(33, 2));
  show('f(33, 0, 1)', f(33, 0, 1));
  show('f(33, { w_by_name: 1 })', f(33, { w_by_name: 1 }));
  show('f(33, { w_by_name: 1, y: 0 })', f(33, { w_by_name: 1, y: 0 }));
}

runIfMain(import.meta.url, main);
