// dot, outer, tensordot, batched_dot, concatenate, stack, sort, argsort.
import { type DType, promoteAll } from '../../runtime/dtype.ts';
import type { Variable } from '../graph.ts';
import { normAxis } from '../ops/opdef.ts';
import { asTensor, op1, operands, padTo } from './core.ts';
import type { Tensor, TensorLike, Up, NOf, DOf } from './types.ts';

type DotN<A, B> = NOf<A> extends 0 ? NOf<B> : NOf<B> extends 0 ? NOf<A>
  : NOf<A> extends 1 ? (NOf<B> extends 1 ? 0 : NOf<B> extends 2 ? 1 : number)
  : NOf<A> extends 2 ? (NOf<B> extends 1 ? 1 : NOf<B> extends 2 ? 2 : number) : number;

/** numpy.dot: inner product of vectors, matrix products, and sum-product over the last/second-to-last axes. */
export function dot<A extends TensorLike, B extends TensorLike>(a: A, b: B): Tensor<Up<A, B>, DotN<A, B>> {
  const [x, y] = operands([a, b], 'dot');
  return op1('dot', { dtype: promoteAll([x!.dtype, y!.dtype]) }, [x!, y!]) as never;
}

export function outer<A extends TensorLike, B extends TensorLike>(a: A, b: B): Tensor<Up<A, B>, 2> {
  const [x, y] = operands([a, b], 'outer');
  const col = op1('dimshuffle', { pattern: [...Array.from({ length: x!.ndim }, (_, i) => i), 'x'], inputNdim: x!.ndim }, [flat(x!)]);
  const row = op1('dimshuffle', { pattern: ['x', 0], inputNdim: 1 }, [flat(y!)]);
  return op1('dot', { dtype: promoteAll([x!.dtype, y!.dtype]) }, [col, row]) as never;
}
function flat(v: Variable): Variable {
  if (v.ndim === 1) return v;
  throw new TypeError(`outer: expected vectors, got ${v.type}`);
}

/** `axes` is a count (last n of a with first n of b) or a pair of axis lists. */
export function tensordot<A extends TensorLike, B extends TensorLike>(a: A, b: B, options: { axes?: number | [readonly number[], readonly number[]] } = {}): Tensor<Up<A, B>, number> {
  const [x, y] = operands([a, b], 'tensordot');
  const ax = options.axes ?? 2;
  let axesA: number[], axesB: number[];
  if (typeof ax === 'number') {
    if (ax > x!.ndim || ax > y!.ndim) throw new RangeError(`tensordot: axes=${ax} exceeds the dimensions of ${x!.type} or ${y!.type}`);
    axesA = Array.from({ length: ax }, (_, i) => x!.ndim - ax + i);
    axesB = Array.from({ length: ax }, (_, i) => i);
  } else {
    axesA = ax[0].map((i) => normAxis(i, x!.ndim, 'tensordot'));
    axesB = ax[1].map((i) => normAxis(i, y!.ndim, 'tensordot'));
  }
  return op1('tensordot', { axesA, axesB, dtype: promoteAll([x!.dtype, y!.dtype]) }, [x!, y!]) as never;
}

export function batched_dot<A extends TensorLike, B extends TensorLike>(a: A, b: B): Tensor<Up<A, B>, number> {
  const [x, y] = operands([a, b], 'batched_dot');
  return op1('batched_dot', { dtype: promoteAll([x!.dtype, y!.dtype]) }, [x!, y!]) as never;
}

type ListD<L extends readonly TensorLike[]> = [DOf<L[number]>] extends [never] ? DType : DOf<L[number]>;

export function concatenate<L extends readonly TensorLike[]>(xs: L, options: { axis?: number } = {}): Tensor<ListD<L>, NOf<L[0]>> {
  if (!Array.isArray(xs) || xs.length === 0) throw new TypeError('concatenate: expected a non-empty list of tensors');
  const vs = operands(xs, 'concatenate');
  const nd = vs[0]!.ndim;
  if (nd === 0) throw new TypeError('concatenate: zero-dimensional tensors cannot be concatenated (use stack)');
  const axis = normAxis(options.axis ?? 0, nd, 'concatenate');
  return op1('concatenate', { axis, dtype: promoteAll(vs.map((v) => v.dtype)) }, vs) as never;
}

/** Join along a new axis. */
export function stack<L extends readonly TensorLike[]>(xs: L, options: { axis?: number } = {}): Tensor<ListD<L>, number> {
  if (!Array.isArray(xs) || xs.length === 0) throw new TypeError('stack: expected a non-empty list of tensors');
  const vs = operands(xs, 'stack');
  const nd = Math.max(...vs.map((v) => v.ndim));
  const axis = normAxis(options.axis ?? 0, nd + 1, 'stack');
  const expanded = vs.map((v, i) => {
    if (v.ndim !== nd) throw new TypeError(`stack: input ${i} has ${v.ndim} dimensions, expected ${nd}`);
    const pattern: (number | 'x')[] = Array.from({ length: nd }, (_, k) => k);
    pattern.splice(axis, 0, 'x');
    return op1('dimshuffle', { pattern, inputNdim: nd }, [padTo(v, nd)]);
  });
  return op1('concatenate', { axis, dtype: promoteAll(vs.map((v) => v.dtype)) }, expanded) as never;
}

type SortAxis = { axis?: number | null };
export function sort<A extends TensorLike>(x: A, options: SortAxis = {}): Tensor<[DOf<A>] extends [never] ? DType : DOf<A>, number> {
  const v = asTensor(x, 'sort');
  const axis = options.axis === null ? null : normAxis(options.axis ?? -1, Math.max(v.ndim, 1), 'sort');
  return op1('sort', { axis: v.ndim === 0 ? null : axis }, [v]) as never;
}
export function argsort<A extends TensorLike>(x: A, options: SortAxis = {}): Tensor<'int64', number> {
  const v = asTensor(x, 'argsort');
  const axis = options.axis === null ? null : normAxis(options.axis ?? -1, Math.max(v.ndim, 1), 'argsort');
  return op1('argsort', { axis: v.ndim === 0 ? null : axis }, [v]) as never;
}
