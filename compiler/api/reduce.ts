// Reductions with numpy's axis/keepdims: sum prod mean var std max min argmax argmin all any ptp.
import { type DType, isFloat, isDType, toFloat, isUnsigned } from '../../runtime/dtype.ts';
import type { Variable } from '../graph.ts';
import { normAxis } from '../ops/opdef.ts';
import type { ReduceOpName } from '../ops/params.ts';
import { asTensor, elem, op1 } from './core.ts';
import { dimSize } from './shape.ts';
import { isclose } from './elemwise.ts';
import type { Tensor, TensorLike, DOf, NOf, Dec, SumD, ToFloat } from './types.ts';

export interface ReduceOptions { axis?: number | readonly number[] | null; keepdims?: boolean }
type DT<A> = [DOf<A>] extends [never] ? DType : DOf<A>;
/** ndim after reducing: all axes -> 0, one axis -> N-1, keepdims -> N. */
export type RedN<A, O> = O extends { keepdims: true } ? NOf<A>
  : O extends { axis: number } ? Dec<NOf<A>>
  : O extends { axis: readonly number[] } ? number
  : 0;

export function normAxes(axis: ReduceOptions['axis'], ndim: number, op: string): number[] {
  if (axis === undefined || axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  const out = [...new Set(list.map((a) => normAxis(a, ndim, op)))].sort((a, b) => a - b);
  if (out.length !== list.length) throw new RangeError(`${op}: repeated axis in (${list.join(', ')})`);
  return out;
}

function accDType(op: ReduceOpName, d: DType): DType {
  if (op === 'all' || op === 'any') return 'bool';
  if (op === 'max' || op === 'min') return d;
  if (isFloat(d)) return d;
  return isUnsigned(d) && d !== 'bool' ? (d === 'uint32' ? 'int64' : 'int64') : 'int64';
}

/** Options, or an axis given positionally as Theano allows (`sum(x, 0)`). */
function opts<O>(o: O | number | readonly number[] | undefined): O {
  return (typeof o === 'number' || Array.isArray(o) ? { axis: o } : o ?? {}) as O;
}

function red(op: ReduceOpName, x: unknown, o0: ReduceOptions & { dtype?: DType }): Variable {
  const o = opts<ReduceOptions & { dtype?: DType }>(o0);
  const v = asTensor(x, op);
  if (o.dtype !== undefined && !isDType(o.dtype)) throw new TypeError(`${op}: unknown dtype ${JSON.stringify(o.dtype)}`);
  const axes = normAxes(o.axis, v.ndim, op);
  const dtype = o.dtype ?? accDType(op, v.dtype);
  return op1('reduce', { op, axes, keepdims: o.keepdims ?? false, dtype }, [v]);
}

export const sum = <A extends TensorLike, O extends ReduceOptions & { dtype?: DType } = {}>(x: A, o?: O): Tensor<SumD<DT<A>>, RedN<A, O>> => red('sum', x, o ?? {}) as never;
export const prod = <A extends TensorLike, O extends ReduceOptions & { dtype?: DType } = {}>(x: A, o?: O): Tensor<SumD<DT<A>>, RedN<A, O>> => red('prod', x, o ?? {}) as never;
export const max = <A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<DT<A>, RedN<A, O>> => red('max', x, o ?? {}) as never;
export const min = <A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<DT<A>, RedN<A, O>> => red('min', x, o ?? {}) as never;
export const all = <A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<'bool', RedN<A, O>> => red('all', x, o ?? {}) as never;
export const any = <A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<'bool', RedN<A, O>> => red('any', x, o ?? {}) as never;

/** Number of elements reduced over, as a weak JS number when static. */
function count(v: Variable, axes: readonly number[], dtype: DType): number | Variable {
  if (axes.every((a) => v.type.shape[a] != null)) return axes.reduce((n, a) => n * v.type.shape[a]!, 1);
  return axes.map((a) => elem('cast', [dimSize(v, a)], dtype)).reduce((a, b) => elem('mul', [a, b]));
}

/**
 * The mean; integers average to float64 (float32 for small ints), as Theano. float16 sums and
 * divides in float32 and rounds once, as numpy does, rather than dividing a rounded sum.
 */
export function mean<A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<ToFloat<DT<A>>, RedN<A, O>> {
  o = opts<O>(o);
  const v = asTensor(x, 'mean');
  const out = toFloat(v.dtype === 'int64' || v.dtype === 'int32' || v.dtype === 'uint32' ? 'float64' : v.dtype);
  const axes = normAxes(o?.axis, v.ndim, 'mean');
  if (v.dtype === 'float16') {
    const s32 = red('sum', v, { axis: axes, keepdims: o?.keepdims ?? false, dtype: 'float32' });
    return elem('cast', [elem('true_div', [s32, count(v, axes, 'float32')])], 'float16') as never;
  }
  const s = red('sum', v, { axis: axes, keepdims: o?.keepdims ?? false, dtype: isFloat(v.dtype) ? v.dtype : out });
  return elem('true_div', [s, count(v, axes, out)]) as never;
}

/** Variance with `ddof` (default 0, numpy's). */
export function var_<A extends TensorLike, O extends ReduceOptions & { ddof?: number } = {}>(x: A, o?: O): Tensor<ToFloat<DT<A>>, RedN<A, O>> {
  o = opts<O>(o);
  const v = asTensor(x, 'var');
  const axes = normAxes(o?.axis, v.ndim, 'var');
  const m = mean(v, { axis: axes, keepdims: true });
  const d = elem('sub', [v, m]);
  const ss = red('sum', elem('sqr', [d]), { axis: axes, keepdims: o?.keepdims ?? false });
  const n = count(v, axes, ss.dtype);
  const ddof = o?.ddof ?? 0;
  return elem('true_div', [ss, typeof n === 'number' ? n - ddof : elem('sub', [n, ddof])]) as never;
}
export const std = <A extends TensorLike, O extends ReduceOptions & { ddof?: number } = {}>(x: A, o?: O): Tensor<ToFloat<DT<A>>, RedN<A, O>> =>
  elem('sqrt', [var_(x, o)]) as never;

/** Peak to peak: max - min. */
export const ptp = <A extends TensorLike, O extends ReduceOptions = {}>(x: A, o?: O): Tensor<DT<A>, RedN<A, O>> =>
  elem('sub', [red('max', x, o ?? {}), red('min', x, o ?? {})]) as never;

function argred(op: 'argmax' | 'argmin', x: unknown, o0: { axis?: number | null; keepdims?: boolean }): Variable {
  const o = opts<{ axis?: number | null; keepdims?: boolean }>(o0);
  const v = asTensor(x, op);
  const axis = o.axis === undefined || o.axis === null ? null : normAxis(o.axis, v.ndim, op);
  return op1('argreduce', { op, axis, keepdims: o.keepdims ?? false }, [v]);
}
type ArgN<A, O> = O extends { keepdims: true } ? NOf<A> : O extends { axis: number } ? Dec<NOf<A>> : 0;
export const argmax = <A extends TensorLike, O extends { axis?: number | null; keepdims?: boolean } = {}>(x: A, o?: O): Tensor<'int64', ArgN<A, O>> => argred('argmax', x, o ?? {}) as never;
export const argmin = <A extends TensorLike, O extends { axis?: number | null; keepdims?: boolean } = {}>(x: A, o?: O): Tensor<'int64', ArgN<A, O>> => argred('argmin', x, o ?? {}) as never;

/** True when every element is close (numpy.allclose). */
export const allclose = (a: TensorLike, b: TensorLike, o: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Tensor<'bool', 0> =>
  red('all', isclose(a, b, o), {}) as never;
