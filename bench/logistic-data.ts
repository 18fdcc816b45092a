// The data every logistic-regression training-step benchmark trains on (CPU, WebGPU, GPU.js,
// startup): N rows of FEATS uniform features in [-1, 1) from a seeded generator, labelled by a
// hidden linear rule. Runtime only, so browser pages without the compiler can bundle it.
import { NDArray } from '../runtime/ndarray.ts';

export const N = 400, FEATS = 784;

/** The data generated and stored in `dtype`: x of shape (N, FEATS), y of shape (N,). */
export function logisticData<D extends 'float32' | 'float64'>(dtype: D): { x: NDArray<D, 2>; y: NDArray<D, 1> } {
  const Arr = dtype === 'float64' ? Float64Array : Float32Array;
  let s = 12345;
  const next = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; };
  const fill = (n: number, f: () => number) => { const a = new Arr(n); for (let i = 0; i < n; i++) a[i] = f(); return a; };
  const x = fill(N * FEATS, () => next() * 2 - 1);
  const hidden = fill(FEATS, () => next() - 0.5);
  const y = new Arr(N);
  for (let i = 0; i < N; i++) {
    let z = 0;
    for (let j = 0; j < FEATS; j++) z += x[i * FEATS + j]! * hidden[j]!;
    y[i] = z > 0 ? 1 : 0;
  }
  return { x: new NDArray(dtype, [N, FEATS], x), y: new NDArray(dtype, [N], y) };
}
