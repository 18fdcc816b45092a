// Seed 004, "Using Random Numbers / Brief Example".
import { main as brief } from './000-random-brief.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  brief();
}

runIfMain(import.meta.url, main);
