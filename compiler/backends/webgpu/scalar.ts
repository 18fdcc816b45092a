// WGSL expressions for scalar ops, used inside fused elementwise kernels. Arguments are `let`
// names typed by their own dtype; each rule converts them to the dtype it computes in and
// returns a value of the output dtype (narrow integers wrapped, bools 0/1). float16 results are
// rounded to binary16 by `renderScalar`, at the same ops as the CPU backend's castTo.
import { type DType, promoteAll } from '../../../runtime/dtype.ts';
import type { ScalarOpName } from '../../ops/scalar.ts';
import { EXACT_SCALAR_OPS } from '../shared/exact.ts';
import { cast, round16, truthy, widen, wrapInt, wt, zero } from './wgsl.ts';

type Render = (a: readonly string[], out: DType, ins: readonly DType[]) => string;

/** Arguments converted to the dtype the op computes in. */
const to = (a: readonly string[], ins: readonly DType[], d: DType) => a.map((x, i) => widen(x, ins[i]!, d));
const isF = (d: DType) => wt(d) === 'f32';
const isU = (d: DType) => wt(d) === 'u32';
const b01 = (cond: string) => `select(0u, 1u, ${cond})`;

/** An arithmetic op computed in the output dtype, then wrapped to its range. */
const arith = (f: (x: readonly string[], out: DType) => string): Render => (a, out, ins) => wrapInt(f(to(a, ins, out), out), out);
/** A float function: inputs become the (float) output dtype. */
const fn1 = (f: (x: string) => string): Render => (a, out, ins) => f(widen(a[0]!, ins[0]!, out));
/**
 * A comparison in the promoted input dtype, as a 0/1 bool. Drivers may compile float
 * comparisons as if no operand were NaN (SwiftShader and lavapipe make NaN != x false), so `!=`
 * on floats also tests for NaN by its bits: NaN is unequal to everything, as in numpy.
 */
const cmp = (op: string): Render => (a, _out, ins) => {
  const d = promoteAll(ins);
  const [x, y] = to(a, ins, d);
  if (op === '!=' && isF(d)) return b01(`(${x} != ${y}) || isnan_(${x}) || isnan_(${y})`);
  return b01(`${x} ${op} ${y}`);
};

export const WGSL_SCALAR: { [K in ScalarOpName]: Render } = {
  add: arith(([x, y]) => `(${x} + ${y})`),
  sub: arith(([x, y]) => `(${x} - ${y})`),
  mul: arith(([x, y]) => `(${x} * ${y})`),
  true_div: arith(([x, y]) => `(${x} / ${y})`),
  int_div: arith(([x, y], out) => (isF(out) ? `floordiv_f(${x}, ${y})` : isU(out) ? `select(${x} / ${y}, 0u, ${y} == 0u)` : `floordiv_i(${x}, ${y})`)),
  mod: arith(([x, y], out) => (isF(out) ? `pymod_f(${x}, ${y})` : isU(out) ? `select(${x} % ${y}, 0u, ${y} == 0u)` : `pymod_i(${x}, ${y})`)),
  pow: arith(([x, y], out) => (isF(out) ? `pow_f(${x}, ${y})` : isU(out) ? `pow_u(${x}, ${y})` : `pow_i(${x}, ${y})`)),
  minimum: arith(([x, y], out) => (isF(out) ? `fmin_(${x}, ${y})` : `min(${x}, ${y})`)),
  maximum: arith(([x, y], out) => (isF(out) ? `fmax_(${x}, ${y})` : `max(${x}, ${y})`)),
  neg: arith(([x], out) => (isU(out) ? `(0u - ${x})` : `(-${x})`)),
  abs: arith(([x], out) => (isU(out) ? x! : `abs(${x})`)),
  // sgn(±0) = +0 (numpy.sign) and NaN stays NaN (by its bits), so no `sign` builtin (its result at
  // -0 and NaN varies); +0 for whatever is neither above nor below zero (a flushed subnormal too)
  sgn: arith(([x], out) => (isU(out) ? `select(0u, 1u, ${x} > 0u)` : isF(out)
    ? `select(select(select(0.0, ${x}, isnan_(${x})), -1.0, ${x} < 0.0), 1.0, ${x} > 0.0)`
    : `select(select(0i, -1i, ${x} < 0i), 1i, ${x} > 0i)`)),
  sqr: arith(([x]) => `(${x} * ${x})`),
  // WGSL lets a driver assume that no operand is NaN or infinite and leaves builtins undefined
  // outside their domain (SwiftShader: log(0) = -88, exp(NaN) = inf, tan(-0) = +0): at ±0, ±inf,
  // NaN and arguments outside the domain the CPU backend's (numpy's) value is chosen by bit tests,
  // which drivers cannot fold as they may fold float comparisons with NaN, around the builtin on
  // ordinary values. test/webgpu/special-values.test.ts checks every op there on both adapters.
  // sqrt of a negative value (-inf included, -0 not) is NaN
  sqrt: fn1((x) => `select(sqrt(${x}), nan_(), bitcast<u32>(${x}) > 0x80000000u)`),
  // SwiftShader's exp(NaN) is inf
  exp: fn1((x) => `select(exp(${x}), ${x}, isnan_(${x}))`),
  log: fn1((x) => `log_(${x})`),
  log2: fn1((x) => `log2_(${x})`),
  log10: fn1((x) => `(log2_(${x}) * 0.30102999566398120)`),
  log1p: fn1((x) => `log1p_(${x})`),
  expm1: fn1((x) => `expm1_(${x})`),
  sin: fn1((x) => `odd_(select(sin(${x}), nan_(), isinf_(${x})), ${x})`),
  cos: fn1((x) => `select(cos(${x}), nan_(), nonfinite_(${x}))`),
  tan: fn1((x) => `odd_(select(tan(${x}), nan_(), isinf_(${x})), ${x})`),
  // outside [-1, 1] (and at NaN: |x|'s bits above 1.0's) WGSL leaves asin/acos undefined; numpy gives NaN
  arcsin: fn1((x) => `odd_(select(asin(${x}), nan_(), (bitcast<u32>(${x}) & 0x7fffffffu) > 0x3f800000u), ${x})`),
  arccos: fn1((x) => `select(acos(${x}), nan_(), (bitcast<u32>(${x}) & 0x7fffffffu) > 0x3f800000u)`),
  arctan: fn1((x) => `odd_(atan(${x}), ${x})`),
  sinh: fn1((x) => `sinh_(${x})`),
  cosh: fn1((x) => `cosh_(${x})`),
  // tanh through exponentials overflows to inf/inf past |x| ~ 44; it is +-1 in f32 from 10 on
  // (clamp may turn NaN into a bound: odd_ passes NaN through by its bits, and -0)
  tanh: fn1((x) => `odd_(tanh(clamp(${x}, -10.0, 10.0)), ${x})`),
  // NaN by its bits: exp(NaN) may be inf (SwiftShader)
  sigmoid: fn1((x) => `select(select(exp(${x}) / (1.0 + exp(${x})), 1.0 / (1.0 + exp(-${x})), ${x} >= 0.0), ${x}, isnan_(${x}))`),
  softplus: fn1((x) => `select(select(select(log1p_(exp(${x})), exp(${x}), ${x} < -30.0), ${x}, ${x} > 30.0), ${x}, isnan_(${x}))`),
  floor: (a, out) => (isF(out) ? `floor(${a[0]})` : a[0]!),
  ceil: (a, out) => (isF(out) ? `ceil(${a[0]})` : a[0]!),
  // WGSL's round is half-to-even, as numpy's
  round: (a, out) => (isF(out) ? `round(${a[0]})` : a[0]!),
  trunc: (a, out) => (isF(out) ? `trunc(${a[0]})` : a[0]!),
  lt: cmp('<'),
  le: cmp('<='),
  gt: cmp('>'),
  ge: cmp('>='),
  eq: cmp('=='),
  neq: cmp('!='),
  and_: arith(([x, y]) => `(${x} & ${y})`),
  or_: arith(([x, y]) => `(${x} | ${y})`),
  xor: arith(([x, y]) => `(${x} ^ ${y})`),
  invert: (a, out, ins) => {
    const x = widen(a[0]!, ins[0]!, out);
    return out === 'bool' ? `(${x} ^ 1u)` : wrapInt(`(~${x})`, out);
  },
  isnan: (a, _o, ins) => (isF(ins[0]!) ? b01(`isnan_(${a[0]})`) : '0u'),
  isinf: (a, _o, ins) => (isF(ins[0]!) ? b01(`isinf_(${a[0]})`) : '0u'),
  switch: (a, out, ins) => `select(${widen(a[2]!, ins[2]!, out)}, ${widen(a[1]!, ins[1]!, out)}, ${truthy(a[0]!, ins[0]!)})`,
  // numpy.clip: min(max(x, lo), hi), hi winning over lo and a tie taking the bound; a NaN
  // anywhere (by its bits) gives NaN
  clip: (a, out, ins) => {
    const [x, lo, hi] = to(a, ins, out);
    const min = (p: string) => `select(${hi}, ${p}, ${p} < ${hi})`;
    const e = `select(${min(lo!)}, ${min(x!)}, ${x} > ${lo})`;
    return isF(out) ? `select(${e}, nan_(), isnan_(${x}) || isnan_(${lo}) || isnan_(${hi}))` : e;
  },
  second: (a, out, ins) => widen(a[1]!, ins[1]!, out),
  identity: (a, out, ins) => widen(a[0]!, ins[0]!, out),
  cast: (a, out, ins) => cast(a[0]!, ins[0]!, out),
};

/**
 * One scalar op as a WGSL expression of its output dtype. A float16 result is computed in f32
 * and rounded to binary16 wherever the CPU rounds it (castTo's R16): after every op but the
 * exact ones on float16 operands. `cast` rounds in `cast` itself, and only where the source
 * has values binary16 lacks.
 */
export function renderScalar(op: ScalarOpName, a: readonly string[], out: DType, ins: readonly DType[]): string {
  const e = WGSL_SCALAR[op](a, out, ins);
  if (out !== 'float16' || op === 'cast' || (EXACT_SCALAR_OPS.has(op) && ins.every((d) => d === out))) return e;
  return round16(e);
}
