// Scalar ops: the bodies of elementwise kernels. Each entry keeps its dtype rule, its
// reference implementation and how it prints, side by side.
import { type DType, isFloat, promoteAll, toFloat } from '../../runtime/dtype.ts';

export interface ScalarOpDef {
  arity: number;
  /** Output dtype from input dtypes; throws a TypeError naming the op for invalid ones. */
  dtype(ins: readonly DType[], op: string): DType;
  /** Reference evaluation on JS numbers (booleans are 0/1). */
  impl(...xs: number[]): number;
  /** How T.pp shows it: infix `(a + b)`, prefix `-a`, or a call `exp(a)`. */
  pp?: { infix: string } | { prefix: string };
}

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

function pyFloorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}
/** numpy rounds half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number) => (x > 30 ? x : x < -30 ? Math.exp(x) : Math.log1p(Math.exp(x)));
const b = (c: boolean) => (c ? 1 : 0);

export const SCALAR_OPS = {
  add: { arity: 2, dtype: same, impl: (a, c) => a + c, pp: { infix: '+' } },
  sub: { arity: 2, dtype: noBool, impl: (a, c) => a - c, pp: { infix: '-' } },
  mul: { arity: 2, dtype: same, impl: (a, c) => a * c, pp: { infix: '*' } },
  true_div: { arity: 2, dtype: trueDiv, impl: (a, c) => a / c, pp: { infix: '/' } },
  int_div: { arity: 2, dtype: noBool, impl: pyFloorDiv, pp: { infix: '//' } },
  mod: { arity: 2, dtype: noBool, impl: pyMod, pp: { infix: '%' } },
  pow: { arity: 2, dtype: same, impl: Math.pow, pp: { infix: '**' } },
  minimum: { arity: 2, dtype: same, impl: (a, c) => (a !== a || c !== c ? NaN : Math.min(a, c)) },
  maximum: { arity: 2, dtype: same, impl: (a, c) => (a !== a || c !== c ? NaN : Math.max(a, c)) },
  neg: { arity: 1, dtype: noBool, impl: (a) => -a, pp: { prefix: '-' } },
  abs: { arity: 1, dtype: same, impl: Math.abs },
  sgn: { arity: 1, dtype: same, impl: (a) => (a > 0 ? 1 : a < 0 ? -1 : a) },
  sqr: { arity: 1, dtype: same, impl: (a) => a * a },
  sqrt: { arity: 1, dtype: float, impl: Math.sqrt },
  exp: { arity: 1, dtype: float, impl: Math.exp },
  log: { arity: 1, dtype: float, impl: Math.log },
  log2: { arity: 1, dtype: float, impl: Math.log2 },
  log10: { arity: 1, dtype: float, impl: Math.log10 },
  log1p: { arity: 1, dtype: float, impl: Math.log1p },
  expm1: { arity: 1, dtype: float, impl: Math.expm1 },
  sin: { arity: 1, dtype: float, impl: Math.sin },
  cos: { arity: 1, dtype: float, impl: Math.cos },
  tan: { arity: 1, dtype: float, impl: Math.tan },
  arcsin: { arity: 1, dtype: float, impl: Math.asin },
  arccos: { arity: 1, dtype: float, impl: Math.acos },
  arctan: { arity: 1, dtype: float, impl: Math.atan },
  sinh: { arity: 1, dtype: float, impl: Math.sinh },
  cosh: { arity: 1, dtype: float, impl: Math.cosh },
  tanh: { arity: 1, dtype: float, impl: Math.tanh },
  sigmoid: { arity: 1, dtype: float, impl: sigmoid },
  softplus: { arity: 1, dtype: float, impl: softplus },
  floor: { arity: 1, dtype: keep, impl: Math.floor },
  ceil: { arity: 1, dtype: keep, impl: Math.ceil },
  round: { arity: 1, dtype: keep, impl: roundHalfEven },
  trunc: { arity: 1, dtype: keep, impl: Math.trunc },
  lt: { arity: 2, dtype: bool, impl: (a, c) => b(a < c), pp: { infix: '<' } },
  le: { arity: 2, dtype: bool, impl: (a, c) => b(a <= c), pp: { infix: '<=' } },
  gt: { arity: 2, dtype: bool, impl: (a, c) => b(a > c), pp: { infix: '>' } },
  ge: { arity: 2, dtype: bool, impl: (a, c) => b(a >= c), pp: { infix: '>=' } },
  eq: { arity: 2, dtype: bool, impl: (a, c) => b(a === c), pp: { infix: '==' } },
  neq: { arity: 2, dtype: bool, impl: (a, c) => b(a !== c), pp: { infix: '!=' } },
  and_: { arity: 2, dtype: intOrBool, impl: (a, c) => a & c, pp: { infix: '&' } },
  or_: { arity: 2, dtype: intOrBool, impl: (a, c) => a | c, pp: { infix: '|' } },
  xor: { arity: 2, dtype: intOrBool, impl: (a, c) => a ^ c, pp: { infix: '^' } },
  invert: { arity: 1, dtype: intOrBool, impl: (a) => ~a, pp: { prefix: '~' } },
  isnan: { arity: 1, dtype: bool, impl: (a) => b(a !== a) },
  isinf: { arity: 1, dtype: bool, impl: (a) => b(a === Infinity || a === -Infinity) },
  switch: { arity: 3, dtype: (ins) => promoteAll(ins.slice(1)), impl: (c, x, y) => (c ? x : y) },
  clip: { arity: 3, dtype: same, impl: (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x) },
  /** Theano's `second`: the value of the second input broadcast to the first's shape (T.fill). */
  second: { arity: 2, dtype: (ins) => ins[1]!, impl: (_a, c) => c },
  identity: { arity: 1, dtype: keep, impl: (a) => a },
  /** dtype comes from the op's params; the impl is the storage conversion itself. */
  cast: { arity: 1, dtype: keep, impl: (a) => a },
} satisfies Record<string, ScalarOpDef>;

export type ScalarOpName = keyof typeof SCALAR_OPS;
export const scalarOp = (n: ScalarOpName): ScalarOpDef => SCALAR_OPS[n];

/** Bitwise invert of a bool is logical not, as numpy's ~ on bool arrays. */
export function invertBool(a: number): number { return a ? 0 : 1; }

