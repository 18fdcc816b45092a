// What every device backend's special-value suite shares (test/webgpu/special-values.test.ts,
// test/gpujs/special.ts): how each float scalar op is checked against the CPU backend, and how
// a result is compared. Plain code, no test framework: the GPU.js browser page bundles it.
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import { SCALAR_OPS } from '../../compiler/ops/scalar.ts';
import type { DType } from '../../runtime/dtype.ts';

export interface Tol { atol: number; rtol: number }
export type TolName = 'exact' | 'arith' | 'transc' | 'abs';
export interface Plan {
  tol: TolName;
  /** The output dtype of `cast`. */
  castTo?: DType;
}
export type Entry = Plan | { skip: string };
export type Plans = Record<ScalarOpName, Entry | Entry[]>;

const BITWISE = { skip: 'bitwise: bool and integer operands only (a float operand is a TypeError)' };
export const CAST_TO_INT = { skip: 'float to integer: numpy (and C) leave casts of NaN, infinities and out-of-range values undefined' };

/**
 * Every scalar op: how it is checked, or why it is not. A Record over ScalarOpName, so a new op
 * is a type error here until it has a plan. A backend overrides the entries where its
 * arithmetic is looser (WGSL's division and sqrt) or its dtypes fewer.
 */
export function plans(overrides: Partial<Plans>): Plans {
  const base: Plans = {
    add: { tol: 'exact' }, sub: { tol: 'exact' }, mul: { tol: 'exact' }, true_div: { tol: 'exact' },
    int_div: { tol: 'exact' }, mod: { tol: 'exact' }, pow: { tol: 'transc' },
    minimum: { tol: 'exact' }, maximum: { tol: 'exact' }, neg: { tol: 'exact' }, abs: { tol: 'exact' }, sgn: { tol: 'exact' },
    sqr: { tol: 'exact' }, sqrt: { tol: 'exact' }, exp: { tol: 'transc' }, log: { tol: 'transc' }, log2: { tol: 'transc' },
    log10: { tol: 'transc' }, log1p: { tol: 'transc' }, expm1: { tol: 'transc' }, sin: { tol: 'abs' }, cos: { tol: 'abs' },
    tan: { tol: 'abs' }, arcsin: { tol: 'abs' }, arccos: { tol: 'abs' }, arctan: { tol: 'abs' }, sinh: { tol: 'transc' },
    cosh: { tol: 'transc' }, tanh: { tol: 'transc' }, sigmoid: { tol: 'transc' }, softplus: { tol: 'transc' },
    floor: { tol: 'exact' }, ceil: { tol: 'exact' }, round: { tol: 'exact' }, trunc: { tol: 'exact' },
    lt: { tol: 'exact' }, le: { tol: 'exact' }, gt: { tol: 'exact' }, ge: { tol: 'exact' }, eq: { tol: 'exact' }, neq: { tol: 'exact' },
    and_: BITWISE, or_: BITWISE, xor: BITWISE, invert: BITWISE,
    isnan: { tol: 'exact' }, isinf: { tol: 'exact' }, switch: { tol: 'exact' }, clip: { tol: 'exact' },
    second: { tol: 'exact' }, identity: { tol: 'exact' },
    cast: [{ tol: 'exact', castTo: 'float32' }, { tol: 'exact', castTo: 'bool' }, CAST_TO_INT],
  };
  return { ...base, ...overrides };
}

/** The ops a plan checks, each with the label a test names it by (excluded ones say why in the plans). */
export function planned(p: Plans): { label: string; name: ScalarOpName; plan: Plan }[] {
  const out: { label: string; name: ScalarOpName; plan: Plan }[] = [];
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    for (const e of [p[name]].flat()) if (!('skip' in e)) out.push({ label: `${name}${e.castTo ? ` to ${e.castTo}` : ''}`, name, plan: e });
  }
  return out;
}

/** float32's smallest normal value. */
export const NORMAL = 2 ** -126;
export const isSubnormal = (v: number) => v !== 0 && Math.abs(v) < NORMAL;
/** A float32 subnormal as a device that flushes them writes it: a zero of its sign. */
export const flush = (v: number) => (isSubnormal(v) ? (v < 0 ? -0 : 0) : v);
export const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/**
 * Why `got` is not the result that matches the CPU's `want`, or null when it does: NaN must
 * match NaN, an infinity must match exactly, a zero must match with its sign, a finite value
 * within the tolerance.
 */
export function wrong(got: number, want: number, tol: Tol): string | null {
  if (Number.isNaN(want)) return Number.isNaN(got) ? null : 'expected NaN';
  if (Number.isNaN(got)) return 'unexpected NaN';
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want ? null : 'infinity differs';
  if (got === 0 && want === 0) return Object.is(got, want) ? null : 'sign of zero differs';
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want) ? null : 'not close';
}

/**
 * `wrong`, for a device that flushes float32 subnormals to zero (WGSL and GLSL allow it;
 * SwiftShader does): where an operand or the CPU's result is subnormal, a result also passes
 * when, flushed, it is the CPU's result, or the CPU's result at the flushed operands
 * (`atFlushed`), flushed too; a subnormal result written out as zero may lose its sign. Without
 * `atFlushed` (a device that keeps subnormals) this is `wrong`.
 */
export function wrongFlushed(got: number, want: number, operands: readonly number[], atFlushed: number | null, tol: Tol): string | null {
  const why = wrong(got, want, tol);
  if (why === null || atFlushed === null || !(operands.some(isSubnormal) || isSubnormal(want))) return why;
  const passes = !wrong(flush(got), flush(want), tol) || !wrong(flush(got), flush(atFlushed), tol) || (got === 0 && isSubnormal(want));
  return passes ? null : why;
}

/** Every combination of `arity` values of `grid`, as one column per operand. */
export function combos(grid: readonly number[], arity: number): number[][] {
  const cols: number[][] = Array.from({ length: arity }, () => []);
  const n = grid.length;
  for (let k = 0; k < n ** arity; k++) for (let j = 0, r = k; j < arity; j++, r = Math.floor(r / n)) cols[j]!.push(grid[r % n]!);
  return cols;
}
