// Seed 004, the broadcast pattern of shared variables ("介个是神马?", what is this?).
import { main as broadcastable } from './002-broadcastable-shared.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  broadcastable();
}

runIfMain(import.meta.url, main);
