// Seed 004, givens ("why givens?"): to compute a formula written with a shared variable from
// another value, for one function, without touching the shared value or rewriting the formula.
import * as T from 'hypatia';
import { print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const fnOfState = T.tensor`${state} * 2 + ${inc}`;
  const foo = T.scalar('foo', state.dtype);
  const skipShared = T.fn([inc, foo], fnOfState, { givens: [[state, foo]] });
  show('skipShared(1, 3)', skipShared(1, 3));
  print(state.getValue());
}

runIfMain(import.meta.url, main);
