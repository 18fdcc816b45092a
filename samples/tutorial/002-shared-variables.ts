// Seed 002, "使用共享变量" (shared variables): the accumulator with 1 and 200, a reset, and a
// decrementor on the same state.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const state = T.shared(0, { dtype: 'int64', name: 'state' });
  const inc = T.iscalar('inc');
  const accumulator = T.fn([inc], state, { updates: [[state, T.tensor`${state} + ${inc}`]] });
  print(state.getValue());
  accumulator(1);
  print(state.getValue());
  accumulator(200);
  print(state.getValue());

  state.setValue(-1);
  accumulator(2);
  print(state.getValue());

  const decrementor = T.fn([inc], state, { updates: [[state, T.tensor`${state} - ${inc}`]] });
  decrementor(2);
  print(state.getValue());
}

runIfMain(import.meta.url, main);
