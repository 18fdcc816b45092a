// Seed 002, givens: 3 stands in for the shared state in one function.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const fnOfState = T.tensor`${state} * 2 + ${inc}`;
  const foo = T.scalar('foo', state.dtype); // must have the type of the shared variable it replaces
  const skipShared = T.fn([inc, foo], fnOfState, { givens: [[state, foo]] });
  print(skipShared(1, 3)); // 3 is used for the state, not 0
  print(state.getValue()); // the old state is unchanged
}

runIfMain(import.meta.url, main);
