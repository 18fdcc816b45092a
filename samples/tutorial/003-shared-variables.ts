// Seed 003, "Memory and variables": a shared variable holds a value between calls; get and set.
import * as T from 'hypatia';
import { echo, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  // Theano's shared(0) is int64; a JS number is a double, so the dtype is said
  const state = T.shared(0, { dtype: 'int64' });
  show('state', state);
  show('state.getValue()', state.getValue());
  state.setValue(1);
  echo('state.setValue(1)');
  show('state.getValue()', state.getValue());
}

runIfMain(import.meta.url, main);
