// Seed 003, "Graphs" (allowInputDowncast): float64 data for float32 inputs is refused, since it
// would lose precision, unless cast first or allowed.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    show('T.config.floatX', T.config.floatX);
    const x = T.matrix();
    show('x', x);
    const y = T.matrix();
    let addition = T.fn([x, y], [T.tensor`${x} + ${y}`]);
    const ones = T.asarray([[1, 1], [1, 1]], { dtype: 'float64' });
    const zeros = T.asarray([[0, 0], [0, 0]], { dtype: 'float64' });
    try {
      addition(ones, zeros);
    } catch (e) {
      show('addition(ones, zeros)', `${(e as Error).name}: ${(e as Error).message}`);
    }
    show('addition(ones.astype(floatX), zeros.astype(floatX))', addition(ones.astype(T.config.floatX), zeros.astype(T.config.floatX)));
    const diag = T.asarray([[2, 0], [0, 3]], { dtype: 'float64' });
    show('addition(ones.astype(floatX), diag.astype(floatX))', addition(ones.astype(T.config.floatX), diag.astype(T.config.floatX)));

    addition = T.fn([x, y], [T.tensor`${x} + ${y}`], { allowInputDowncast: true });
    show('addition(ones, zeros) with allowInputDowncast', addition(ones, zeros));
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
