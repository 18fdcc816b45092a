// Seed 003, "Theano installation and loading" (configuration): T.config holds the settings;
// code overrides the HYPATIA_FLAGS environment variable (Theano's THEANO_FLAGS).
import * as T from 'hypatia';
import { echo, print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  show('T.config.device', T.config.device);
  show('T.config.floatX', T.config.floatX);
  for (const [key, value] of Object.entries(T.config)) print(`${key} = ${String(value)}`);

  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    echo("T.config.floatX = 'float32'");
    show('T.scalar().type', T.scalar().type);
    try {
      (T.config as { floatX: string }).floatX = 'float16x';
    } catch (e) {
      show("T.config.floatX = 'float16x'", (e as Error).message);
    }
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
