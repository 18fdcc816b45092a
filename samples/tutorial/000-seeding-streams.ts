// Seed 000, "Seeding Streams": seed one random variable through its rng, or all variables of a
// RandomStreams at once (each from its own seed derived from the one given).
import * as T from 'hypatia';
import { echo, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const srng = new T.RandomStreams(234);
  const rvU = srng.uniform([2, 2]);
  const rvN = srng.normal([2, 2]);
  const f = T.fn([], rvU);
  const g = T.fn([], rvN);

  const rngVal = rvU.rng.getValue({ borrow: true }); // the generator of rvU
  rngVal.seed(89234); // seeds it
  rvU.rng.setValue(rngVal, { borrow: true }); // assign the seeded generator back
  echo('rvU.rng seeded with 89234');
  const first = f();
  show('f()', first);
  // each call replaced the state, so fetch the current one to seed it again
  rvU.rng.getValue({ borrow: true }).seed(89234);
  show('f() after seeding with 89234 again (the same numbers)', f());

  srng.seed(902340); // seeds rvU and rvN with different seeds each
  echo('srng.seed(902340)');
  show('f()', f());
  show('g()', g());
}

runIfMain(import.meta.url, main);
