// Seed 003, "Elementwise operators": pairs of elements, several inputs, one input, broadcasting
// a scalar, and the elementwise switch.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    const ones = T.asarray([[1, 1], [1, 1]]);
    const diag = T.asarray([[3, 0], [0, 3]]);
    {
      const [a, b] = T.matrices('a', 'b');
      const z = T.tensor`${a} * ${b}`;
      show('z.eval({ a: ones, b: diag })', z.eval({ a: ones, b: diag }));
      show('T.mul(a, b, a, b).eval({ a: ones, b: diag })', T.mul(a, b, a, b).eval({ a: ones, b: diag }));
    }
    {
      const a = T.matrix('a');
      show('T.tensor`${a} ** 2`.eval({ a: diag })', T.tensor`${a} ** 2`.eval({ a: diag }));
      const b = T.scalar('b');
      const diag2 = T.asarray([[2, 0], [0, 2]]);
      show('T.tensor`${a} * ${b}`.eval({ a: diag2, b: 3 })', T.tensor`${a} * ${b}`.eval({ a: diag2, b: 3 }));
    }
    T.config.floatX = 'float32'; // the seed prints this one from a float32 session
    const cond = T.vector('cond');
    const [x, y] = T.vectors('x', 'y');
    const z = T.switch(cond, x, y);
    show('z.eval({ cond: [1, 0], x: [10, 10], y: [3, 2] })', z.eval({ cond: [1, 0], x: [10, 10], y: [3, 2] }));
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
