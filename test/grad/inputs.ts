// Random test inputs from a fixed seed, shaped for each op's domain.
import { NDArray } from '../../runtime/ndarray.ts';
import { Random } from '../../samples/lib/random.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { Input } from './verify-grad.ts';

const rng = new Random(2024);

function fill(shape: readonly number[], draw: () => number): NDArray {
  const a = new NDArray('float64', shape);
  for (let i = 0; i < a.size; i++) a.data[i] = draw();
  return a;
}

/** Uniform in [lo, hi). */
export const rand = (shape: readonly number[], lo = -1.5, hi = 1.5) => fill(shape, () => rng.uniform(lo, hi));
/** Positive, for log, sqrt and friends. */
export const pos = (shape: readonly number[]) => rand(shape, 0.5, 2);
/** |x| in [lo, hi] with a random sign: away from a kink at 0. */
export const away = (shape: readonly number[], lo = 0.3, hi = 1.5) => fill(shape, () => rng.uniform(lo, hi) * (rng.random() < 0.5 ? -1 : 1));
/** Away from integers and half-integers, for floor, ceil, round, trunc. */
export const frac = (shape: readonly number[]) => fill(shape, () => rng.randint(-3, 3) + (rng.random() < 0.5 ? rng.uniform(0.1, 0.4) : rng.uniform(0.6, 0.9)));
/** A value whose symbolic input broadcasts on the axes of size 1. */
export const bc = (value: NDArray): Input => ({ value, broadcastable: value.shape.map((s) => s === 1) });
export const int = (value: number | readonly unknown[]): Input => ({ value, dtype: 'int64' });

/** A case checked by finite differences. */
export interface Case { name: string; inputs: Input[]; build: (...xs: Variable[]) => Variable; eps?: number; tol?: number; expect?: undefined }
/** An op with no gradient: sum(cast(build(x), float64)) must give x a zero gradient, or none (disconnected). */
export interface NoGradCase { name: string; input: Input; build: (x: Variable) => Variable; expect: 'zero' | 'disconnected' }
export type AnyCase = Case | NoGradCase;
export const isNoGradCase = (c: AnyCase): c is NoGradCase => 'expect' in c;
