// Float scalar ops at special values on GPU.js against the CPU backend (the reference, numpy's
// semantics: test/core/special-values.test.ts), without a test framework, so the browser page
// runs it too: special-values.test.ts in cpu mode in Node, browser.test.ts in webgl2 (GPU.js's
// GLSL and the precompiled kernels' on the runtime's own runner).
//
// The grid: ±0, ±0.5, ±1, ±2, ±3, ±inf, NaN, a float32 subnormal (±1e-38), values near float32's
// largest (±3e38), around exp's overflow (±88.7 finite, ±89 past it), 0.1, -7 and ±1e-3 (where
// log1p, expm1, sinh and tanh cancel if computed naively in float32); every pair of them for
// binary ops and every triple of a smaller grid for ternary ones, in float32 (GPU.js stores
// float32 only). NaN must match NaN, an infinity must match exactly, sign included, a zero
// must match with its sign, a finite value within the op's float32 tolerance. In webgl2, sin, cos
// and tan past 2^24 are only bounded (HUGE_TRIG) and subnormals may be flushed.
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { precompiledFunction } from '../../compiler/backends/gpujs/function.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { EXACT, TRANSC, type Tol } from './cases.ts';
import { CAST_TO_INT, NORMAL, type Plan, combos, flush, plans, planned, show, wrongFlushed } from '../backends/special-values.ts';

/** GPU.js stores float32 only: the plans every backend shares, but for casts. */
export const PLANS = plans({
  cast: [
    { tol: 'exact', castTo: 'float32' }, { tol: 'exact', castTo: 'bool' },
    { skip: 'to float64 or float16: GPU.js stores float32 only (a compile error, compiler/backends/gpujs/policy.ts)' },
    CAST_TO_INT,
  ],
});

export const GRID = [0, -0, 0.5, -0.5, 1, -1, 2, -2, 3, -3, Infinity, -Infinity, NaN, 1e-38, -1e-38, 3e38, -3e38, 88.7, -88.7, 89, -89, 0.1, -7, 1e-3, -1e-3];
export const GRID3 = [0, -0, 0.5, -0.5, 1, -1, 2, Infinity, -Infinity, NaN, 3e38, -1e-38];

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

/**
 * sin, cos and tan of float32 arguments past 2^24 in GLSL (webgl2): drivers reduce the argument in
 * float32, losing every bit of it (SwiftShader's sin, cos and tan of ±3e38 are 1; the CPU's are
 * 0.8749, -0.4843, -1.8066), as in WGSL (test/webgpu/special-values.test.ts's HUGE_TRIG, the same
 * bounds). There a result in [-1, 1] (sin, cos) or a finite one (tan) is all that is required;
 * ±inf, NaN and ordinary arguments stay exact. cpu mode computes them in float64: exact.
 */
export const HUGE_TRIG: Partial<Record<ScalarOpName, (got: number) => boolean>> = {
  sin: (g) => Math.abs(g) <= 1,
  cos: (g) => Math.abs(g) <= 1,
  tan: (g) => Number.isFinite(g),
};
const huge = (x: number) => Math.abs(x) >= 2 ** 24 && Number.isFinite(x);

type Fn = (...a: unknown[]) => unknown;
const compile = T.fn as (...a: unknown[]) => Fn;

/**
 * `name` under `plan` on GPU.js against the CPU backend: one line per result that differs (empty
 * when all match). `precompiled`: with the kernels translated to GLSL, as the build plugin emits
 * them (in a page with WebGL2 they run on the runtime's own runner). `gl`: the kernels run in
 * GLSL (webgl2), which may flush float32 subnormals to zero (SwiftShader does): where an operand
 * or the CPU's result is subnormal, a result is also accepted when, flushed, it is the CPU's result
 * (flushed) or the CPU's result at the flushed operands (flushed too); and trigonometric functions
 * of huge arguments are bounded only (HUGE_TRIG).
 */
export async function checkSpecial(name: ScalarOpName, plan: Plan, precompiled = false, gl = false): Promise<string[]> {
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
  const atFlushed = gl ? (compile(inputs, out)(...args.map((a) => T.asarray(Array.from(a.data, flush), { dtype: 'float32' }))) as NDArray) : null;
  const bad: string[] = [];
  for (let i = 0; i < want.size; i++) {
    const g = got.data[i]!, w = want.data[i]!;
    const xs = args.map((a) => a.data[i]!);
    let why = wrongFlushed(g, w, xs, atFlushed ? atFlushed.data[i]! : null, tol);
    const loose = gl ? HUGE_TRIG[name] : undefined;
    if (why && loose && huge(xs[0]!) && loose(g)) why = null;
    if (why) bad.push(`${name}(${xs.map(show).join(', ')}) = ${show(g)}, CPU ${show(w)}: ${why}`);
  }
  return bad;
}

/** Every op's checks: its name as a test names it, and its plan (PLANS says why the others have none). */
export const specialChecks = () => planned(PLANS);
