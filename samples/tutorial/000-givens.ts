// Seed 000, "Using Shared Variables" (givens): compute a formula written with a shared variable
// from another value instead, for one function, leaving the shared value alone.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const fnOfState = T.tensor`${state} * 2 + ${inc}`;
  // the type of foo must match the shared variable it replaces
  const foo = T.scalar('foo', state.dtype);
  const skipShared = T.fn([inc, foo], fnOfState, { givens: [[state, foo]] });
  show('skipShared(1, 3)', skipShared(1, 3)); // 3 stands in for the state
  show('state.getValue()', state.getValue()); // the old state is still there
}

runIfMain(import.meta.url, main);
