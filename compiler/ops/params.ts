// The parameters of every op kind. The op table (table.ts), the gradient table and every
// renderer are mapped types over `OpKind`, so adding a kind here without its entries fails tsc.
import type { DType } from '../../runtime/dtype.ts';
import type { ScalarOpName } from './scalar.ts';

export type ReduceOpName = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any';

import type { IndexTemplate } from '../../runtime/cpu/index-template.ts';
export type { IndexTemplate, IndexBound } from '../../runtime/cpu/index-template.ts';

import type { Distribution } from '../../runtime/random/draw.ts';

export interface OpParams {
  /** Elementwise application of a scalar op; inputs have equal ndim (lower ones are dimshuffled first). */
  elemwise: { scalar: ScalarOpName; dtype: DType };
  /** Reorder axes, insert broadcastable axes ('x'), drop broadcastable ones. */
  dimshuffle: { pattern: (number | 'x')[]; inputNdim: number };
  reduce: { op: ReduceOpName; axes: number[]; keepdims: boolean; dtype: DType };
  argreduce: { op: 'argmax' | 'argmin'; axis: number | null; keepdims: boolean };
  /** numpy.dot. */
  dot: { dtype: DType };
  tensordot: { axesA: number[]; axesB: number[]; dtype: DType };
  batched_dot: { dtype: DType };
  /** inputs: x, an int vector holding the new shape (-1 allowed once). */
  reshape: { ndim: number };
  /** inputs: x; output: int64 vector of its shape. */
  shape: Record<string, never>;
  /** inputs: x, then the dynamic index values referred to by `index`. */
  subtensor: { index: IndexTemplate[] };
  /** inputs: x, y, then the dynamic index values. */
  set_subtensor: { index: IndexTemplate[]; mode: 'set' | 'inc' };
  concatenate: { axis: number; dtype: DType };
  sort: { axis: number | null };
  argsort: { axis: number | null };
  /** inputs: a 0-d value, then one int scalar per output axis: the value broadcast to that shape. */
  alloc: Record<string, never>;
  /** inputs: start, stop, step scalars. */
  arange: { dtype: DType };
  /** inputs: n, m, k int scalars. */
  eye: { dtype: DType };
  /** inputs: a generator state (uint32[4]), one int scalar per output axis, then the 0-d parameters a, b. */
  random: { dist: Distribution; dtype: DType };
  /** inputs: the state, the same axis sizes, then a: the state after that draw (its explicit update). */
  rng_advance: { dist: Distribution; dtype: DType };
  /**
   * A loop (compiler/scan/layout.ts has the input and output order). The step's graph is
   * not JSON, so it lives in the inner-graph registry under `id`.
   */
  scan: ScanParams;
  /** inputs: a 0-d condition, then `n` values for the true branch, then `n` for the false one. */
  ifelse: { n: number };
}

export interface ScanParams {
  /** Inner graph id (compiler/scan/registry.ts). */
  id: number;
  seqs: number;
  /** Per recurrent state, the steps back it reads (negative), in the order the step takes them. */
  taps: number[][];
  /** Outputs without a state (Theano's nit-sot). */
  maps: number;
  nonSeqs: number;
  /** Steps of backpropagation through time; -1 for all. */
  truncate: number;
  name: string;
}

export type OpKind = keyof OpParams;
