// Creation: zeros ones alloc eye identity_like arange zeros_like ones_like.
import { type DType, isDType, promoteAll, weakDType } from '../../runtime/dtype.ts';
import { config } from '../config.ts';
import type { Variable } from '../graph.ts';
import { asTensor, constant, elem, op1 } from './core.ts';
import { dimSize, type ShapeLike } from './shape.ts';
import type { Tensor, TensorLike, DOf } from './types.ts';

type Len<S> = S extends readonly unknown[] ? S['length'] : number;

function dims(shape: ShapeLike | number, op: string): Variable[] {
  const list = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(list)) {
    const v = list as Variable;
    const n = v.type.shape[0];
    if (v.ndim !== 1 || n == null) throw new TypeError(`${op}: the shape must be a list or an integer vector of known length, got ${v.type}`);
    return Array.from({ length: n }, (_, i) => op1('subtensor', { index: [{ kind: 'int', at: i }] }, [v]));
  }
  return (list as readonly (number | Variable)[]).map((d, i) => {
    if (typeof d === 'number' && (!Number.isInteger(d) || d < 0)) throw new TypeError(`${op}: shape entry ${i} must be a non-negative integer, got ${d}`);
    return typeof d === 'number' ? constant(d, { dtype: 'int64' }) : asTensor(d, op);
  });
}

function checkDType(d: unknown, op: string): DType {
  if (!isDType(d)) throw new TypeError(`${op}: unknown dtype ${JSON.stringify(d)}`);
  return d;
}

/** `value` broadcast to `shape` (Theano's alloc). */
export function alloc<V extends TensorLike, S extends ShapeLike>(value: V, shape: S): Tensor<[DOf<V>] extends [never] ? DType : DOf<V>, Len<S>> {
  const v = asTensor(value, 'alloc');
  return op1('alloc', {}, [v, ...dims(shape, 'alloc')]) as never;
}

export function zeros<S extends ShapeLike | number, D extends DType = typeof config.floatX>(shape: S, options: { dtype?: D } = {}): Tensor<D, S extends number ? 1 : Len<S>> {
  const d = checkDType(options.dtype ?? config.floatX, 'zeros');
  return op1('alloc', {}, [constant(0, { dtype: d }), ...dims(shape as ShapeLike, 'zeros')]) as never;
}
export function ones<S extends ShapeLike | number, D extends DType = typeof config.floatX>(shape: S, options: { dtype?: D } = {}): Tensor<D, S extends number ? 1 : Len<S>> {
  const d = checkDType(options.dtype ?? config.floatX, 'ones');
  return op1('alloc', {}, [constant(1, { dtype: d }), ...dims(shape as ShapeLike, 'ones')]) as never;
}

export function zeros_like<A extends Variable>(x: A, options: { dtype?: DType } = {}): Tensor<A['dtype'], A['ndim']> {
  const v = asTensor(x, 'zeros_like');
  return op1('alloc', {}, [constant(0, { dtype: options.dtype ?? v.dtype }), ...v.type.shape.map((_, i) => dimSize(v, i))]) as never;
}
export function ones_like<A extends Variable>(x: A, options: { dtype?: DType } = {}): Tensor<A['dtype'], A['ndim']> {
  const v = asTensor(x, 'ones_like');
  return op1('alloc', {}, [constant(1, { dtype: options.dtype ?? v.dtype }), ...v.type.shape.map((_, i) => dimSize(v, i))]) as never;
}

/** n×m identity-like matrix with ones on diagonal k. */
export function eye<D extends DType = typeof config.floatX>(n: number | Variable, m?: number | Variable | null, options: { k?: number; dtype?: D } = {}): Tensor<D, 2> {
  const d = checkDType(options.dtype ?? config.floatX, 'eye');
  const nv = typeof n === 'number' ? constant(n, { dtype: 'int64' }) : asTensor(n, 'eye');
  const mv = m === undefined || m === null ? nv : typeof m === 'number' ? constant(m, { dtype: 'int64' }) : asTensor(m, 'eye');
  return op1('eye', { dtype: d }, [nv, mv, constant(options.k ?? 0, { dtype: 'int64' })]) as never;
}
export const identity = eye;

/** A matrix shaped like x with ones on the diagonal. */
export function identity_like<A extends Variable>(x: A, options: { dtype?: DType } = {}): Tensor<A['dtype'], 2> {
  const v = asTensor(x, 'identity_like');
  if (v.ndim !== 2) throw new TypeError(`identity_like: expected a matrix, got ${v.type}`);
  return op1('eye', { dtype: options.dtype ?? v.dtype }, [dimSize(v, 0), dimSize(v, 1), constant(0, { dtype: 'int64' })]) as never;
}

/** numpy.arange: `arange(stop)`, `arange(start, stop, step?)`; integers give int64 unless a typed scalar says otherwise. */
export function arange<D extends DType = 'int64'>(a: number | Variable, b?: number | Variable, c?: number | Variable, options: { dtype?: D } = {}): Tensor<D, 1> {
  const [start, stop, step] = b === undefined ? [0, a, 1] : [a, b, c ?? 1];
  const parts = [start, stop, step];
  const vars = parts.filter((p): p is Variable => typeof p !== 'number');
  let dtype: DType;
  if (options.dtype) dtype = checkDType(options.dtype, 'arange');
  else if (vars.length) dtype = parts.reduce<DType>((acc, p) => (typeof p === 'number' ? promoteAll([acc, weakDType(p, acc, config.floatX)]) : promoteAll([acc, (p as Variable).dtype])), vars[0]!.dtype);
  else dtype = parts.every((p) => Number.isInteger(p)) ? 'int64' : config.floatX;
  const ins = parts.map((p) => (typeof p === 'number' ? constant(p, { dtype }) : p.dtype === dtype ? p : elem('cast', [p], dtype)));
  return op1('arange', { dtype }, ins) as never;
}

