// Seed 001, "Adding Two Scalars": typed symbols, their sum, pp, and a compiled function.
import * as T from 'hypatia';
import { print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const x = T.dscalar('x');
  const y = T.dscalar('y');
  // x is a Variable (Theano's TensorVariable) whose type is TensorType(float64, scalar)
  show('x.type', x.type);
  show('T.dscalar().type', T.dscalar().type);
  show('x.type.equals(T.dscalar().type)', x.type.equals(T.dscalar().type));

  const z = T.tensor`${x} + ${y}`;
  print(T.pp(z));
  const f = T.fn([x, y], z);
  show('f(2, 3)', f(2, 3));
}

runIfMain(import.meta.url, main);
