// Elementwise T.* functions. Each builds one Elemwise node (see core.elem).
import { type DType, isDType } from '../../runtime/dtype.ts';
import type { Variable } from '../graph.ts';
import { asTensor, elem } from './core.ts';
import type { Bin, Up, Up3, NOf, Max, Tensor, TensorLike, ToFloat, TrueDiv, DOf } from './types.ts';

type U<A> = Tensor<[DOf<A>] extends [never] ? DType : DOf<A>, NOf<A>>;
type F<A> = Tensor<ToFloat<[DOf<A>] extends [never] ? DType : DOf<A>>, NOf<A>>;
type Cmp<A, B> = Tensor<'bool', Max<NOf<A>, NOf<B>>>;

/** JS ignores extra arguments; a formula with one too many is a mistake worth reporting. */
export function arity(op: string, got: number, want: number): void {
  if (got !== want) throw new TypeError(`${op}: expected ${want} argument${want === 1 ? '' : 's'}, got ${got}`);
}

function nary<R>(name: 'add' | 'mul', xs: readonly unknown[]): R {
  const [first, ...rest] = xs;
  if (rest.length === 1) return elem(name, [first, rest[0]]) as R;
  return rest.reduce<Variable>((acc, x) => elem(name, [acc, x]), asTensor(first, name)) as R;
}

/** `T.add(a, b, ...)`: any number of inputs, summed left to right. */
export const add = <A extends TensorLike, B extends TensorLike>(a: A, b: B, ...more: TensorLike[]): Bin<A, B> => nary('add', [a, b, ...more]);
export const mul = <A extends TensorLike, B extends TensorLike>(a: A, b: B, ...more: TensorLike[]): Bin<A, B> => nary('mul', [a, b, ...more]);
export function sub<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('sub', arguments.length, 2);
  return elem('sub', [a, b]) as never;
}
export function true_div<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B, TrueDiv<Up<A, B>>> {
  arity('true_div', arguments.length, 2);
  return elem('true_div', [a, b]) as never;
}
export function int_div<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('int_div', arguments.length, 2);
  return elem('int_div', [a, b]) as never;
}
export function mod<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('mod', arguments.length, 2);
  return elem('mod', [a, b]) as never;
}
export function pow<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('pow', arguments.length, 2);
  return elem('pow', [a, b]) as never;
}
export function minimum<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('minimum', arguments.length, 2);
  return elem('minimum', [a, b]) as never;
}
export function maximum<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('maximum', arguments.length, 2);
  return elem('maximum', [a, b]) as never;
}

export function lt<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('lt', arguments.length, 2);
  return elem('lt', [a, b]) as never;
}
export function le<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('le', arguments.length, 2);
  return elem('le', [a, b]) as never;
}
export function gt<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('gt', arguments.length, 2);
  return elem('gt', [a, b]) as never;
}
export function ge<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('ge', arguments.length, 2);
  return elem('ge', [a, b]) as never;
}
export function eq<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('eq', arguments.length, 2);
  return elem('eq', [a, b]) as never;
}
export function neq<A extends TensorLike, B extends TensorLike>(a: A, b: B): Cmp<A, B> {
  arity('neq', arguments.length, 2);
  return elem('neq', [a, b]) as never;
}
export function and_<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('and_', arguments.length, 2);
  return elem('and_', [a, b]) as never;
}
export function or_<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('or_', arguments.length, 2);
  return elem('or_', [a, b]) as never;
}
export function xor<A extends TensorLike, B extends TensorLike>(a: A, b: B): Bin<A, B> {
  arity('xor', arguments.length, 2);
  return elem('xor', [a, b]) as never;
}
/** Unary ops whose result keeps the input's dtype. */
const keepUnary = (name: 'invert' | 'neg' | 'abs' | 'sgn' | 'sqr' | 'floor' | 'ceil' | 'trunc') =>
  function <A extends TensorLike>(a: A): U<A> {
    arity(name, arguments.length, 1);
    return elem(name, [a]) as U<A>;
  };
export const invert = keepUnary('invert'), neg = keepUnary('neg'), abs = keepUnary('abs'), sgn = keepUnary('sgn');
export const sqr = keepUnary('sqr'), floor = keepUnary('floor'), ceil = keepUnary('ceil'), trunc = keepUnary('trunc');
export const bitwise_and = and_, bitwise_or = or_, bitwise_xor = xor, bitwise_not = invert;

/** Rounds half to even, as numpy (Theano's old default rounded half away from zero; `{ mode }` picks it). */
export function round<A extends TensorLike>(a: A, options: { mode?: 'half_to_even' | 'half_away_from_zero' } = {}): U<A> {
  if (options.mode === 'half_away_from_zero') {
    const x = asTensor(a);
    return elem('mul', [elem('sgn', [x]), elem('floor', [elem('add', [elem('abs', [x]), 0.5])])]) as U<A>;
  }
  return elem('round', [a]) as U<A>;
}

const unary = (name: 'sqrt' | 'exp' | 'log' | 'log2' | 'log10' | 'log1p' | 'expm1' | 'sin' | 'cos' | 'tan' | 'arcsin' | 'arccos' | 'arctan' | 'sinh' | 'cosh' | 'tanh' | 'sigmoid' | 'softplus') =>
  function <A extends TensorLike>(a: A): F<A> {
    arity(name, arguments.length, 1);
    return elem(name, [a]) as F<A>;
  };
export const sqrt = unary('sqrt'), exp = unary('exp'), log = unary('log'), log2 = unary('log2'), log10 = unary('log10');
export const log1p = unary('log1p'), expm1 = unary('expm1'), sin = unary('sin'), cos = unary('cos'), tan = unary('tan');
export const arcsin = unary('arcsin'), arccos = unary('arccos'), arctan = unary('arctan');
export const sinh = unary('sinh'), cosh = unary('cosh'), tanh = unary('tanh'), sigmoid = unary('sigmoid'), softplus = unary('softplus');

export function isnan<A extends TensorLike>(a: A): Tensor<'bool', NOf<A>> {
  arity('isnan', arguments.length, 1);
  return elem('isnan', [a]) as never;
}
export function isinf<A extends TensorLike>(a: A): Tensor<'bool', NOf<A>> {
  arity('isinf', arguments.length, 1);
  return elem('isinf', [a]) as never;
}

/** Elementwise `cond ? a : b`. */
export const switch_ = <C extends TensorLike, A extends TensorLike, B extends TensorLike>(c: C, a: A, b: B): Tensor<Up<A, B>, Max<NOf<C>, Max<NOf<A>, NOf<B>>>> =>
  elem('switch', [c, a, b]) as Tensor<Up<A, B>, Max<NOf<C>, Max<NOf<A>, NOf<B>>>>;
export const clip = <A extends TensorLike, L extends TensorLike, H extends TensorLike>(a: A, lo: L, hi: H): Tensor<Up3<A, L, H>, NOf<A>> =>
  elem('clip', [a, lo, hi]) as Tensor<Up3<A, L, H>, NOf<A>>;

export function cast<A extends TensorLike, D extends DType>(a: A, dtype: D): Tensor<D, NOf<A>> {
  if (!isDType(dtype)) throw new TypeError(`cast: unknown dtype ${JSON.stringify(dtype)}`);
  const x = asTensor(a, 'cast');
  if (x.dtype === dtype) return x as Tensor<D, NOf<A>>;
  return elem('cast', [x], dtype) as Tensor<D, NOf<A>>;
}

/** numpy.isclose: |a - b| <= atol + rtol * |b|, with equal infinities close and NaN never close. */
export function isclose<A extends TensorLike, B extends TensorLike>(a: A, b: B, options: { rtol?: number; atol?: number; equalNan?: boolean } = {}): Cmp<A, B> {
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  const x = asTensor(a), y = asTensor(b);
  const close = elem('le', [elem('abs', [elem('sub', [x, y])]), elem('add', [atol, elem('mul', [rtol, elem('abs', [y])])])]);
  let r = elem('or_', [close, elem('eq', [x, y])]);
  if (equalNan) r = elem('or_', [r, elem('and_', [elem('isnan', [x]), elem('isnan', [y])])]);
  return r as Cmp<A, B>;
}
/** Theano's fill(model, value): value broadcast to the model's shape. */
export const fill = <M extends TensorLike, V extends TensorLike>(model: M, value: V): Tensor<Up<V, V>, Max<NOf<M>, NOf<V>>> =>
  elem('second', [model, value]) as Tensor<Up<V, V>, Max<NOf<M>, NOf<V>>>;
export const second = fill;
