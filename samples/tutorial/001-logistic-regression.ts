// Seed 001, "Logistic Regression Example": the seed-000 training run, printed the notebook's way
// (each value on its own line).
import { main as train } from './000-logistic-regression.ts';
import { runIfMain } from '../lib/main.ts';

export function main(options: { steps?: number } = {}): void {
  train({ ...options, linePerValue: true });
}

runIfMain(import.meta.url, () => main());
