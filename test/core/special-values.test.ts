// Every float scalar op on the CPU backend, and the op table's reference `impl`, against numpy at
// special and ordinary values (test/fixtures/special-numpy.json, made by special-numpy.py beside
// it): ±0, ±0.5, ±1, ±2, ±3, ±inf, NaN, ±1e-300, ±1e300, ±88.7, ±710, 0.1 and -7, every pair for binary ops and
// every triple of a smaller grid for clip and switch, in float64, float32 and float16 (operands
// are the grid stored in the dtype). The CPU backend is what the device backends are tested
// against (test/webgpu/special-values.test.ts), so it must be numpy's: NaN matches NaN, an
// infinity matches exactly, a zero matches with its sign, a finite value exactly or, for
// transcendental functions (where JS's Math and C's libm may differ in the last place), within
// a few units in the last place of the dtype. The CPU and `impl` must give the same bits.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { DType } from '../../runtime/dtype.ts';
import { roundF16 } from '../../runtime/float16.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

interface Fixture {
  numpy: string;
  grid: string[];
  grid3: string[];
  dtypes: Record<FloatD, Record<string, { dtype: string; values: string[] }>>;
}
type FloatD = 'float64' | 'float32' | 'float16';
const fixture = JSON.parse(readFileSync(new URL('../fixtures/special-numpy.json', import.meta.url), 'utf8')) as Fixture;
/** Python's repr of a float back to a number. */
const num = (s: string) => (s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));
const DTYPES: FloatD[] = ['float64', 'float32', 'float16'];
const round = (v: number, d: string) => (d === 'float32' ? Math.fround(v) : d === 'float16' ? roundF16(v) : d === 'bool' ? (v !== 0 ? 1 : 0) : v);

/** Transcendental functions: JS's Math (fdlibm in V8) and C's libm may differ in the last place. */
const TRANSC = new Set<ScalarOpName>([
  'pow', 'exp', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan',
  'sinh', 'cosh', 'tanh', 'sigmoid', 'softplus',
]);
/**
 * Units in the last place a transcendental result may be off by, per dtype. float32 and float16:
 * numpy computes in float32 (C's expf, logf, ...), the CPU in float64 and rounds once; glibc's
 * expm1f(88.7) is itself 2 ulp from the correctly rounded value the CPU gives.
 */
const ULPS: Record<FloatD, number> = { float64: 2, float32: 2, float16: 1 };
const ulp = (w: number, d: FloatD) => {
  const [p, emin] = d === 'float64' ? [52, -1022] : d === 'float32' ? [23, -126] : [10, -14];
  return 2 ** (Math.max(Math.floor(Math.log2(Math.abs(w))), emin) - p);
};

/** Cases numpy itself leaves implementation-defined, by op: why, and which to skip. */
const EXCLUDED: Partial<Record<ScalarOpName, { why: string; skip: (d: FloatD, xs: number[], want: number) => boolean }>> = {
  // numpy's float64 and float32 loops return the second operand at a tie (minimum(0, -0) = -0),
  // its float16 loops the first: the sign of a zero picked from a tie of zeros is the loop's choice
  minimum: { why: 'numpy float16 picks the other zero at ±0 ties', skip: (d, [a, b]) => d === 'float16' && a === 0 && b === 0 },
  maximum: { why: 'numpy float16 picks the other zero at ±0 ties', skip: (d, [a, b]) => d === 'float16' && a === 0 && b === 0 },
  clip: { why: 'numpy float16 picks the other zero at ±0 ties', skip: (d, _xs, want) => d === 'float16' && want === 0 },
};

const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/** Why `got` is not numpy's `want`, or null when it matches. */
function wrong(got: number, want: number, name: ScalarOpName, d: FloatD): string | null {
  if (Number.isNaN(want)) return Number.isNaN(got) ? null : 'expected NaN';
  if (Number.isNaN(got)) return 'unexpected NaN';
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want ? null : 'infinity differs';
  if (got === 0 && want === 0) return Object.is(got, want) ? null : 'sign of zero differs';
  if (got === want) return null;
  if (!TRANSC.has(name)) return 'not exact';
  return Math.abs(got - want) <= ULPS[d] * ulp(want, d) ? null : `off by ${(Math.abs(got - want) / ulp(want, d)).toFixed(1)} ulp`;
}

/** Every combination of `arity` grid values, one column per operand, the first varying slowest (numpy's np.indices order). */
function combos(grid: readonly number[], arity: number): number[][] {
  const cols: number[][] = Array.from({ length: arity }, () => []);
  const n = grid.length;
  for (let k = 0; k < n ** arity; k++) for (let j = arity - 1, r = k; j >= 0; j--, r = Math.floor(r / n)) cols[j]!.push(grid[r % n]!);
  return cols;
}

type Fn = (...a: unknown[]) => NDArray;

/** Fixture entries: the op, its cast target for `cast`, and numpy's results. */
function cases(d: FloatD): { key: string; name: ScalarOpName; castTo?: DType }[] {
  return Object.keys(fixture.dtypes[d]).map((key) => {
    const m = /^cast_(.*)$/.exec(key);
    return m ? { key, name: 'cast' as const, castTo: m[1] as DType } : { key, name: key as ScalarOpName };
  });
}

describe(`float scalar ops on the CPU backend match numpy ${fixture.numpy} at special values`, () => {
  it('the fixture covers every float scalar op', () => {
    const bitwise = ['and_', 'or_', 'xor', 'invert'];
    const covered = new Set(cases('float64').map((c) => c.name));
    expect(Object.keys(SCALAR_OPS).filter((n) => !covered.has(n as ScalarOpName) && !bitwise.includes(n))).toEqual([]);
  });

  for (const d of DTYPES) {
    for (const { key, name, castTo } of cases(d)) {
      it(`${key} (${d})`, () => {
        const def = SCALAR_OPS[name];
        const grid = (def.arity === 3 ? fixture.grid3 : fixture.grid).map((s) => round(num(s), d));
        const cols = combos(grid, def.arity);
        const ref = fixture.dtypes[d][key]!;
        const want = ref.values.map(num);
        const inputs = cols.map((_, i) => T.tensor(d, 1, `a${i}`) as Variable);
        const out = elem(name, inputs, castTo);
        expect(out.dtype).toBe(ref.dtype);
        const got = (T.fn as (...a: unknown[]) => Fn)(inputs, out)(...cols.map((c) => T.asarray(c, { dtype: d })));
        expect(got.size).toBe(want.length);
        const skip = EXCLUDED[name];
        const bad: string[] = [];
        for (let i = 0; i < want.length; i++) {
          const xs = cols.map((c) => c[i]!);
          const call = `${name}(${xs.map(show).join(', ')})`;
          const g = got.data[i]!;
          const r = round((def.impl as (...a: number[]) => number)(...xs), ref.dtype);
          if (!Object.is(g, r) && !(Number.isNaN(g) && Number.isNaN(r))) bad.push(`${call}: CPU ${show(g)}, impl ${show(r)}: they differ`);
          if (skip?.skip(d, xs, want[i]!)) continue;
          const why = wrong(g, want[i]!, name, d);
          if (why) bad.push(`${call} = ${show(g)}, numpy ${show(want[i]!)}: ${why}`);
        }
        expect(bad.join('\n'), `${bad.length} of ${want.length} ${key} results differ`).toBe('');
      });
    }
  }
});

describe('astype to bool', () => {
  it('NaN is true and -0 false, as numpy', () => {
    expect(Array.from(T.asarray([NaN, -0, 0, 2], { dtype: 'float64' }).astype('bool').data)).toEqual([1, 0, 0, 1]);
  });
});
