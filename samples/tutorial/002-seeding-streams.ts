// Seed 002, "种子流" (seeding streams): seed one variable through its rng, or every variable of
// the stream at once.
import * as T from 'hypatia';
import { echo, print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const srng = new T.RandomStreams(234);
  const rvU = srng.uniform([2, 2]);
  const f = T.fn([], rvU);

  const rngVal = rvU.rng.getValue({ borrow: true });
  rngVal.seed(89234);
  rvU.rng.setValue(rngVal, { borrow: true });
  echo('rvU seeded with 89234');
  print(f());

  srng.seed(89234);
  echo('srng.seed(89234)');
  print(f());
}

runIfMain(import.meta.url, main);
