// Seed 002, "复制函数" (copying functions): copy() shares the compiled program; swap gives the
// copy its own state, deleteUpdates drops the updates.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });

  const newState = T.shared(0, { dtype: 'int64', name: 'new_state' });
  const newAccumulator = accumulator.copy({ swap: new Map([[state, newState]]) });
  newAccumulator(100);
  print(newState.getValue());
  print(state.getValue()); // the first function's state is unchanged

  const nullAccumulator = accumulator.copy({ deleteUpdates: true });
  nullAccumulator(100);
  print(state.getValue()); // no longer updated
}

runIfMain(import.meta.url, main);
