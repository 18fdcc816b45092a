// Type-level dtype and ndim arithmetic, so users' editors know what a formula produces.
import type { DType, FloatDType } from '../../runtime/dtype.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { Variable } from '../graph.ts';
import type { PROMOTE } from './promote-table.ts';

export type Tensor<D extends DType = DType, N extends number = number> = Variable<D, N>;

/** Anything an op accepts as a tensor: variables, numbers, booleans, nested arrays, NDArrays. */
export type TensorLike = Variable | number | boolean | NDArray | readonly unknown[];

export type Promote<A extends DType, B extends DType> = DType extends A ? DType : DType extends B ? DType : (typeof PROMOTE)[A][B];

/** dtype of an operand; JS numbers are weak (they take the other operand's dtype). */
export type DOf<A> = A extends Variable<infer D, number> ? D : A extends NDArray<infer D, number> ? D : never;
export type NOf<A> = A extends Variable<DType, infer N> ? N : A extends number | boolean ? 0 : A extends NDArray<DType, infer N> ? N : number;

type Below = [never, 0, 0 | 1, 0 | 1 | 2, 0 | 1 | 2 | 3, 0 | 1 | 2 | 3 | 4, 0 | 1 | 2 | 3 | 4 | 5];
export type Max<A extends number, B extends number> = number extends A ? number : number extends B ? number
  : A extends keyof Below ? (B extends Below[A] ? A : B) : number;
type DecT = [never, 0, 1, 2, 3, 4, 5];
export type Dec<N extends number> = number extends N ? number : N extends keyof DecT ? DecT[N] : number;

export type Up<A, B> = [DOf<A>] extends [never] ? ([DOf<B>] extends [never] ? DType : DOf<B>) : [DOf<B>] extends [never] ? DOf<A> : Promote<DOf<A>, DOf<B>>;
export type Up3<A, B, C> = Up<Up<A, B> extends DType ? Variable<Up<A, B>, 0> : never, C>;

export type ToFloat<D extends DType> = D extends FloatDType ? D : DType extends D ? DType : D extends 'int32' | 'int64' | 'uint32' ? 'float64' : 'float32';
export type TrueDiv<D extends DType> = D extends FloatDType ? D : DType extends D ? DType : 'float64';
/** numpy's sum/prod accumulate small ints in int64. */
export type SumD<D extends DType> = D extends FloatDType ? D : DType extends D ? DType : 'int64';

/** Result of a binary elementwise op over A and B. */
export type Bin<A, B, D extends DType = Up<A, B>> = Variable<D, Max<NOf<A>, NOf<B>>>;
