// Seed 003, "Functions and automatic differentiation": several outputs computed together, and
// updates of shared variables with no output at all.
import * as T from 'hypatia';
import { Random } from '../lib/random.ts';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.matrix();
  const ex = T.fn([a], [T.exp(a), T.log(a), T.tensor`${a} ** 2`]);
  const data = T.asarray(new Random(3).randn(9), { dtype: T.config.floatX }).reshape([3, 3]);
  // log of a negative number is nan, as in the seed
  show('ex(randn(3, 3))', ex(data));

  const w = T.shared(1.0, { name: 'w' });
  const x = T.scalar('x');
  const mul = T.fn([x], [], { updates: [[w, T.tensor`${w} * ${x}`]] });
  show('mul(4)', mul(4));
  show('w.getValue()', w.getValue());
}

runIfMain(import.meta.url, main);
