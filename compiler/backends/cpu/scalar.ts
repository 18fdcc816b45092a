// JS expressions for scalar ops, used inside fused CPU loops. Arguments are plain identifiers
// (the loop body binds every intermediate to a const), so repeating one is free.
import { type DType, isFloat } from '../../../runtime/dtype.ts';
import type { ScalarOpName } from '../../ops/scalar.ts';
import { EXACT_SCALAR_OPS } from '../shared/exact.ts';

type Render = (a: readonly string[], out: DType, ins: readonly DType[]) => string;

const isIntLike = (d: DType) => !isFloat(d);

export const CPU_SCALAR: { [K in ScalarOpName]: Render } = {
  add: ([a, b]) => `${a} + ${b}`,
  sub: ([a, b]) => `${a} - ${b}`,
  mul: ([a, b], out) => (out === 'int32' || out === 'uint32' ? `Math.imul(${a}, ${b})` : `${a} * ${b}`),
  true_div: ([a, b]) => `${a} / ${b}`,
  int_div: ([a, b], out) => (isIntLike(out) ? `(${b} === 0 ? 0 : Math.floor(${a} / ${b}))` : `pyFloorDiv(${a}, ${b})`),
  mod: ([a, b], out) => (isIntLike(out) ? `(${b} === 0 ? 0 : pyMod(${a}, ${b}))` : `pyMod(${a}, ${b})`),
  // integers: Math.pow (1 ** NaN and (-1) ** inf, where it differs from C's pow, cannot occur)
  pow: ([a, b], out) => (isIntLike(out) ? `Math.pow(${a}, ${b})` : `npPow(${a}, ${b})`),
  minimum: ([a, b]) => `(${a} !== ${a} || ${b} !== ${b} ? NaN : ${a} < ${b} ? ${a} : ${b})`,
  maximum: ([a, b]) => `(${a} !== ${a} || ${b} !== ${b} ? NaN : ${a} > ${b} ? ${a} : ${b})`,
  neg: ([a]) => `-${a}`,
  abs: ([a]) => `Math.abs(${a})`,
  // +0 at -0 (numpy.sign), NaN at NaN
  sgn: ([a]) => `(${a} > 0 ? 1 : ${a} < 0 ? -1 : ${a} + 0)`,
  sqr: ([a]) => `${a} * ${a}`,
  sqrt: ([a]) => `Math.sqrt(${a})`,
  exp: ([a]) => `Math.exp(${a})`,
  log: ([a]) => `Math.log(${a})`,
  log2: ([a]) => `Math.log2(${a})`,
  log10: ([a]) => `Math.log10(${a})`,
  log1p: ([a]) => `Math.log1p(${a})`,
  expm1: ([a]) => `Math.expm1(${a})`,
  sin: ([a]) => `Math.sin(${a})`,
  cos: ([a]) => `Math.cos(${a})`,
  tan: ([a]) => `Math.tan(${a})`,
  arcsin: ([a]) => `Math.asin(${a})`,
  arccos: ([a]) => `Math.acos(${a})`,
  arctan: ([a]) => `Math.atan(${a})`,
  sinh: ([a]) => `Math.sinh(${a})`,
  cosh: ([a]) => `Math.cosh(${a})`,
  tanh: ([a]) => `Math.tanh(${a})`,
  sigmoid: ([a]) => `(${a} >= 0 ? 1 / (1 + Math.exp(-${a})) : Math.exp(${a}) / (1 + Math.exp(${a})))`,
  // numpy's logaddexp(0, x)
  softplus: ([a]) => `(${a} > 0 ? ${a} + Math.log1p(Math.exp(-${a})) : Math.log1p(Math.exp(${a})))`,
  floor: ([a]) => `Math.floor(${a})`,
  ceil: ([a]) => `Math.ceil(${a})`,
  round: ([a]) => `roundHalfEven(${a})`,
  trunc: ([a]) => `Math.trunc(${a})`,
  lt: ([a, b]) => `(${a} < ${b} ? 1 : 0)`,
  le: ([a, b]) => `(${a} <= ${b} ? 1 : 0)`,
  gt: ([a, b]) => `(${a} > ${b} ? 1 : 0)`,
  ge: ([a, b]) => `(${a} >= ${b} ? 1 : 0)`,
  eq: ([a, b]) => `(${a} === ${b} ? 1 : 0)`,
  neq: ([a, b]) => `(${a} !== ${b} ? 1 : 0)`,
  and_: ([a, b]) => `(${a} & ${b})`,
  or_: ([a, b]) => `(${a} | ${b})`,
  xor: ([a, b]) => `(${a} ^ ${b})`,
  invert: ([a], out) => (out === 'bool' ? `(${a} ? 0 : 1)` : `~${a}`),
  isnan: ([a]) => `(${a} !== ${a} ? 1 : 0)`,
  isinf: ([a]) => `(${a} === Infinity || ${a} === -Infinity ? 1 : 0)`,
  // `!== 0`, not truthiness: a NaN condition is true, as numpy.where's
  switch: ([c, a, b]) => `(${c} !== 0 ? ${a} : ${b})`,
  // numpy.clip: min(max(x, lo), hi) (hi wins over lo, a tie takes the bound), NaN if any is NaN
  clip: ([x, lo, hi]) => `(${x} !== ${x} || ${lo} !== ${lo} ? ${x} + ${lo} : ${x} > ${lo} ? (${x} < ${hi} ? ${x} : ${hi}) : ${lo} < ${hi} ? ${lo} : ${hi})`,
  second: ([, b]) => `${b}`,
  identity: ([a]) => `${a}`,
  cast: ([a]) => `${a}`,
};


/**
 * Wrap an expression so its value is what storage of `dtype` would hold, as numpy computes
 * each op in its own dtype (float32 and float16 rounding, integer wrap-around). `R16` is the
 * runtime's roundF16, bound in the generated module's head.
 */
export function castTo(expr: string, op: ScalarOpName, out: DType, ins: readonly DType[]): string {
  const sameIn = ins.every((d) => d === out);
  if (EXACT_SCALAR_OPS.has(op) && sameIn) return expr;
  if ((op === 'and_' || op === 'or_' || op === 'xor') && out !== 'uint32') return expr;
  if (op === 'invert' && out === 'bool') return expr;
  switch (out) {
    case 'float64': return expr;
    case 'float32': return `Math.fround(${expr})`;
    case 'float16': return `R16(${expr})`;
    case 'int64': return op === 'cast' && ins.some(isFloat) ? `Math.trunc(${expr})` : expr;
    case 'int32': return op === 'mul' ? expr : `((${expr}) | 0)`;
    case 'int16': return `((${expr}) << 16 >> 16)`;
    case 'int8': return `((${expr}) << 24 >> 24)`;
    case 'uint8': return `((${expr}) & 255)`;
    case 'uint32': return op === 'mul' ? `(${expr} >>> 0)` : `((${expr}) >>> 0)`;
    case 'bool': return `((${expr}) !== 0 ? 1 : 0)`;
  }
}

/** A constant scalar as a JS literal. */
export function literal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  if (Object.is(v, -0)) return '-0';
  return v < 0 ? `(${v})` : String(v);
}
