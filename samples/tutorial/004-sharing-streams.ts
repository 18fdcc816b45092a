// Seed 004, "Sharing Streams Between Functions": "原来 random stream 的 state 是可以保存重放的"
// (a stream's state can be saved and replayed). The notes restore rv_n's rng, a typo for rv_u's:
// with rv_n, v3 would not equal v1. This sample restores rv_u's, as seed 000 does.
import { main as sharing } from './000-sharing-streams.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  sharing();
}

runIfMain(import.meta.url, main);
