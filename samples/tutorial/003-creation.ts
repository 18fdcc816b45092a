// Seed 003, "Operators": tensor creation, and what is fixed at creation (ndim, dtype, type)
// versus what the graph computes (shape).
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.zeros([2, 3]);
  show('a.eval()', a.eval());
  const b = T.identity_like(a);
  show('b.eval()', b.eval());
  let c = T.arange(10);
  show('c.eval()', c.eval());
  show('c.ndim', c.ndim);
  show('c.dtype', c.dtype);
  show('c.type', c.type);

  const m = T.matrix();
  show('m.shape', m.shape);
  show('m.shape.eval(new Map([[m, [[1, 2], [1, 3]]]]))', m.shape.eval(new Map([[m, [[1, 2], [1, 3]]]])));
  const shapeFct = T.fn([m], m.shape);
  show('shapeFct([[1, 2], [1, 3]])', shapeFct([[1, 2], [1, 3]]));
  const n = T.iscalar();
  c = T.arange(n);
  show('c.shape.eval(new Map([[n, 10]]))', c.shape.eval(new Map([[n, 10]])));
}

runIfMain(import.meta.url, main);
