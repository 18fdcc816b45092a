// Seed 003, "Profiling": compile with profile: true, call, and read where the time went.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const a = T.dvector('a');
  const s0 = T.dscalar('s0');
  const f = T.fn([a, s0], T.tensor`sum(exp(${a}) * ${s0}) + ${s0}`, { profile: true });
  f([0, 3, 5], 2);
  print(f.profile!.summary());
}

runIfMain(import.meta.url, main);
