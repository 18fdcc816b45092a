// Seed 003, "Tensors": the prefixes i (int32), l (int64), f (float32), d (float64), and the
// unprefixed constructors, which follow T.config.floatX.
import * as T from 'hypatia';
import { echo, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32'; // the seed's session ran with floatX=float32
    show('T.scalar()', T.scalar());
    show('T.iscalar()', T.iscalar());
    show('T.fscalar()', T.fscalar());
    show('T.dscalar()', T.dscalar());

    T.config.floatX = 'float64';
    echo("T.config.floatX = 'float64'");
    show('T.scalar()', T.scalar());
    show('T.fscalar()', T.fscalar());
    T.config.floatX = 'float32';
    echo("T.config.floatX = 'float32'");
    show('T.scalar()', T.scalar());
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
