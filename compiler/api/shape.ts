// Shape manipulation: reshape, flatten, dimshuffle, transpose, swapaxes, squeeze, shape.
import type { DType } from '../../runtime/dtype.ts';
import { Constant, type Variable } from '../graph.ts';
import { normAxis } from '../ops/opdef.ts';
import { asTensor, constant, op1 } from './core.ts';
import type { Tensor, TensorLike, DOf, NOf } from './types.ts';

type DT<A> = [DOf<A>] extends [never] ? DType : DOf<A>;

/** A shape given as JS numbers, int scalars, or an int vector (e.g. `x.shape`). */
export type ShapeLike = readonly (number | Variable)[] | Variable;

/** Turn a shape into an int64 vector variable, constant when every entry is a number. */
export function shapeVector(shape: ShapeLike, op: string): Variable {
  if (!Array.isArray(shape)) {
    const v = shape as Variable;
    if (v.ndim !== 1) throw new TypeError(`${op}: a shape must be a list or an integer vector, got ${v.type}`);
    return v;
  }
  const entries = shape as readonly (number | Variable)[];
  if (entries.every((e) => typeof e === 'number')) {
    entries.forEach((e, i) => {
      if (!Number.isInteger(e) || (e as number) < -1) throw new TypeError(`${op}: shape entry ${i} must be a non-negative integer (or -1), got ${e}`);
    });
    return constant(entries as number[], { dtype: 'int64' });
  }
  // symbolic entries: stack scalars into a vector
  const parts = entries.map((e) => {
    const v = asTensor(e, `${op} shape`);
    if (v.ndim !== 0) throw new TypeError(`${op}: each shape entry must be a scalar, got ${v.type}`);
    return op1('dimshuffle', { pattern: ['x'], inputNdim: 0 }, [v.dtype === 'int64' ? v : op1('elemwise', { scalar: 'cast', dtype: 'int64' }, [v])]);
  });
  return op1('concatenate', { axis: 0, dtype: 'int64' }, parts);
}

export function reshape<A extends TensorLike, const S extends ShapeLike>(x: A, shape: S): Tensor<DT<A>, S extends readonly unknown[] ? S['length'] : number> {
  const v = asTensor(x, 'reshape');
  const sv = shapeVector(shape, 'reshape');
  const ndim = Array.isArray(shape) ? shape.length : sv.type.shape[0];
  if (ndim == null) throw new TypeError('reshape: the length of a symbolic shape vector must be known; pass a list');
  return op1('reshape', { ndim }, [v, sv]) as never;
}

/** Collapse to `ndim` dimensions (default 1), keeping the leading ones. */
export function flatten<A extends TensorLike>(x: A, options: { ndim?: number } = {}): Tensor<DT<A>, number> {
  const v = asTensor(x, 'flatten');
  const nd = options.ndim ?? 1;
  if (nd < 1 || nd > Math.max(1, v.ndim)) throw new RangeError(`flatten: ndim must be between 1 and ${Math.max(1, v.ndim)}, got ${nd}`);
  const sh = shape(v);
  const lead = Array.from({ length: nd - 1 }, (_, i) => index1(sh, i));
  return reshape(v, [...lead, -1]) as never;
}

function index1(v: Variable, i: number): Variable {
  return op1('subtensor', { index: [{ kind: 'int', at: i }] }, [v]);
}

export function dimshuffle<A extends TensorLike>(x: A, ...pattern: (number | 'x')[]): Tensor<DT<A>, number> {
  const v = asTensor(x, 'dimshuffle');
  const flat = pattern.length === 1 && Array.isArray(pattern[0]) ? (pattern[0] as (number | 'x')[]) : pattern;
  return op1('dimshuffle', { pattern: flat, inputNdim: v.ndim }, [v]) as never;
}

export function transpose<A extends TensorLike>(x: A, axes?: readonly number[]): Tensor<DT<A>, NOf<A>> {
  const v = asTensor(x, 'transpose');
  const perm = axes ? axes.map((a) => normAxis(a, v.ndim, 'transpose')) : Array.from({ length: v.ndim }, (_, i) => v.ndim - 1 - i);
  if (perm.length !== v.ndim || new Set(perm).size !== v.ndim) throw new RangeError(`transpose: axes (${axes?.join(', ')}) are not a permutation of ${v.ndim} axes`);
  return op1('dimshuffle', { pattern: perm, inputNdim: v.ndim }, [v]) as never;
}

export function swapaxes<A extends TensorLike>(x: A, a1: number, a2: number): Tensor<DT<A>, NOf<A>> {
  const v = asTensor(x, 'swapaxes');
  const perm = Array.from({ length: v.ndim }, (_, i) => i);
  const i = normAxis(a1, v.ndim, 'swapaxes'), j = normAxis(a2, v.ndim, 'swapaxes');
  [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  return op1('dimshuffle', { pattern: perm, inputNdim: v.ndim }, [v]) as never;
}

/** Drop broadcastable axes (all of them, or those in `axis`). */
export function squeeze<A extends TensorLike>(x: A, options: { axis?: number | number[] } = {}): Tensor<DT<A>, number> {
  const v = asTensor(x, 'squeeze');
  const drop = options.axis === undefined
    ? v.broadcastable.map((b, i) => (b ? i : -1)).filter((i) => i >= 0)
    : (Array.isArray(options.axis) ? options.axis : [options.axis]).map((a) => normAxis(a, v.ndim, 'squeeze'));
  for (const d of drop) {
    if (!v.broadcastable[d]) throw new TypeError(`squeeze: axis ${d} of ${v.type} is not broadcastable (size 1 not known); use reshape`);
  }
  const pattern = Array.from({ length: v.ndim }, (_, i) => i).filter((i) => !drop.includes(i));
  return op1('dimshuffle', { pattern, inputNdim: v.ndim }, [v]) as never;
}

/** Add a broadcastable axis at `axis`. */
export function expand_dims<A extends TensorLike>(x: A, axis: number): Tensor<DT<A>, number> {
  const v = asTensor(x, 'expand_dims');
  const a = normAxis(axis, v.ndim + 1, 'expand_dims');
  const pattern: (number | 'x')[] = Array.from({ length: v.ndim }, (_, i) => i);
  pattern.splice(a, 0, 'x');
  return op1('dimshuffle', { pattern, inputNdim: v.ndim }, [v]) as never;
}

/** The symbolic shape: an int64 vector (constant when every size is static). */
export function shape<A extends TensorLike>(x: A): Tensor<'int64', 1> {
  const v = asTensor(x, 'shape');
  return op1('shape', {}, [v]) as never;
}

/** Size of one axis as an int64 scalar (constant when static). */
export function dimSize(v: Variable, axis: number): Variable {
  const s = v.type.shape[axis];
  if (s != null) return constant(s, { dtype: 'int64' });
  return index1(shape(v), axis);
}

export const isConstant = (v: unknown): v is Constant => v instanceof Constant;
