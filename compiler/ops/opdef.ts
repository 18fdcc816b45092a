import type { NDArray } from '../../runtime/ndarray.ts';
import type { Variable } from '../graph.ts';
import type { TensorType } from '../type.ts';
import type { OpKind, OpParams } from './params.ts';
import type { GradTerm } from '../grad/nograd.ts';

/**
 * What every op kind defines, side by side: its names, its type rule (which validates the
 * inputs and throws a TypeError naming the op, expected and actual) and its reference
 * evaluation and its gradient rule. Renderers are further tables over the same `OpKind`.
 */
export interface OpDef<K extends OpKind> {
  name(p: OpParams[K]): string;
  label(p: OpParams[K]): string;
  infer(inputs: readonly Variable[], p: OpParams[K]): TensorType[];
  perform(inputs: readonly NDArray[], p: OpParams[K]): NDArray[];
  /**
   * Reverse mode: given one gradient per output (`gouts`, each of its output's type, zeros
   * where nothing flows), the gradient for each input as a graph, or why there is none.
   * T.grad fits each term to its input's type (dtype, broadcastable axes) and drops those
   * for integer and bool inputs, so a rule need not special-case them.
   */
  grad(inputs: readonly Variable[], outputs: readonly Variable[], gouts: readonly Variable[], p: OpParams[K]): GradTerm[];
}

export type OpTable = { [K in OpKind]: OpDef<K> };

export function fmtShape(s: readonly (number | null)[]): string {
  return `(${s.map((d) => (d === null ? '?' : d)).join(', ')}${s.length === 1 ? ',' : ''})`;
}

export function normAxis(axis: number, ndim: number, op: string): number {
  const a = axis < 0 ? axis + ndim : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= ndim) {
    throw new RangeError(`${op}: axis ${axis} is out of bounds for a tensor with ${ndim} dimension${ndim === 1 ? '' : 's'}`);
  }
  return a;
}
