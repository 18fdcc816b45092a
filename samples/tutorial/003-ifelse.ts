// Seed 003, "Elementwise operators" (ifelse): a scalar condition that picks one branch lazily,
// unlike the elementwise switch.
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  // JS integers become the smallest int dtype holding them, as Python ints do in Theano: int8
  const z = T.ifelse(1, 5, 4);
  show('ifelse(1, 5, 4).eval()', z.eval());
}

runIfMain(import.meta.url, main);
