// Seed 003, "Debugging and optimization modes": the mode chooses the rewrites. FAST_RUN (the
// default) fuses elementwise chains into one kernel; FAST_COMPILE only merges and folds.
import * as T from 'hypatia';
import { echo, print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = { mode: T.config.mode, optimizer: T.config.optimizer };
  try {
    T.config.exceptionVerbosity = 'high';
    echo("T.config.exceptionVerbosity = 'high'");
    show('T.config.mode', T.config.mode);
    const x = T.dvector('x');
    const y = T.tensor`exp(-${x}) * 2 + 1`;
    echo('T.fn([x], y)');
    print(T.debugprint(T.fn([x], y)));
    echo("T.fn([x], y, { mode: 'FAST_COMPILE' })");
    print(T.debugprint(T.fn([x], y, { mode: 'FAST_COMPILE' })));
    T.config.optimizer = 'fast_compile';
    echo("T.config.optimizer = 'fast_compile'");
    print(T.debugprint(T.fn([x], y)));
  } finally {
    Object.assign(T.config, before);
  }
}

runIfMain(import.meta.url, main);
