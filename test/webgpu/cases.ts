// Inputs for WebGPU tests: seeded, small, float32 unless said otherwise.
import * as T from '../../compiler/index.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import type { DType } from '../../runtime/dtype.ts';
import { Random } from '../../samples/lib/random.ts';

const rng = new Random(77);

export function rand(shape: readonly number[], lo = -1.5, hi = 1.5, dtype: DType = 'float32'): NDArray {
  const a = new NDArray(dtype, shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform(lo, hi);
  return a;
}
export const pos = (shape: readonly number[]) => rand(shape, 0.5, 2);
export const ints = (shape: readonly number[], lo: number, hi: number, dtype: DType = 'int32') => {
  const a = new NDArray(dtype, shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.randint(lo, hi);
  return a;
};
export const arr = (value: unknown, dtype: DType = 'float32') => T.asarray(value as never, { dtype });

/** A symbolic input for a value: its dtype and ndim, broadcastable where `bc` says. */
export function symbol(v: NDArray, name: string, bc?: readonly boolean[]) {
  return T.tensor(v.dtype, v.ndim, name, bc ? { broadcastable: bc } : {});
}
