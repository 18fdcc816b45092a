// Seed 003, "Linear algebra operators": dot (matrix product, inner product of vectors), outer,
// and the generalized tensordot and batched_dot. The seed names them without an example.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const [a, b] = T.dmatrices('a', 'b');
  const [u, v] = T.dvectors('u', 'v');
  const m = { a: [[1, 2], [3, 4]], b: [[0, 1], [1, 0]] };
  show('T.dot(a, b).eval(m)', T.dot(a, b).eval(m));
  show('T.tensor`${a} @ ${b}`.eval(m)', T.tensor`${a} @ ${b}`.eval(m));
  show('T.dot(u, v).eval({ u: [1, 2, 3], v: [4, 5, 6] })', T.dot(u, v).eval({ u: [1, 2, 3], v: [4, 5, 6] }));
  show('T.outer(u, v).eval({ u: [1, 2], v: [3, 4] })', T.outer(u, v).eval({ u: [1, 2], v: [3, 4] }));
  show('T.tensordot(a, b, { axes: [[1], [0]] }).eval(m)', T.tensordot(a, b, { axes: [[1], [0]] }).eval(m));
  const [x, y] = T.dtensor3s('x', 'y');
  const batch = { x: [[[1, 2]], [[3, 4]]], y: [[[1], [1]], [[2], [0]]] };
  show('T.batched_dot(x, y).eval(batch)', T.batched_dot(x, y).eval(batch));
}

runIfMain(import.meta.url, main);
