// Seed 001, "Shared Variables": the accumulator again, printing the state with print().
import * as T from 'hypatia';
import { echo, print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });

  print(state.getValue());
  show('accumulator(1)', accumulator(1));
  print(state.getValue());
  show('accumulator(300)', accumulator(300));
  print(state.getValue());

  state.setValue(-1);
  echo('state.setValue(-1)');
  show('accumulator(3)', accumulator(3));
  print(state.getValue());

  const decrementor = T.fn([inc], state, { updates: [[state, T.tensor`${state} - ${inc}`]] });
  show('decrementor(2)', decrementor(2));
  print(state.getValue());
}

runIfMain(import.meta.url, main);
