// Seed 004, the logistic-regression example (the notes print only the headings; the values
// are the same run as seed 000's).
import { main as train } from './000-logistic-regression.ts';
import { runIfMain } from '../lib/main.ts';

export function main(options: { steps?: number } = {}): void {
  train({ ...options, linePerValue: true });
}

runIfMain(import.meta.url, () => main());
