// Seed 002, "在Theano图之间复制随机状态" (copying random state between graphs).
import { main as copying } from './000-copying-random-state.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  copying({ bare: true });
}

runIfMain(import.meta.url, main);
