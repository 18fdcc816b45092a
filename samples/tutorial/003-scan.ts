// Seed 003, "Loops in symbolic computing": T.scan over sequences, with a recurrent state
// (outputsInfo) and fixed data (nonSequences).
import * as T from 'hypatia';
import { show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export function main(): void {
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    {
      const a = T.matrix();
      const [results, updates] = T.scan({ fn: (x) => T.tensor`${x} + 1`, sequences: a });
      const f = T.fn([a], results, { updates });
      show('f(ones(2, 3))', f([[1, 1, 1], [1, 1, 1]]));
    }
    {
      const a = T.vector();
      const s0 = T.scalar('s0');
      const [results, updates] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}`, outputsInfo: s0, sequences: a });
      const f = T.fn([a, s0], results, { updates });
      show('f([0, 3, 5], 0)', f([0, 3, 5], 0));
    }
    {
      const a = T.matrix();
      const s0 = T.scalar('s0');
      const [results, updates] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}.sum()`, outputsInfo: s0, sequences: a });
      const f = T.fn([a, s0], results, { updates });
      const ones = T.asarray(new Float32Array(100).fill(1), { shape: [20, 5] });
      show('f(ones(20, 5), 0)', f(ones, 0));
    }
    {
      const a = T.vector();
      const s0 = T.scalar('s0');
      const [results, updates] = T.scan({
        fn: (current, prior, nonSeq) => T.tensor`${nonSeq} * ${prior} + ${current}`,
        nSteps: 10, sequences: a, outputsInfo: T.constant(0.0, { dtype: 'float32' }), nonSequences: s0,
      });
      const f = T.fn([a, s0], results, { updates });
      show('f(ones(20), 5)', f(new Float32Array(20).fill(1), 5));
    }
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, main);
