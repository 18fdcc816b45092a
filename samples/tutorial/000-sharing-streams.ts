// Seed 000, "Sharing Streams Between Functions": a generator is a shared variable, so every
// function drawing from rvU advances the same state, and a saved state replays its draws.
import * as T from 'hypatia';
import { echo, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const srng = new T.RandomStreams(234);
  const rvU = srng.uniform([2, 2]);
  const f = T.fn([], rvU);
  const nearlyZeros = T.fn([], T.tensor`${rvU} + ${rvU} - 2 * ${rvU}`);
  f(); // v0

  const stateAfterV0 = rvU.rng.getValue().getState();
  nearlyZeros(); // this advances rvU's generator too
  const v1 = f();
  const rng = rvU.rng.getValue({ borrow: true });
  rng.setState(stateAfterV0);
  rvU.rng.setValue(rng, { borrow: true });
  echo('rvU.rng back at the state after v0');
  const v2 = f(); // v2 != v1: this is the draw nearlyZeros made
  const v3 = f(); // v3 == v1
  show('v1', v1);
  show('v2', v2);
  show('v3', v3);
}

runIfMain(import.meta.url, main);
