// Float scalar ops at special values on GPU.js against the CPU backend (the reference, numpy's
// semantics: test/core/special-values.test.ts), without a test framework, so the browser page
// runs it too: special-values.test.ts in cpu mode in Node, browser.test.ts in webgl2 (GPU.js's
// GLSL and the precompiled kernels' on the runtime's own runner).
//
// The grid: ±0, ±0.5, ±1, ±2, ±3, ±inf, NaN, a float32 subnormal (±1e-38), values near float32's
// largest (±3e38), around exp's overflow (±88.7 finite, ±89 past it), 0.1 and -7; every pair of
// them for binary ops and every triple of a smaller grid for ternary ones, in float32 (GPU.js
// stores float32 only). NaN must match NaN, an infinity must match exactly, sign included, a zero
// must match with its sign, a finite value within the op's float32 tolerance.
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { precompiledFunction } from '../../compiler/backends/gpujs/function.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import type { DType } from '../../runtime/dtype.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { EXACT, TRANSC, type Tol } from './cases.ts';

export const GRID = [0, -0, 0.5, -0.5, 1, -1, 2, -2, 3, -3, Infinity, -Infinity, NaN, 1e-38, -1e-38, 3e38, -3e38, 88.7, -88.7, 89, -89, 0.1, -7];
export const GRID3 = [0, -0, 0.5, -0.5, 1, -1, 2, Infinity, -Infinity, NaN, 3e38, -1e-38];

/** float32's smallest normal value. */
const NORMAL = 2 ** -126;
/**
 * Tolerances of finite results, relative down to the subnormals so that a tiny result cannot hide
 * in an absolute tolerance. `arith`: one float32 rounding of a float64 result against another
 * (a few ulp); `transc`: functions GPU.js computes by another formula than the CPU's (log10
 * through log2, tanh clamped, softplus cut at ±30) or that the CPU backend rounds from float64;
 * `abs`: sin, cos and tan (whose float32 arguments are exact in both).
 */
export const TOL: Record<'exact' | 'arith' | 'transc' | 'abs', Tol> = {
  exact: EXACT,
  arith: { atol: NORMAL, rtol: 2.5e-7 },
  transc: { atol: NORMAL, rtol: TRANSC.rtol },
  abs: TRANSC,
};

export interface Plan {
  tol: keyof typeof TOL;
  /** The output dtype of `cast`. */
  castTo?: DType;
}
export type Entry = Plan | { skip: string };

const BITWISE = { skip: 'bitwise: bool and integer operands only (a float operand is a TypeError)' };

/**
 * Every scalar op: how it is checked, or why it is not. A Record over ScalarOpName, so a new op
 * is a type error here until it has a plan; the suite also fails for an op without one.
 */
export const PLANS: Record<ScalarOpName, Entry | Entry[]> = {
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
  cast: [
    { tol: 'exact', castTo: 'float32' }, { tol: 'exact', castTo: 'bool' },
    { skip: 'to float64 or float16: GPU.js stores float32 only (a compile error, compiler/backends/gpujs/policy.ts)' },
    { skip: 'float to integer: numpy (and C) leave casts of NaN, infinities and out-of-range values undefined' },
  ],
};

const isSubnormal = (v: number) => v !== 0 && Math.abs(v) < NORMAL;
const flush = (v: number) => (isSubnormal(v) ? (v < 0 ? -0 : 0) : v);

const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/** Why `got` is not the result that matches the CPU's `want`, or null when it does. */
function wrong(got: number, want: number, tol: Tol): string | null {
  if (Number.isNaN(want)) return Number.isNaN(got) ? null : 'expected NaN';
  if (Number.isNaN(got)) return 'unexpected NaN';
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want ? null : 'infinity differs';
  if (got === 0 && want === 0) return Object.is(got, want) ? null : 'sign of zero differs';
  return Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want) ? null : 'not close';
}

/** Every combination of `arity` grid values, as one column per operand. */
function combos(grid: readonly number[], arity: number): number[][] {
  const cols: number[][] = Array.from({ length: arity }, () => []);
  const n = grid.length;
  for (let k = 0; k < n ** arity; k++) for (let j = 0, r = k; j < arity; j++, r = Math.floor(r / n)) cols[j]!.push(grid[r % n]!);
  return cols;
}

type Fn = (...a: unknown[]) => unknown;
const compile = T.fn as (...a: unknown[]) => Fn;

/**
 * `name` under `plan` on GPU.js against the CPU backend: one line per result that differs (empty
 * when all match). `precompiled`: with the kernels translated to GLSL, as the build plugin emits
 * them (in a page with WebGL2 they run on the runtime's own runner). `ftz`: the device flushes
 * float32 subnormals to zero, as GLSL allows (SwiftShader does): where an operand or the CPU's
 * result is subnormal, a result is also accepted when, flushed, it is the CPU's result (flushed)
 * or the CPU's result at the flushed operands (flushed too).
 */
export async function checkSpecial(name: ScalarOpName, plan: Plan, precompiled = false, ftz = false): Promise<string[]> {
  const arity = SCALAR_OPS[name].arity;
  const cols = combos(arity === 3 ? GRID3 : GRID, arity);
  const inputs = cols.map((_, i) => T.tensor('float32', 1, `a${i}`) as Variable);
  const out = elem(name, inputs, plan.castTo);
  const args = cols.map((c) => T.asarray(c, { dtype: 'float32' }));
  const want = compile(inputs, out)(...args) as NDArray;
  const fn = compile(inputs, out, { backend: 'gpujs' });
  const got = (await (precompiled ? precompiledFunction(fn as unknown as GpuJsFunction) : fn)(...args)) as NDArray;
  if (got.dtype !== want.dtype || got.size !== want.size) return [`${name}: ${got.dtype} (${got.size}), CPU ${want.dtype} (${want.size})`];
  const tol = TOL[plan.tol];
  const atFlushed = ftz ? (compile(inputs, out)(...args.map((a) => T.asarray(Array.from(a.data, flush), { dtype: 'float32' }))) as NDArray) : null;
  const bad: string[] = [];
  for (let i = 0; i < want.size; i++) {
    const g = got.data[i]!, w = want.data[i]!;
    const xs = args.map((a) => a.data[i]!);
    let why = wrong(g, w, tol);
    if (why && atFlushed && (xs.some(isSubnormal) || isSubnormal(w))) {
      // a subnormal result written out flushed may lose its sign too
      if (!wrong(flush(g), flush(w), tol) || !wrong(flush(g), flush(atFlushed.data[i]!), tol) || (g === 0 && isSubnormal(w))) why = null;
    }
    if (why) bad.push(`${name}(${xs.map(show).join(', ')}) = ${show(g)}, CPU ${show(w)}: ${why}`);
  }
  return bad;
}

/** Every op's checks: its name as a test names it, and its plan (bitwise ops and some casts have none: PLANS says why). */
export function specialChecks(): { label: string; name: ScalarOpName; plan: Plan }[] {
  const out: { label: string; name: ScalarOpName; plan: Plan }[] = [];
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    const entries = PLANS[name];
    for (const e of Array.isArray(entries) ? entries : [entries ?? { skip: 'no plan' }]) {
      if (!('skip' in e)) out.push({ label: `${name}${e.castTo ? ` to ${e.castTo}` : ''}`, name, plan: e });
    }
  }
  return out;
}
