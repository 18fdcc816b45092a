// WGSL building blocks shared by every kernel renderer: how each dtype is stored and computed,
// conversions with numpy's casting rules, literals, and the parameter block. float16 is computed
// as f32 holding binary16 values: every float16 result is rounded (round16). It is stored as
// `h16`, an alias the runtime makes f32 or, on devices with shader-f16, f16 (storage.ts): so a
// float16 element is read with `el` and written with `put`, and its kernel starts with F16_ALIAS.
import type { DType } from '../../../runtime/dtype.ts';
import { roundF16 } from '../../../runtime/float16.ts';
import { F16_ALIAS, STORAGE_TYPE, type Storage } from '../../../runtime/webgpu/storage.ts';
import { helpersFor } from './helpers.ts';

/** The WGSL type a value of `d` has inside a kernel (the same as its storage: 32 bits). */
export function wt(d: DType): Storage {
  const s = STORAGE_TYPE[d];
  // the placement pass refuses float64 before any kernel is rendered
  if (s === null) throw new Error(`internal: ${d} reached the WGSL renderer`);
  return s;
}

const ZERO: { [S in Storage]: string } = { f32: '0.0', i32: '0i', u32: '0u' };
export const zero = (d: DType) => ZERO[wt(d)];

/** Bits of a narrow dtype kept in a 32-bit lane (wrap-around after each op; bool is 0/1). */
const NARROW: Partial<Record<DType, string>> = {
  bool: 'select(0u, 1u, X != 0u)',
  int8: '((X << 24u) >> 24u)',
  int16: '((X << 16u) >> 16u)',
  uint8: '(X & 255u)',
};

/** An f32 value rounded to the nearest binary16 value (ties to even, ±inf past 65520), as f32. */
export const round16 = (expr: string) => `round16_(${expr})`;

/** Wrap a computed integer back into the range of a narrow integer dtype, as numpy's storage does. */
export function wrapInt(expr: string, d: DType): string {
  const t = NARROW[d];
  return t ? t.replace('X', expr) : expr;
}

/**
 * A computed value as storage of `d` holds it: narrow integers wrapped, float16 rounded to
 * binary16 (float32 needs nothing: f32 arithmetic already rounds to it).
 */
export function wrap(expr: string, d: DType): string {
  return d === 'float16' ? round16(expr) : wrapInt(expr, d);
}

/** Dtypes whose every value is a binary16 value: converting them to float16 needs no rounding. */
const IN_F16 = new Set<DType>(['float16', 'bool', 'int8', 'uint8']);

/**
 * Change the WGSL type of a value whose dtype promotes to `to` (so it fits): no wrapping,
 * only the representation changes. Bools are 0/1 in every representation.
 */
export function widen(expr: string, from: DType, to: DType): string {
  const a = wt(from), b = wt(to);
  if (a === b) return expr;
  if (b === 'f32') return `f32(${expr})`;
  return `bitcast<${b}>(${expr})`;
}

/**
 * A WGSL bool: is a value of `d` nonzero? NaN is true, as in numpy; drivers may compile a
 * float's `!=` as if no operand were NaN (SwiftShader and lavapipe make NaN != 0.0 false), so
 * floats also test for NaN by its bits.
 */
export function truthy(expr: string, d: DType): string {
  const a = wt(d);
  return a === 'f32' ? `(${expr} != 0.0 || isnan_(${expr}))` : `${expr} != ${ZERO[a]}`;
}

/** numpy's astype from `from` to `to`: truncation toward zero, integer wrap, nonzero -> true. */
export function cast(expr: string, from: DType, to: DType): string {
  if (from === to) return expr;
  const a = wt(from), b = wt(to);
  if (to === 'bool') return `select(0u, 1u, ${truthy(expr, from)})`;
  if (b === 'f32') {
    const f = a === 'f32' ? expr : `f32(${expr})`;
    // int16 and wider integers, and float32, have values binary16 lacks (integers below 65520
    // are exact in f32, so converting them first rounds once)
    return to === 'float16' && !IN_F16.has(from) ? round16(f) : f;
  }
  // float to int: truncate through i32 (JS's ToInt32 for in-range values), then wrap
  const asInt = a === 'f32' ? `i32(${expr})` : expr;
  if (b === 'i32') {
    const i = a === 'u32' ? `bitcast<i32>(${asInt})` : asInt;
    return wrap(i, to);
  }
  if (to === 'uint32' && a === 'f32') return `select(u32(${expr}), bitcast<u32>(i32(${expr})), ${expr} < 0.0)`;
  const u = a === 'u32' ? asInt : `bitcast<u32>(${asInt})`;
  return wrap(u, to);
}

/** A constant as a WGSL expression of `d`'s type. NaN and infinities are not constant expressions in WGSL. */
export function literal(v: number, d: DType): string {
  switch (wt(d)) {
    case 'f32': {
      if (Number.isNaN(v)) return 'nan_()';
      if (v === Infinity) return 'inf_()';
      if (v === -Infinity) return '(-inf_())';
      const f = d === 'float16' ? roundF16(v) : Math.fround(v);
      if (!Number.isFinite(f)) return f > 0 ? 'inf_()' : '(-inf_())';
      if (Object.is(f, -0)) return '-0.0';
      const s = String(f);
      const lit = /[.e]/.test(s) ? s : `${s}.0`;
      return f < 0 ? `(${lit})` : lit;
    }
    case 'i32': {
      const i = v | 0;
      return i === -2147483648 ? 'bitcast<i32>(0x80000000u)' : i < 0 ? `(${i}i)` : `${i}i`;
    }
    case 'u32': return d === 'bool' ? (v ? '1u' : '0u') : `${v >>> 0}u`;
  }
}

/** Reads of the kernel's parameter block: field k of `count` u32 words. */
export class Params {
  readonly count: number;
  constructor(count: number) { this.count = Math.max(1, count); }
  u(k: number): string { return `P.v[${k >> 2}].${'xyzw'[k & 3]}`; }
  i(k: number): string { return `bitcast<i32>(${this.u(k)})`; }
  f(k: number): string { return `bitcast<f32>(${this.u(k)})`; }
  decl(): string {
    return `struct Params { v: array<vec4<u32>, ${Math.ceil(this.count / 4)}> }\n@group(0) @binding(0) var<uniform> P: Params;`;
  }
}

/** A storage binding (bindings start at 1; 0 is the parameter block). */
export function binding(k: number, name: string, d: DType, write = false): string {
  return `@group(0) @binding(${k}) var<storage, ${write ? 'read_write' : 'read'}> ${name}: array<${d === 'float16' ? 'h16' : wt(d)}>;`;
}

/** Element `at` of storage array `arr` of dtype `d`, as a kernel value (float16 widens to f32). */
export const el = (arr: string, at: string, d: DType): string => (d === 'float16' ? `f32(${arr}[${at}])` : `${arr}[${at}]`);

/** A kernel value of dtype `d` as its storage element (float16 narrows to h16: exact, it is rounded). */
export const put = (expr: string, d: DType): string => (d === 'float16' ? `h16(${expr})` : expr);

/**
 * The dtype of a temporary array holding values of `d` in their kernel type (sort keys):
 * float16 keeps f32, which the runtime's 4-byte temporaries hold.
 */
export const computeDType = (d: DType): DType => (d === 'float16' ? 'float32' : d);

export const WORKGROUP = 256;

/** Entry point of a kernel with one invocation per item, over a 2-D grid of workgroups. */
export function linearMain(body: string): string {
  return `@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * ${WORKGROUP}u;
${body}
}`;
}

/** A whole kernel: parameter block, bindings, helpers, body; F16_ALIAS first if it stores float16. */
export function kernel(params: Params, bindings: readonly string[], body: string): string {
  const alias = bindings.some((b) => b.includes('array<h16>')) ? F16_ALIAS : '';
  return [alias, params.decl(), ...bindings, helpersFor(body), body].filter((s) => s !== '').join('\n');
}

/** Unravel linear index `idx` over sizes given as param expressions into `i0..i{r-1}` lets. */
export function unravel(idx: string, sizes: readonly string[], prefix = 'i'): string {
  const r = sizes.length;
  if (r === 0) return '';
  if (r === 1) return `  let ${prefix}0 = ${idx};`;
  const L = [`  var rem_${prefix} = ${idx};`];
  for (let d = r - 1; d >= 1; d--) {
    L.push(`  let ${prefix}${d} = rem_${prefix} % ${sizes[d]};`);
    L.push(`  rem_${prefix} = rem_${prefix} / ${sizes[d]};`);
  }
  L.push(`  let ${prefix}0 = rem_${prefix};`);
  return L.join('\n');
}
