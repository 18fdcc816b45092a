// The training set D, drawn at run time with the runtime only (no compiler in the bundle):
// the same draws, in the same order, as makeData in samples/logistic-regression.ts.
import { NDArray } from 'hypatia/runtime';
import { Random } from '../lib/random.ts';

export const N = 400;
export const FEATS = 784;

export function trainingSet(seed: number): { x: NDArray<'float64', 2>; y: NDArray<'float64', 1> } {
  const rng = new Random(seed);
  const x = new NDArray('float64', [N, FEATS], rng.randn(N * FEATS)) as NDArray<'float64', 2>;
  const y = new NDArray('float64', [N], Float64Array.from({ length: N }, () => rng.randint(0, 2))) as NDArray<'float64', 1>;
  return { x, y };
}
