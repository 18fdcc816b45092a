// Seed 004, "Using Shared Variables": the notes declare inc with T.scalar, a float; adding a
// float to the integer state gives a float, which an integer state cannot take as its update.
// Theano refuses it the same way. With T.iscalar the accumulator works.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const floatInc = T.scalar('inc');
  try {
    T.fn([floatInc], state, { updates: [[state, T.tensor`${state} + ${floatInc}`]] });
  } catch (e) {
    show('T.fn([inc], state, { updates: [[state, state + inc]] }) with a float inc', (e as Error).message);
  }
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });
  show('accumulator(1)', accumulator(1));
  show('state.getValue()', state.getValue());
}

runIfMain(import.meta.url, main);
