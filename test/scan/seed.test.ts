// Seed 003's loops (T.scan) and its lazy conditional (T.ifelse), with the numbers it prints.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';

describe('seed 003: loops in symbolic computing', () => {
  let floatX: T.Config['floatX'];
  beforeEach(() => { floatX = T.config.floatX; T.config.floatX = 'float32'; });
  afterEach(() => { T.config.floatX = floatX; });

  it('maps x + 1 over the rows of a matrix', () => {
    const a = T.matrix();
    const [results, updates] = T.scan({ fn: (x) => T.tensor`${x} + 1`, sequences: a });
    expect(updates.size).toBe(0);
    const f = T.fn([a], results, { updates });
    expect(String(f([[1, 1, 1], [1, 1, 1]]))).toBe('array([[2., 2., 2.],\n       [2., 2., 2.]], dtype=float32)');
  });

  it('a cumulative sum from an initial state', () => {
    const a = T.vector();
    const s0 = T.scalar('s0');
    const [results, updates] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}`, outputsInfo: s0, sequences: a });
    const f = T.fn([a, s0], results, { updates });
    expect(String(f([0, 3, 5], 0))).toBe('array([0., 3., 8.], dtype=float32)');
  });

  it('accumulates row sums over 20 steps: the initial state is not part of the output', () => {
    const a = T.matrix();
    const s0 = T.scalar('s0');
    const [results, updates] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}.sum()`, outputsInfo: s0, sequences: a });
    const f = T.fn([a, s0], results, { updates });
    const out = f(T.asarray(new Float32Array(100).fill(1), { shape: [20, 5] } as never), 0);
    expect(out.dtype).toBe('float32');
    expect(out.toArray()).toEqual(Array.from({ length: 20 }, (_, i) => 5 * (i + 1)));
  });

  it('non-sequences: prior * 5 + element for nSteps = 10 of a 20-long sequence', () => {
    const a = T.vector();
    const s0 = T.scalar('s0');
    const [results, updates] = T.scan({
      fn: (current, prior, nonSeq) => T.tensor`${nonSeq} * ${prior} + ${current}`,
      nSteps: 10, sequences: a, outputsInfo: T.constant(0.0, { dtype: 'float32' }), nonSequences: s0,
    });
    const r = results as T.Variable;
    expect(r.type.shape).toEqual([10]);
    const f = T.fn([a, s0], r, { updates });
    const out = f(new Float32Array(20).fill(1), 5);
    expect(out.toArray()).toEqual([1, 6, 31, 156, 781, 3906, 19531, 97656, 488281, 2441406]);
    expect(String(out)).toBe('array([1.000000e+00, 6.000000e+00, 3.100000e+01, 1.560000e+02,\n       7.810000e+02, 3.906000e+03, 1.953100e+04, 9.765600e+04,\n       4.882810e+05, 2.441406e+06], dtype=float32)');
  });
});

describe('seed 003: ifelse', () => {
  it('ifelse(1, 5, 4) is 5, an int8 as Theano prints it', () => {
    const z = T.ifelse(1, 5, 4);
    expect(String(z.eval())).toBe('array(5, dtype=int8)');
  });
});
