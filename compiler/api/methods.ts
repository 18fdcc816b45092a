// Methods on variables for the common ops (`x.sum({ axis: 0 })`, `x.T`, `x.reshape([5, 2])`).
import type { DType } from '../../runtime/dtype.ts';
import { Variable } from '../graph.ts';
import * as E from './elemwise.ts';
import * as R from './reduce.ts';
import * as S from './shape.ts';
import * as L from './linalg.ts';
import * as I from './indexing.ts';
import type { ReduceOptions, RedN } from './reduce.ts';
import type { Tensor, TensorLike, SumD, ToFloat, Dec } from './types.ts';

type Self<D extends DType, N extends number> = Variable<D, N>;

declare module '../graph.ts' {
  interface Variable<D extends DType = DType, N extends number = number> {
    sum<O extends ReduceOptions & { dtype?: DType } = {}>(o?: O): Tensor<SumD<D>, RedN<Self<D, N>, O>>;
    prod<O extends ReduceOptions & { dtype?: DType } = {}>(o?: O): Tensor<SumD<D>, RedN<Self<D, N>, O>>;
    mean<O extends ReduceOptions = {}>(o?: O): Tensor<ToFloat<D>, RedN<Self<D, N>, O>>;
    var<O extends ReduceOptions & { ddof?: number } = {}>(o?: O): Tensor<ToFloat<D>, RedN<Self<D, N>, O>>;
    std<O extends ReduceOptions & { ddof?: number } = {}>(o?: O): Tensor<ToFloat<D>, RedN<Self<D, N>, O>>;
    max<O extends ReduceOptions = {}>(o?: O): Tensor<D, RedN<Self<D, N>, O>>;
    min<O extends ReduceOptions = {}>(o?: O): Tensor<D, RedN<Self<D, N>, O>>;
    ptp<O extends ReduceOptions = {}>(o?: O): Tensor<D, RedN<Self<D, N>, O>>;
    all<O extends ReduceOptions = {}>(o?: O): Tensor<'bool', RedN<Self<D, N>, O>>;
    any<O extends ReduceOptions = {}>(o?: O): Tensor<'bool', RedN<Self<D, N>, O>>;
    argmax<O extends { axis?: number | null; keepdims?: boolean } = {}>(o?: O): Tensor<'int64', O extends { keepdims: true } ? N : O extends { axis: number } ? Dec<N> : 0>;
    argmin<O extends { axis?: number | null; keepdims?: boolean } = {}>(o?: O): Tensor<'int64', O extends { keepdims: true } ? N : O extends { axis: number } ? Dec<N> : 0>;
    reshape<const Sh extends S.ShapeLike>(shape: Sh): Tensor<D, Sh extends readonly unknown[] ? Sh['length'] : number>;
    flatten(o?: { ndim?: number }): Tensor<D, number>;
    dimshuffle(...pattern: (number | 'x')[]): Tensor<D, number>;
    transpose(axes?: readonly number[]): Tensor<D, N>;
    swapaxes(a: number, b: number): Tensor<D, N>;
    squeeze(o?: { axis?: number | number[] }): Tensor<D, number>;
    astype<E extends DType>(dtype: E): Tensor<E, N>;
    dot<B extends TensorLike>(b: B): Tensor<DType, number>;
    sort(o?: { axis?: number | null }): Tensor<D, number>;
    argsort(o?: { axis?: number | null }): Tensor<'int64', number>;
    clip(lo: TensorLike, hi: TensorLike): Tensor<D, N>;
    round(): Tensor<D, N>;
    /** `x[...]` with numpy semantics; see T.slice. */
    at(...index: I.Index[]): Tensor<D, number>;
    add<B extends TensorLike>(b: B): Tensor<B extends number ? D : DType, number>;
    sub<B extends TensorLike>(b: B): Tensor<B extends number ? D : DType, number>;
    mul<B extends TensorLike>(b: B): Tensor<B extends number ? D : DType, number>;
    div<B extends TensorLike>(b: B): Tensor<B extends number ? D : DType, number>;
    pow<B extends TensorLike>(b: B): Tensor<B extends number ? D : DType, number>;
    neg(): Tensor<D, N>;
    /** The transpose. */
    readonly T: Tensor<D, N>;
    /** The symbolic shape (an int64 vector). */
    readonly shape: Tensor<'int64', 1>;
  }
}

const proto = Variable.prototype as unknown as Record<string, unknown>;
const methods: Record<string, (this: Variable, ...a: never[]) => unknown> = {
  sum(o?: ReduceOptions) { return R.sum(this, o); },
  prod(o?: ReduceOptions) { return R.prod(this, o); },
  mean(o?: ReduceOptions) { return R.mean(this, o); },
  var(o?: ReduceOptions) { return R.var_(this, o); },
  std(o?: ReduceOptions) { return R.std(this, o); },
  max(o?: ReduceOptions) { return R.max(this, o); },
  min(o?: ReduceOptions) { return R.min(this, o); },
  ptp(o?: ReduceOptions) { return R.ptp(this, o); },
  all(o?: ReduceOptions) { return R.all(this, o); },
  any(o?: ReduceOptions) { return R.any(this, o); },
  argmax(o?: { axis?: number | null }) { return R.argmax(this, o); },
  argmin(o?: { axis?: number | null }) { return R.argmin(this, o); },
  reshape(s: S.ShapeLike) { return S.reshape(this, s); },
  flatten(o?: { ndim?: number }) { return S.flatten(this, o); },
  dimshuffle(...p: (number | 'x')[]) { return S.dimshuffle(this, ...p); },
  transpose(axes?: readonly number[]) { return S.transpose(this, axes); },
  swapaxes(a: number, b: number) { return S.swapaxes(this, a, b); },
  squeeze(o?: { axis?: number | number[] }) { return S.squeeze(this, o); },
  astype(d: DType) { return E.cast(this, d); },
  dot(b: TensorLike) { return L.dot(this, b); },
  sort(o?: { axis?: number | null }) { return L.sort(this, o); },
  argsort(o?: { axis?: number | null }) { return L.argsort(this, o); },
  clip(lo: TensorLike, hi: TensorLike) { return E.clip(this, lo, hi); },
  round() { return E.round(this); },
  at(...index: I.Index[]) { return I.subtensor(this, index); },
  add(b: TensorLike) { return E.add(this, b); },
  sub(b: TensorLike) { return E.sub(this, b); },
  mul(b: TensorLike) { return E.mul(this, b); },
  div(b: TensorLike) { return E.true_div(this, b); },
  pow(b: TensorLike) { return E.pow(this, b); },
  neg() { return E.neg(this); },
};
for (const [k, f] of Object.entries(methods)) Object.defineProperty(proto, k, { value: f, writable: true, configurable: true });
Object.defineProperty(proto, 'T', { get(this: Variable) { return S.transpose(this); }, configurable: true });
Object.defineProperty(proto, 'shape', { get(this: Variable) { return S.shape(this); }, configurable: true });
