// Seed 000, "Using Random Numbers / Brief Example": random variables in a graph, drawn from a
// generator whose state is a shared variable that each call advances, unless noDefaultUpdates.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const srng = new T.RandomStreams(234);
  const rvU = srng.uniform([2, 2]);
  const rvN = srng.normal([2, 2]);
  const f = T.fn([], rvU);
  const g = T.fn([], rvN, { noDefaultUpdates: true }); // not updating rvN.rng
  const nearlyZeros = T.fn([], T.tensor`${rvU} + ${rvU} - 2 * ${rvU}`);

  show('fVal0 = f()', f());
  show('fVal1 = f()', f()); // different numbers from fVal0
  show('gVal0 = g()', g());
  show('gVal1 = g()', g()); // the same numbers as gVal0
  // rvU is drawn once per call, however often the graph uses it
  show('nearlyZeros()', nearlyZeros());
}

runIfMain(import.meta.url, main);
