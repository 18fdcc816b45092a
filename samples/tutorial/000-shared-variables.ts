// Seed 000, "Using Shared Variables": an accumulator whose state lives between calls, updated
// after each call; a second function updates the same state.
import * as T from 'hypatia';
import { echo, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  // Theano's shared(0) is an int64 scalar; in JS a number is a double, so say int64 explicitly
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });

  show('state.getValue()', state.getValue());
  show('accumulator(1)', accumulator(1));
  show('state.getValue()', state.getValue());
  show('accumulator(300)', accumulator(300));
  show('state.getValue()', state.getValue());

  state.setValue(-1);
  echo('state.setValue(-1)');
  show('accumulator(3)', accumulator(3));
  show('state.getValue()', state.getValue());

  const decrementor = T.fn([inc], state, { updates: [[state, T.tensor`${state} - ${inc}`]] });
  show('decrementor(2)', decrementor(2));
  show('state.getValue()', state.getValue());
}

runIfMain(import.meta.url, main);
