// Inputs every contender gets, made once, deterministic, in both float dtypes.
export const N = 400, FEATS = 784, LR = 0.1, L2 = 0.01;

export type FloatArray = Float64Array | Float32Array;
export type Dt = 'float32' | 'float64';
export const arrayOf = (dt: Dt) => (dt === 'float64' ? Float64Array : Float32Array);

function filled(dt: Dt, n: number, value: (i: number) => number): FloatArray {
  const out = new (arrayOf(dt))(n);
  for (let i = 0; i < n; i++) out[i] = value(i);
  return out;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; };
}

/** Logistic-regression data: features in [-1, 1), labels 0/1 from a hidden linear rule. */
export function regression(dt: Dt): { x: FloatArray; y: FloatArray } {
  const next = lcg(7);
  const x = filled(dt, N * FEATS, () => next() * 2 - 1);
  const hidden = Float64Array.from({ length: FEATS }, () => next() - 0.5);
  const y = new (arrayOf(dt))(N);
  for (let i = 0; i < N; i++) {
    let z = 0;
    for (let j = 0; j < FEATS; j++) z += x[i * FEATS + j]! * hidden[j]!;
    y[i] = z > 0 ? 1 : 0;
  }
  return { x, y };
}

/** Values spread over [-10, 10], both tails of the sigmoid. */
export function spread(dt: Dt, n: number): FloatArray {
  return filled(dt, n, (i) => ((i * 7919) % 2001) / 100 - 10);
}

/** A matrix of small values in [-1, 1). */
export function matrix(dt: Dt, n: number, seed: number): FloatArray {
  const next = lcg(seed);
  return filled(dt, n * n, () => next() * 2 - 1);
}
