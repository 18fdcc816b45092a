// Seed 004, "Adding two Matrices": nested arrays or NDArrays, the same sum.
import { main as adding } from './001-adding-matrices.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  adding();
}

runIfMain(import.meta.url, main);
