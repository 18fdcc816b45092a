// Seed 004, "Copy functions": with deleteUpdates the copy no longer uses inc, which is why the
// notes compile with onUnusedInput: 'warn'; the copy still takes inc and ignores it.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]], onUnusedInput: 'warn' });
  const newState = T.shared(0, { dtype: 'int64', name: 'new_state' });
  const newAccumulator = accumulator.copy({ swap: new Map([[state, newState]]) });
  const nullAccumulator = accumulator.copy({ deleteUpdates: true });
  accumulator(1);
  newAccumulator(100);
  nullAccumulator(1000);
  print(state.getValue());
  print(newState.getValue());
}

runIfMain(import.meta.url, main);
