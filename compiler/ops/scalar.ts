// Scalar ops: the bodies of elementwise kernels. Each entry keeps its dtype rule, its
// reference implementation, how it prints and its gradient, side by side.
import { type DType, isFloat, promoteAll, toFloat } from '../../runtime/dtype.ts';
import type { Variable } from '../graph.ts';
import { type GradTerm, zeroGrad, disconnected } from '../grad/nograd.ts';
// api/ imports this module, so E is complete only once loading ends: use it inside rules only
import * as E from '../api/elemwise.ts';
import { npPow, pyFloorDiv, pyMod, roundHalfEven } from '../../runtime/cpu/helpers.ts';

export interface ScalarOpDef {
  arity: number;
  /** Output dtype from input dtypes; throws a TypeError naming the op for invalid ones. */
  dtype(ins: readonly DType[], op: string): DType;
  /** Reference evaluation on JS numbers (booleans are 0/1). */
  impl(...xs: number[]): number;
  /** How T.pp shows it: infix `(a + b)`, prefix `-a`, or a call `exp(a)`. */
  pp?: { infix: string } | { prefix: string };
  /**
   * Gradient per input as elementwise graphs of the inputs, the output and its gradient gz.
   * The elemwise op undoes broadcasting and casts each term to its input's dtype.
   */
  grad(ins: readonly Variable[], out: Variable, gz: Variable): GradTerm[];
}

/** minimum/maximum: the gradient goes to the input that was picked; at ties both get it, as in Theano. */
const toPicked = (ins: readonly Variable[], out: Variable, gz: Variable): GradTerm[] => ins.map((x) => E.mul(gz, E.eq(out, x)));

/** Every input gets a zero gradient, for this reason. */
const flat = (why: string) => (ins: readonly Variable[]): GradTerm[] => ins.map(() => zeroGrad(why));

const same = (ins: readonly DType[]) => promoteAll(ins);
const float = (ins: readonly DType[]) => toFloat(promoteAll(ins));
const bool = () => 'bool' as const;
const trueDiv = (ins: readonly DType[]) => {
  const d = promoteAll(ins);
  return isFloat(d) ? d : 'float64';
};
const intOrBool = (ins: readonly DType[], op: string): DType => {
  const d = promoteAll(ins);
  if (isFloat(d)) throw new TypeError(`${op}: bitwise ops need bool or integer inputs, got ${ins.join(' and ')}`);
  return d;
};
const noBool = (ins: readonly DType[], op: string): DType => {
  if (ins.every((d) => d === 'bool')) throw new TypeError(`${op}: not defined for bool inputs (cast them first)`);
  return promoteAll(ins);
};
/** Rounding keeps float dtypes and leaves integers alone, as numpy does. */
const keep = (ins: readonly DType[]) => ins[0]!;

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** numpy's logaddexp(0, x): x + log1p(exp(-x)) above zero, log1p(exp(x)) elsewhere (NaN too). */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const b = (c: boolean) => (c ? 1 : 0);
/**
 * numpy.clip: min(max(x, lo), hi), so hi wins where lo > hi, a tie takes the bound (clip(-0, 0, 1)
 * = +0), and a NaN anywhere gives NaN.
 */
const clip = (x: number, lo: number, hi: number) =>
  (x !== x || lo !== lo ? x + lo : x > lo ? (x < hi ? x : hi) : lo < hi ? lo : hi);

export const SCALAR_OPS = {
  add: { arity: 2, dtype: same, impl: (a, c) => a + c, pp: { infix: '+' }, grad: (_, _o, gz) => [gz, gz] },
  sub: { arity: 2, dtype: noBool, impl: (a, c) => a - c, pp: { infix: '-' }, grad: (_, _o, gz) => [gz, E.neg(gz)] },
  mul: { arity: 2, dtype: same, impl: (a, c) => a * c, pp: { infix: '*' }, grad: ([a, c], _o, gz) => [E.mul(gz, c!), E.mul(gz, a!)] },
  true_div: {
    arity: 2, dtype: trueDiv, impl: (a, c) => a / c, pp: { infix: '/' },
    grad: ([a, c], _o, gz) => [E.true_div(gz, c!), E.true_div(E.neg(E.mul(gz, a!)), E.mul(c!, c!))],
  },
  int_div: { arity: 2, dtype: noBool, impl: pyFloorDiv, pp: { infix: '//' }, grad: flat('int_div is piecewise constant (zero gradient, as Theano)') },
  /** a % b = a - b * floor(a / b): the floor is piecewise constant, as in Theano. */
  mod: { arity: 2, dtype: noBool, impl: pyMod, pp: { infix: '%' }, grad: ([a, c], _o, gz) => [gz, E.neg(E.mul(gz, E.int_div(a!, c!)))] },
  pow: {
    arity: 2, dtype: same, impl: npPow, pp: { infix: '**' },
    // d/db a**b = a**b log(a); at a = 0 that is 0 * -inf, which Theano defines as 0
    grad: ([a, c], out, gz) => [
      E.mul(E.mul(gz, c!), E.pow(a!, E.sub(c!, 1))),
      E.switch_(E.eq(a!, 0), 0, E.mul(E.mul(gz, out), E.log(a!))),
    ],
  },
  // NaN if either is NaN; the second operand at a tie (minimum(0, -0) = -0), as numpy's float64 and float32 loops
  minimum: { arity: 2, dtype: same, impl: (a, c) => (a !== a || c !== c ? NaN : a < c ? a : c), grad: toPicked },
  maximum: { arity: 2, dtype: same, impl: (a, c) => (a !== a || c !== c ? NaN : a > c ? a : c), grad: toPicked },
  neg: { arity: 1, dtype: noBool, impl: (a) => -a, pp: { prefix: '-' }, grad: (_, _o, gz) => [E.neg(gz)] },
  /** sgn(0) = 0: the subgradient Theano picks at the kink. */
  abs: { arity: 1, dtype: same, impl: Math.abs, grad: ([x], _o, gz) => [E.mul(gz, E.sgn(x!))] },
  /** numpy.sign: +0 at ±0 (a + 0), NaN at NaN. */
  sgn: { arity: 1, dtype: same, impl: (a) => (a > 0 ? 1 : a < 0 ? -1 : a + 0), grad: flat('sgn is piecewise constant (zero gradient, as Theano)') },
  sqr: { arity: 1, dtype: same, impl: (a) => a * a, grad: ([x], _o, gz) => [E.mul(E.mul(gz, x!), 2)] },
  sqrt: { arity: 1, dtype: float, impl: Math.sqrt, grad: (_, out, gz) => [E.true_div(E.mul(gz, 0.5), out)] },
  exp: { arity: 1, dtype: float, impl: Math.exp, grad: (_, out, gz) => [E.mul(gz, out)] },
  log: { arity: 1, dtype: float, impl: Math.log, grad: ([x], _o, gz) => [E.true_div(gz, x!)] },
  log2: { arity: 1, dtype: float, impl: Math.log2, grad: ([x], _o, gz) => [E.true_div(gz, E.mul(x!, Math.LN2))] },
  log10: { arity: 1, dtype: float, impl: Math.log10, grad: ([x], _o, gz) => [E.true_div(gz, E.mul(x!, Math.LN10))] },
  log1p: { arity: 1, dtype: float, impl: Math.log1p, grad: ([x], _o, gz) => [E.true_div(gz, E.add(1, x!))] },
  expm1: { arity: 1, dtype: float, impl: Math.expm1, grad: ([x], _o, gz) => [E.mul(gz, E.exp(x!))] },
  sin: { arity: 1, dtype: float, impl: Math.sin, grad: ([x], _o, gz) => [E.mul(gz, E.cos(x!))] },
  cos: { arity: 1, dtype: float, impl: Math.cos, grad: ([x], _o, gz) => [E.neg(E.mul(gz, E.sin(x!)))] },
  tan: { arity: 1, dtype: float, impl: Math.tan, grad: ([x], _o, gz) => [E.true_div(gz, E.sqr(E.cos(x!)))] },
  arcsin: { arity: 1, dtype: float, impl: Math.asin, grad: ([x], _o, gz) => [E.true_div(gz, E.sqrt(E.sub(1, E.sqr(x!))))] },
  arccos: { arity: 1, dtype: float, impl: Math.acos, grad: ([x], _o, gz) => [E.neg(E.true_div(gz, E.sqrt(E.sub(1, E.sqr(x!)))))] },
  arctan: { arity: 1, dtype: float, impl: Math.atan, grad: ([x], _o, gz) => [E.true_div(gz, E.add(1, E.sqr(x!)))] },
  sinh: { arity: 1, dtype: float, impl: Math.sinh, grad: ([x], _o, gz) => [E.mul(gz, E.cosh(x!))] },
  cosh: { arity: 1, dtype: float, impl: Math.cosh, grad: ([x], _o, gz) => [E.mul(gz, E.sinh(x!))] },
  tanh: { arity: 1, dtype: float, impl: Math.tanh, grad: (_, out, gz) => [E.mul(gz, E.sub(1, E.sqr(out)))] },
  sigmoid: { arity: 1, dtype: float, impl: sigmoid, grad: (_, out, gz) => [E.mul(E.mul(gz, out), E.sub(1, out))] },
  softplus: { arity: 1, dtype: float, impl: softplus, grad: ([x], _o, gz) => [E.mul(gz, E.sigmoid(x!))] },
  floor: { arity: 1, dtype: keep, impl: Math.floor, grad: flat('floor is piecewise constant (zero gradient, as Theano)') },
  ceil: { arity: 1, dtype: keep, impl: Math.ceil, grad: flat('ceil is piecewise constant (zero gradient, as Theano)') },
  round: { arity: 1, dtype: keep, impl: roundHalfEven, grad: flat('round is piecewise constant (zero gradient, as Theano)') },
  trunc: { arity: 1, dtype: keep, impl: Math.trunc, grad: flat('trunc is piecewise constant (zero gradient, as Theano)') },
  lt: { arity: 2, dtype: bool, impl: (a, c) => b(a < c), pp: { infix: '<' }, grad: flat('comparison: bool output') },
  le: { arity: 2, dtype: bool, impl: (a, c) => b(a <= c), pp: { infix: '<=' }, grad: flat('comparison: bool output') },
  gt: { arity: 2, dtype: bool, impl: (a, c) => b(a > c), pp: { infix: '>' }, grad: flat('comparison: bool output') },
  ge: { arity: 2, dtype: bool, impl: (a, c) => b(a >= c), pp: { infix: '>=' }, grad: flat('comparison: bool output') },
  eq: { arity: 2, dtype: bool, impl: (a, c) => b(a === c), pp: { infix: '==' }, grad: flat('comparison: bool output') },
  neq: { arity: 2, dtype: bool, impl: (a, c) => b(a !== c), pp: { infix: '!=' }, grad: flat('comparison: bool output') },
  and_: { arity: 2, dtype: intOrBool, impl: (a, c) => a & c, pp: { infix: '&' }, grad: flat('bitwise op: integer or bool output') },
  or_: { arity: 2, dtype: intOrBool, impl: (a, c) => a | c, pp: { infix: '|' }, grad: flat('bitwise op: integer or bool output') },
  xor: { arity: 2, dtype: intOrBool, impl: (a, c) => a ^ c, pp: { infix: '^' }, grad: flat('bitwise op: integer or bool output') },
  invert: { arity: 1, dtype: intOrBool, impl: (a) => ~a, pp: { prefix: '~' }, grad: flat('bitwise op: integer or bool output') },
  isnan: { arity: 1, dtype: bool, impl: (a) => b(a !== a), grad: flat('isnan: bool output') },
  isinf: { arity: 1, dtype: bool, impl: (a) => b(a === Infinity || a === -Infinity), grad: flat('isinf: bool output') },
  switch: {
    arity: 3, dtype: (ins) => promoteAll(ins.slice(1)), impl: (c, x, y) => (c !== 0 ? x : y), // a NaN condition is true, as numpy.where's
    // each element's gradient goes to the branch that was taken
    grad: ([c], _o, gz) => [zeroGrad('switch condition: it only selects'), E.switch_(c!, gz, 0), E.switch_(c!, 0, gz)],
  },
  clip: {
    arity: 3, dtype: same, impl: clip,
    // x gets the gradient strictly inside [lo, hi]; on a bound (and beyond) the bound gets it
    grad: ([x, lo, hi], _o, gz) => [E.mul(gz, E.and_(E.gt(x!, lo!), E.lt(x!, hi!))), E.mul(gz, E.le(x!, lo!)), E.mul(gz, E.ge(x!, hi!))],
  },
  /** Theano's `second`: the value of the second input broadcast to the first's shape (T.fill). */
  second: { arity: 2, dtype: (ins) => ins[1]!, impl: (_a, c) => c, grad: (_, _o, gz) => [disconnected("fill's model: only its shape is used"), gz] },
  identity: { arity: 1, dtype: keep, impl: (a) => a, grad: (_, _o, gz) => [gz] },
  /** dtype comes from the op's params; the impl is the storage conversion itself. */
  cast: { arity: 1, dtype: keep, impl: (a) => a, grad: (_, _o, gz) => [gz] },
} satisfies Record<string, ScalarOpDef>;

export type ScalarOpName = keyof typeof SCALAR_OPS;
export const scalarOp = (n: ScalarOpName): ScalarOpDef => SCALAR_OPS[n];

/** Bitwise invert of a bool is logical not, as numpy's ~ on bool arrays. */
export function invertBool(a: number): number { return a ? 0 : 1; }

