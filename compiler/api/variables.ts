// Input variable constructors (Theano's prefixed names and plurals) and shared variables.
import { type DType, type FloatDType, isDType } from '../../runtime/dtype.ts';
import { NDArray, asarray, isTypedArray, type ArrayLike } from '../../runtime/ndarray.ts';
import { SharedContainer } from '../../runtime/shared.ts';
import { config } from '../config.ts';
import { SharedVariable, Variable } from '../graph.ts';
import { TensorType } from '../type.ts';

type FloatX = FloatDType;

/** A fresh input variable of the given dtype and ndim (optionally broadcastable axes / static sizes). */
export function tensor<D extends DType, N extends number>(dtype: D, ndim: N, name?: string | null, options: { broadcastable?: readonly boolean[]; shape?: readonly (number | null)[] } = {}): Variable<D, N> {
  if (!isDType(dtype)) throw new TypeError(`tensor: unknown dtype ${JSON.stringify(dtype)}`);
  const bc = options.broadcastable ?? (options.shape ? options.shape.map((s) => s === 1) : new Array<boolean>(ndim).fill(false));
  if (bc.length !== ndim) throw new TypeError(`tensor: broadcastable pattern has ${bc.length} entries for ndim ${ndim}`);
  return new Variable(new TensorType(dtype, bc, options.shape), null, 0, name ?? null) as Variable<D, N>;
}

function ctor<D extends DType, N extends number>(dtype: D, ndim: N) {
  return (name?: string | null): Variable<D, N> => tensor(dtype, ndim, name);
}
/** floatX constructors accept a dtype as second argument, as Theano's do. */
function floatXCtor<N extends number>(ndim: N) {
  return <D extends DType = FloatX>(name?: string | null, dtype?: D): Variable<DType extends D ? FloatX : D, N> =>
    tensor((dtype ?? config.floatX) as DType, ndim, name) as never;
}
function plural<V>(make: (name?: string | null) => V) {
  return <const S extends readonly string[]>(...names: S): { [K in keyof S]: V } => names.map((n) => make(n)) as { [K in keyof S]: V };
}

export const scalar = floatXCtor(0), vector = floatXCtor(1), matrix = floatXCtor(2), tensor3 = floatXCtor(3), tensor4 = floatXCtor(4);
export const scalars = plural(scalar), vectors = plural(vector), matrices = plural(matrix), tensor3s = plural(tensor3), tensor4s = plural(tensor4);

export const bscalar = ctor('int8', 0), bvector = ctor('int8', 1), bmatrix = ctor('int8', 2), btensor3 = ctor('int8', 3), btensor4 = ctor('int8', 4);
export const wscalar = ctor('int16', 0), wvector = ctor('int16', 1), wmatrix = ctor('int16', 2), wtensor3 = ctor('int16', 3), wtensor4 = ctor('int16', 4);
export const iscalar = ctor('int32', 0), ivector = ctor('int32', 1), imatrix = ctor('int32', 2), itensor3 = ctor('int32', 3), itensor4 = ctor('int32', 4);
export const lscalar = ctor('int64', 0), lvector = ctor('int64', 1), lmatrix = ctor('int64', 2), ltensor3 = ctor('int64', 3), ltensor4 = ctor('int64', 4);
export const fscalar = ctor('float32', 0), fvector = ctor('float32', 1), fmatrix = ctor('float32', 2), ftensor3 = ctor('float32', 3), ftensor4 = ctor('float32', 4);
export const dscalar = ctor('float64', 0), dvector = ctor('float64', 1), dmatrix = ctor('float64', 2), dtensor3 = ctor('float64', 3), dtensor4 = ctor('float64', 4);

export const bscalars = plural(bscalar), bvectors = plural(bvector), bmatrices = plural(bmatrix);
export const wscalars = plural(wscalar), wvectors = plural(wvector), wmatrices = plural(wmatrix);
export const iscalars = plural(iscalar), ivectors = plural(ivector), imatrices = plural(imatrix);
export const lscalars = plural(lscalar), lvectors = plural(lvector), lmatrices = plural(lmatrix);
export const fscalars = plural(fscalar), fvectors = plural(fvector), fmatrices = plural(fmatrix);
export const dscalars = plural(dscalar), dvectors = plural(dvector), dmatrices = plural(dmatrix);
export const ftensor3s = plural(ftensor3), dtensor3s = plural(dtensor3), itensor3s = plural(itensor3);

export interface SharedOptions<D extends DType = DType> { name?: string; dtype?: D; broadcastable?: readonly boolean[]; borrow?: boolean }

type SharedDType<V, D> = DType extends D
  ? V extends NDArray<infer E, number> ? E : V extends Float32Array ? 'float32' : V extends Int32Array ? 'int32' : V extends Uint8Array ? 'uint8' : V extends Int8Array ? 'int8' : V extends Int16Array ? 'int16' : V extends Uint32Array ? 'uint32' : FloatX
  : D;
type SharedN<V> = V extends number | boolean ? 0 : V extends NDArray<DType, infer N> ? N : V extends { length: number; BYTES_PER_ELEMENT: number } ? 1
  : V extends readonly (readonly (readonly unknown[])[])[] ? 3 : V extends readonly (readonly unknown[])[] ? 2 : V extends readonly unknown[] ? 1 : number;

/**
 * `T.shared(value, { name, dtype, broadcastable })`. Typed arrays and NDArrays keep their dtype;
 * JS numbers and nested arrays are doubles, so they become floatX unless `dtype` says otherwise.
 */
export function shared<V extends NDArray | ArrayLike | number | boolean, D extends DType = DType>(value: V, options: SharedOptions<D> = {}): SharedVariable<SharedDType<V, D>, SharedN<V>> {
  let arr: NDArray;
  if (value instanceof NDArray || isTypedArray(value)) {
    arr = asarray(value as NDArray, options.dtype ? { dtype: options.dtype } : {});
    if (!options.borrow && arr === value) arr = arr.copy();
  } else if (typeof value === 'boolean') {
    arr = asarray(value, { dtype: options.dtype ?? 'bool' });
  } else {
    arr = asarray(value as number, { dtype: options.dtype ?? config.floatX });
  }
  const bc = options.broadcastable ?? arr.shape.map(() => false);
  if (bc.length !== arr.ndim) throw new TypeError(`shared: broadcastable pattern has ${bc.length} entries for a ${arr.ndim}-d value`);
  const name = options.name ?? null;
  const container = new SharedContainer(name ?? 'shared', arr, bc);
  container.coerce(arr, true);
  return new SharedVariable(new TensorType(arr.dtype, bc), container, name) as never;
}
