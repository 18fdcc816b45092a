// Every float scalar op on WebGPU at special values, against the CPU backend (the reference,
// numpy's semantics): ±0, ±1, ±0.5, ±2, ±inf, NaN, a subnormal (±1e-38), values near float32's
// largest (±3e38), and around exp's overflow (±88.7 finite, ±88.8 and ±89 past it, where sinh and
// cosh are still finite); every pair of them for binary ops and every triple for ternary ones,
// in float32 and float16 (computed in f32, rounded to binary16). WGSL lets a driver assume that no
// operand is NaN or infinite and leaves builtins undefined outside their domain; SwiftShader and
// lavapipe both take that liberty (log(0) = -88, exp(NaN) = inf, pow(NaN, 2) = inf, x % inf = NaN,
// sinh(-0) = +0, ...), and the WGSL renderer guards the special cases by their bits: this suite
// is what proves those guards. NaN must match NaN, an infinity must match exactly, sign included,
// a zero must match with its sign, a finite value within the op's tolerance class. The exceptions
// are narrow and explained where they are defined: SwiftShader's flushed subnormals (FTZ) and
// sin/cos/tan of ±3e38 (HUGE_TRIG).
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { DType } from '../../runtime/dtype.ts';
import { isF16 } from '../../runtime/float16.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu, onLavapipe } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { type Tol, ARITH, EXACT, TRANSC } from './compare.ts';
import { CAST_TO_INT, NORMAL, type Plan, combos, flush, plans, planned, show, wrong, wrongFlushed } from '../backends/special-values.ts';

const GRID = [0, -0, 1, -1, 0.5, -0.5, 2, -2, Infinity, -Infinity, NaN, 1e-38, -1e-38, 3e38, -3e38, 88.7, -88.7, 88.8, -88.8, 89, -89];

type FloatD = 'float32' | 'float16';
const DTYPES: FloatD[] = ['float32', 'float16'];
const DRIVER = onLavapipe ? 'lavapipe' : 'SwiftShader';

/**
 * Tolerances of finite results, after compare.ts's classes but relative down to the subnormals,
 * so that a tiny result cannot hide in an absolute tolerance (a wrong sign, expm1(-1e-38) =
 * -6e-8). float32: `arith` for WGSL's 2.5 ulp division and sqrt; `transc` relative, as WGSL bounds
 * exp, log, pow and what is built from them (drivers lose up to ~60 ulp at arguments near 88);
 * `abs` for sin, cos, tan and the inverse functions, whose error WGSL bounds absolutely (lavapipe's
 * asin(0.5) is off by 2e-4). float16: float16.test.ts's (one op rounded once to binary16 on each
 * backend: 2 binary16 ulp for arithmetic, 4 for transcendental functions), relative down to
 * binary16's smallest subnormal. `exact` ops must give the CPU's bits.
 */
const TOL: Record<'exact' | 'arith' | 'transc' | 'abs', Record<FloatD, Tol>> = {
  exact: { float32: EXACT, float16: EXACT },
  arith: { float32: { atol: NORMAL, rtol: ARITH.rtol }, float16: { atol: 2 ** -24, rtol: 2e-3 } },
  transc: { float32: { atol: NORMAL, rtol: TRANSC.rtol }, float16: { atol: 2 ** -24, rtol: 4e-3 } },
  abs: { float32: TRANSC, float16: { atol: 4e-3, rtol: 4e-3 } },
};

/** WGSL's division and sqrt are looser than the CPU's correctly rounded ones; casts reach float16 too. */
const PLANS = plans({
  true_div: { tol: 'arith' }, mod: { tol: 'arith' }, sqrt: { tol: 'arith' },
  cast: [{ tol: 'exact', castTo: 'float32' }, { tol: 'exact', castTo: 'float16' }, { tol: 'exact', castTo: 'bool' }, CAST_TO_INT],
});

/**
 * SwiftShader flushes float32 subnormals to zero, as WGSL allows: a subnormal operand reads as a
 * zero of its sign (in comparisons too: -1e-38 < 0 is false there) and a subnormal result is
 * written as one. Where an operand or the CPU's result is subnormal, a SwiftShader result is
 * also accepted when, flushed, it is the CPU's result at the flushed operands (flushed too).
 * lavapipe keeps subnormals, and its results are compared as they are.
 */
const FTZ = !onLavapipe;

/**
 * WGSL bounds the error of sin, cos and tan only on [-π, π], and both drivers reduce a huge
 * argument in f32, losing every bit of it. Measured at ±3e38 (the CPU: sin(3e38) = 0.8749,
 * cos = -0.4843, tan = -1.8066): SwiftShader sin, cos and tan are all 1; lavapipe's sin(±3e38)
 * = ∓1, cos = 1, tan(±3e38) = ∓1. There (|x| >= 2^24, float32 only) a result in [-1, 1] (sin, cos)
 * or a finite one (tan) is all that is required; NaN, ±inf and ordinary arguments stay exact.
 */
const HUGE_TRIG: Partial<Record<ScalarOpName, (got: number) => boolean>> = {
  sin: (g) => Math.abs(g) <= 1,
  cos: (g) => Math.abs(g) <= 1,
  tan: (g) => Number.isFinite(g),
};

type Fn = (...a: unknown[]) => unknown;

async function check(name: ScalarOpName, plan: Plan, d: FloatD): Promise<void> {
  const cols = combos(GRID, SCALAR_OPS[name].arity);
  const inputs = cols.map((_, i) => T.tensor(d, 1, `a${i}`) as Variable);
  const out = elem(name, inputs, plan.castTo);
  const args = cols.map((c) => T.asarray(c, { dtype: d }));
  const cpu = (T.fn as (...a: unknown[]) => Fn)(inputs, out);
  const want = cpu(...args) as NDArray;
  const got = (await gpuFn(inputs, out)(...args)) as NDArray;
  expect(got.dtype).toBe(want.dtype);
  expect(got.size).toBe(want.size);
  const ftz = FTZ && d === 'float32';
  const atFlushed = ftz ? (cpu(...args.map((a) => T.asarray(Array.from(a.data, flush), { dtype: d }))) as NDArray) : null;
  const tol = TOL[plan.tol][want.dtype === 'float16' ? 'float16' : 'float32'];
  const bad: string[] = [];
  for (let i = 0; i < want.size; i++) {
    const g = got.data[i]!, w = want.data[i]!;
    const xs = args.map((a) => a.data[i]!);
    let why = wrongFlushed(g, w, xs, atFlushed ? atFlushed.data[i]! : null, tol);
    const loose = HUGE_TRIG[name];
    if (why && loose && d === 'float32' && Math.abs(xs[0]!) >= 2 ** 24 && Number.isFinite(xs[0]!) && loose(g)) why = null;
    if (why) bad.push(`${name}(${xs.map(show).join(', ')}) = ${show(g)}, CPU ${show(w)}: ${why}`);
    else if (got.dtype === 'float16' && !isF16(g)) bad.push(`${name}(${xs.map(show).join(', ')}) = ${g} is not a binary16 value`);
  }
  expect(bad, `${bad.length} of ${want.size} ${name} results differ on ${DRIVER}`).toEqual([]);
}

/**
 * mod where the quotient is past 2^23 (there a - b * trunc(a / b) has no bit of the remainder
 * left, and 3e38 % 0.5 overflowed to inf): the exact long division of the renderer's fmod_, on
 * deterministic pairs 2^25 to 2^200 apart, of either sign, normal remainders only (SwiftShader
 * flushes subnormals).
 */
function hugeQuotients(n: number): [number[], number[]] {
  const a: number[] = [], b: number[] = [];
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let k = 0; k < n; k++) {
    const eb = Math.floor(next() * 60) - 60;
    const ea = Math.min(127, eb + 25 + Math.floor(next() * 176));
    a.push(Math.fround((next() < 0.5 ? -1 : 1) * (1 + next()) * 2 ** ea));
    b.push(Math.fround((next() < 0.5 ? -1 : 1) * (1 + next()) * 2 ** eb));
  }
  return [a, b];
}

describe.skipIf(!hasGpu)('float scalar ops on WebGPU at special values match the CPU backend', () => {
  it('mod with quotients past 2^23 is exact (float32)', async () => {
    const [a, b] = hugeQuotients(500);
    const x = T.tensor('float32', 1, 'x'), y = T.tensor('float32', 1, 'y');
    const args = [T.asarray(a, { dtype: 'float32' }), T.asarray(b, { dtype: 'float32' })];
    const want = (T.fn as (...a: unknown[]) => Fn)([x, y], T.mod(x, y))(...args) as NDArray;
    const got = (await gpuFn([x, y], T.mod(x, y))(...args)) as NDArray;
    const bad: string[] = [];
    for (let i = 0; i < a.length; i++) {
      const why = wrong(got.data[i]!, want.data[i]!, EXACT);
      if (why) bad.push(`mod(${a[i]}, ${b[i]}) = ${show(got.data[i]!)}, CPU ${show(want.data[i]!)}: ${why}`);
    }
    expect(bad, `${bad.length} of ${a.length} differ on ${DRIVER}`).toEqual([]);
  });

  // a / b rounding up to an integer (1 / 0.1f is 10) must not cost the remainder: numpy's
  // 1 % 0.1f is 0.099999994 and 1 // 0.1f is 9
  it.each(['float32', 'float16'] as const)('mod and floor division of ordinary values are exact (%s)', async (d) => {
    const a: number[] = [], b: number[] = [];
    for (const p of [1, 7, -1, 0.3, 5.5, 100, 2.5, -3.7]) for (const q of [0.1, 0.2, 0.7, 1.1, 0.3, -0.1, 0.25, 3]) { a.push(p); b.push(q); }
    const x = T.tensor(d, 1, 'x'), y = T.tensor(d, 1, 'y');
    const args = [T.asarray(a, { dtype: d }), T.asarray(b, { dtype: d })];
    const outs = [T.mod(x, y), T.int_div(x, y)];
    const want = (T.fn as (...a: unknown[]) => Fn)([x, y], outs)(...args) as NDArray[];
    const got = (await gpuFn([x, y], outs)(...args)) as NDArray[];
    const bad: string[] = [];
    [0, 1].forEach((o) => got[o]!.data.forEach((g, i) => {
      const why = wrong(g, want[o]!.data[i]!, EXACT);
      if (why) bad.push(`${o ? '//' : '%'}(${args[0]!.data[i]}, ${args[1]!.data[i]}) = ${show(g)}, CPU ${show(want[o]!.data[i]!)}: ${why}`);
    }));
    expect(bad).toEqual([]);
  });

  it('every scalar op has a plan', () => {
    expect(Object.keys(SCALAR_OPS).filter((n) => !(n in PLANS))).toEqual([]);
  });
  // an op the plan excludes (bitwise ops, float-to-int casts) says why in PLANS; no test
  for (const { label, name, plan } of planned(PLANS)) {
    for (const d of DTYPES) it(`${label} (${d})`, async () => { await check(name, plan, d); });
  }
});
