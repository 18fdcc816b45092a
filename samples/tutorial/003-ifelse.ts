// Seed 003, "Elementwise operators" (ifelse): a scalar condition that picks one branch lazily,
// unlike the elementwise switch.
import * as T from 'hypatia';
import { feature } from '../lib/pending.ts';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const ifelse = feature('ifelse');
  const z = ifelse(T.constant(1, { dtype: 'int8' }), T.constant(5, { dtype: 'int8' }), T.constant(4, { dtype: 'int8' }));
  show('ifelse(1, 5, 4).eval()', z.eval());
}

runIfMain(import.meta.url, main);
