// Seed 000, "Copying Random State Between Theano Graphs": copy every generator state of one
// graph's RandomStreams into another's through stateUpdates, so both draw the same numbers.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

class Graph {
  readonly rng: T.RandomStreams;
  readonly y: T.RandomVariable<'float64', 1>;
  constructor(seed = 123) {
    this.rng = new T.RandomStreams(seed);
    this.y = this.rng.uniform([1], 0, 1, { dtype: 'float64' });
  }
}

function copyRandomState(g1: Graph, g2: Graph): void {
  // MRG_RandomStreams keeps no state of its own beyond its variables' generators (Theano's
  // rstate), so copying the shared states is all either kind needs
  g1.rng.stateUpdates.forEach(([su1], i) => g2.rng.stateUpdates[i]![0].setValue(su1.getValue()));
}

/** `bare` prints only the arrays, as seed 002 does; otherwise the seed-000 sentences too. */
export function main(options: { bare?: boolean } = {}): void {
  const say = (text: string, value?: unknown) => {
    if (options.bare) { if (value !== undefined) print(value); } else if (value === undefined) print(text); else print(text, value);
  };
  const g1 = new Graph(123);
  const f1 = T.fn([], g1.y);
  const g2 = new Graph(987);
  const f2 = T.fn([], g2.y);

  say('# By default, the two functions are out of sync.');
  say('f1() returns ', f1());
  say('f2() returns ', f2());
  say('# We now copy the state of the theano random number generators.');
  copyRandomState(g1, g2);
  say('f1() returns ', f1());
  say('f2() returns ', f2());
}

runIfMain(import.meta.url, main);
