// Seed 002, "简要示例" (brief example): two uniform streams; f advances its generator, g (with
// noDefaultUpdates) returns the same numbers every call.
import * as T from 'hypatia';
import { print } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const srng = new T.RandomStreams(234);
  const rvU = srng.uniform([2, 2]);
  const rvN = srng.uniform([2, 2]); // the seed draws this one from a uniform too
  const f = T.fn([], rvU);
  const g = T.fn([], rvN, { noDefaultUpdates: true });
  print(f());
  print(f());
  print(g());
  print(g());
}

runIfMain(import.meta.url, main);
