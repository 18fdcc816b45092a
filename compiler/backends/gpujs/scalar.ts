// Scalar ops as expressions in GPU.js's JavaScript subset, used inside fused elementwise
// kernels. Every value is a float, so converting between dtypes is free; what remains is
// numpy's semantics: integer division and modulo, narrow integers wrapping, bools as 0/1,
// NaN propagating through minimum and maximum.
import { type DType, isFloat } from '../../../runtime/dtype.ts';
import type { ScalarOpName } from '../../ops/scalar.ts';
import { wrap } from './js.ts';

type Render = (a: readonly string[], out: DType, ins: readonly DType[]) => string;

/** An op computed in the output dtype and wrapped back into its range. */
const arith = (f: (x: readonly string[], out: DType) => string): Render => (a, out) => wrap(f(a, out), out);
/** A float function of one argument. */
const fn1 = (f: (x: string) => string): Render => (a) => f(a[0]!);
const cmp = (op: string): Render => ([x, y]) => `(${x} ${op} ${y} ? 1 : 0)`;
/** Bitwise ops: bools are 0/1, so arithmetic does it; integers go through int32 helpers. */
const bits = (boolForm: (x: string, y: string) => string, helper: string): Render => ([x, y], out) =>
  (out === 'bool' ? boolForm(x!, y!) : wrap(`${helper}(${x}, ${y})`, out));

/** numpy's astype: truncation toward zero, wrap-around, nonzero (NaN too) is true. */
export function cast(x: string, from: DType, to: DType): string {
  if (from === to) return x;
  if (to === 'bool') return `(${x} !== 0 ? 1 : 0)`;
  if (isFloat(to)) return x;
  return wrap(isFloat(from) ? `Math.trunc(${x})` : x, to);
}

export const GPUJS_SCALAR: { [K in ScalarOpName]: Render } = {
  add: arith(([x, y]) => `(${x} + ${y})`),
  sub: arith(([x, y]) => `(${x} - ${y})`),
  mul: arith(([x, y]) => `(${x} * ${y})`),
  // not `/`: GPU.js's webgl2 translation of it snaps integral quotients where the device's float
  // division is inexact (divWithIntCheck), and loses the sign of a zero quotient (-0 / 2 = +0)
  true_div: ([x, y]) => `tdiv_(${x}, ${y})`,
  // numpy's floor_divide of floats (the CPU's pyFloorDiv: inf // 1 = NaN, -1 // inf = -1)
  int_div: arith(([x, y], out) => (isFloat(out) ? `fdiv_(${x}, ${y})` : `idiv_(${x}, ${y})`)),
  mod: arith(([x, y], out) => (isFloat(out) ? `fmod_(${x}, ${y})` : `imod_(${x}, ${y})`)),
  // C's pow (numpy's, the CPU's npPow): 1 ** y = 1, NaN too, and (-1) ** ±inf = 1
  pow: arith(([x, y], out) => (isFloat(out) ? `pow_(${x}, ${y})` : `ipow_(${x}, ${y})`)),
  minimum: ([x, y], out) => (isFloat(out) ? `fmin_(${x}, ${y})` : `Math.min(${x}, ${y})`),
  maximum: ([x, y], out) => (isFloat(out) ? `fmax_(${x}, ${y})` : `Math.max(${x}, ${y})`),
  neg: arith(([x]) => `(-${x})`),
  abs: arith(([x]) => `Math.abs(${x})`),
  // sgn(±0) = +0 (numpy.sign) and NaN stays NaN, as the reference's (not x + 0: GLSL compilers fold it to x)
  sgn: ([x]) => `(${x} > 0 ? 1 : (${x} < 0 ? -1 : (isnan_(${x}) > 0 ? ${x} : 0)))`,
  sqr: arith(([x]) => `(${x} * ${x})`),
  sqrt: fn1((x) => `Math.sqrt(${x})`),
  // exp, log, trigonometric and hyperbolic functions through helpers that give numpy's special
  // values in GLSL (runtime/gpujs/helpers.ts: SwiftShader's log(0) is -88, exp(NaN) inf, sin(-0) +0)
  exp: fn1((x) => `exp_(${x})`),
  log: fn1((x) => `log_(${x})`),
  log2: fn1((x) => `log2_(${x})`),
  log10: fn1((x) => `(log2_(${x}) * 0.30102999566398120)`),
  log1p: fn1((x) => `log1p_(${x})`),
  expm1: fn1((x) => `expm1_(${x})`),
  sin: fn1((x) => `sin_(${x})`),
  cos: fn1((x) => `cos_(${x})`),
  tan: fn1((x) => `tan_(${x})`),
  // GLSL leaves asin/acos undefined outside [-1, 1]; numpy gives NaN
  arcsin: fn1((x) => `(Math.abs(${x}) > 1 ? nan_(0) : Math.asin(${x}))`),
  arccos: fn1((x) => `(Math.abs(${x}) > 1 ? nan_(0) : Math.acos(${x}))`),
  arctan: fn1((x) => `Math.atan(${x})`),
  sinh: fn1((x) => `sinh_(${x})`),
  cosh: fn1((x) => `cosh_(${x})`),
  // GLSL's tanh overflows past |x| ~ 44, cancels near 0 and leaves clamping NaN undefined: the helper guards all three
  tanh: fn1((x) => `tanh_(${x})`),
  // NaN by its bits: GLSL leaves comparisons with NaN undefined, and exp(NaN) may be inf
  sigmoid: fn1((x) => `(isnan_(${x}) > 0 ? ${x} : (${x} >= 0 ? 1 / (1 + Math.exp(-${x})) : Math.exp(${x}) / (1 + Math.exp(${x}))))`),
  // exp_ passes NaN on (GLSL's exp(NaN) may be inf), and log1p_ then
  softplus: fn1((x) => `(${x} > 30 ? ${x} : (${x} < -30 ? Math.exp(${x}) : log1p_(exp_(${x}))))`),
  floor: ([x], out) => (isFloat(out) ? `Math.floor(${x})` : x!),
  ceil: ([x], out) => (isFloat(out) ? `Math.ceil(${x})` : x!),
  round: ([x], out) => (isFloat(out) ? `round_(${x})` : x!),
  trunc: ([x], out) => (isFloat(out) ? `Math.trunc(${x})` : x!),
  lt: cmp('<'),
  le: cmp('<='),
  gt: cmp('>'),
  ge: cmp('>='),
  eq: cmp('==='),
  neq: cmp('!=='),
  and_: bits((x, y) => `(${x} * ${y})`, 'band_'),
  or_: bits((x, y) => `Math.max(${x}, ${y})`, 'bor_'),
  xor: bits((x, y) => `Math.abs(${x} - ${y})`, 'bxor_'),
  invert: ([x], out) => (out === 'bool' ? `(1 - ${x})` : wrap(`(-${x} - 1)`, out)),
  isnan: ([x], _o, ins) => (isFloat(ins[0]!) ? `isnan_(${x})` : '0'),
  isinf: ([x], _o, ins) => (isFloat(ins[0]!) ? `isinf_(${x})` : '0'),
  switch: ([c, x, y]) => `(${c} !== 0 ? ${x} : ${y})`,
  // numpy.clip: min(max(x, lo), hi) (hi wins over lo, a tie takes the bound), NaN if any is NaN
  clip: ([x, lo, hi], out) => {
    const e = `(${x} > ${lo} ? (${x} < ${hi} ? ${x} : ${hi}) : (${lo} < ${hi} ? ${lo} : ${hi}))`;
    return isFloat(out) ? `(isnan_(${x}) + isnan_(${lo}) + isnan_(${hi}) > 0 ? nan_(0) : ${e})` : e;
  },
  second: ([, y]) => y!,
  identity: ([x]) => x!,
  cast: ([x], out, ins) => cast(x!, ins[0]!, out),
};
