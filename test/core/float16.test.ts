// float16 (binary16) on the CPU backend, against numpy (test/fixtures/float16-numpy.json, made
// by float16-numpy.py beside it) and against the same graphs run in float64. A float16 array
// lives in a Float32Array, so every kernel must round what it stores: the op-table sweep checks
// that each float16 value every op produces is exactly a binary16 value.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import { DTYPES, promote, type DType } from '../../runtime/dtype.ts';
import { F16_MAX, f16Bits, fromF16Bits, isF16, packF16, roundF16, unpackF16 } from '../../runtime/float16.ts';
import { formatNDArray, formatValue } from '../../runtime/format.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { OP_CASES, SCALAR_CASES, arr, opInputs, rand, scalarGraphs, type OpCase } from '../backends/op-cases.ts';

interface Fixture {
  rounding: [string, string, number][];
  printing: { values: string[]; shape: number[]; repr: string; str: string }[];
  promotion: Record<string, Record<string, string>>;
  ufuncs: { a: string[]; b: string[]; p: string[]; m: string[]; n: string[]; results: Record<string, { shape: number[]; dtype: string; values: string[] }> };
}
const fixture = JSON.parse(readFileSync(new URL('../fixtures/float16-numpy.json', import.meta.url), 'utf8')) as Fixture;
/** Python's repr of a float back to a number. */
const num = (s: string) => (s === 'nan' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));
const h = (values: string[], shape: number[] = [values.length]) => new NDArray('float16', shape, Float32Array.from(values.map(num)));
const bits = (xs: ArrayLike<number>) => Array.from(xs, (x) => f16Bits(x));

describe('binary16 rounding and encoding (runtime/float16.ts)', () => {
  it('roundF16 and f16Bits agree with numpy on edge cases and 300 random magnitudes', () => {
    const bad = fixture.rounding.filter(([x, y, b]) => !Object.is(roundF16(num(x)), num(y)) || f16Bits(num(x)) !== b);
    expect(bad).toEqual([]);
    expect(fixture.rounding.length).toBeGreaterThan(300);
  });

  it('every one of the 65536 encodings decodes and encodes back to itself (NaN to the quiet NaN)', () => {
    const wrong: number[] = [];
    for (let b = 0; b < 65536; b++) {
      const v = fromF16Bits(b);
      if (Number.isNaN(v) ? (b & 0x7c00) !== 0x7c00 : f16Bits(v) !== b || !isF16(v)) wrong.push(b);
    }
    expect(wrong).toEqual([]);
    expect(unpackF16(packF16([1.5, -2, 65504, 2 ** -24]))).toEqual(Float32Array.from([1.5, -2, 65504, 2 ** -24]));
  });

  it('every midpoint between neighbouring binary16 values rounds to even, and a hair off it to the nearer', () => {
    const wrong: string[] = [];
    for (let h = 0; h < 0x7bff; h++) {
      const lo = fromF16Bits(h), hi = fromF16Bits(h + 1), mid = (lo + hi) / 2, ulp = mid * 2 ** -45;
      const even = (h & 1) === 0 ? lo : hi;
      for (const [x, want] of [[mid, even], [mid - ulp, lo], [mid + ulp, hi], [Math.fround(mid * (1 - 2 ** -20)), lo], [Math.fround(mid * (1 + 2 ** -20)), hi]] as const) {
        if (roundF16(x) !== want || roundF16(-x) !== -want) wrong.push(`${x} -> ${roundF16(x)}, want ${want}`);
      }
    }
    // 65520, the midpoint to overflow: below it (even when float32 would round it up) is finite
    expect([roundF16(65520 - 2 ** -30), roundF16(-(65520 - 2 ** -30)), roundF16(65520)]).toEqual([F16_MAX, -F16_MAX, Infinity]);
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('rounds halfway cases to even and overflows past the largest finite value', () => {
    expect(roundF16(2049)).toBe(2048);
    expect(roundF16(2051)).toBe(2052);
    expect(roundF16(65519.99)).toBe(F16_MAX);
    expect(roundF16(65520)).toBe(Infinity);
    expect(roundF16(-1e6)).toBe(-Infinity);
    expect(roundF16(2 ** -25)).toBe(0);
    expect(Object.is(roundF16(-0), -0)).toBe(true);
  });
});

describe('float16 arrays print as numpy prints them', () => {
  it.each(fixture.printing.map((p) => [p.repr, p] as const))('%s', (_, p) => {
    const a = h(p.values, p.shape);
    expect(formatNDArray(a)).toBe(p.repr);
    expect(formatValue(a)).toBe(p.str);
  });
});

describe('float16 promotion', () => {
  it('promote() is numpy.result_type for every pair of dtypes', () => {
    const got = Object.fromEntries(DTYPES.map((a) => [a, Object.fromEntries(DTYPES.map((b) => [b, promote(a, b)]))]));
    expect(got).toEqual(fixture.promotion);
  });

  it('symbolic dtypes follow it, in types and in values', () => {
    const x = T.tensor('float16', 1, 'x');
    expectTypeOf(T.add(x, T.bvector())).toEqualTypeOf<T.Tensor<'float16', 1>>();
    expectTypeOf(T.add(x, T.wvector())).toEqualTypeOf<T.Tensor<'float32', 1>>();
    expectTypeOf(T.add(x, T.ivector())).toEqualTypeOf<T.Tensor<'float64', 1>>();
    expectTypeOf(T.mul(x, 2.5)).toEqualTypeOf<T.Tensor<'float16', 1>>();
    expectTypeOf(T.exp(x)).toEqualTypeOf<T.Tensor<'float16', 1>>();
    expect(T.add(x, T.bvector()).dtype).toBe('float16');
    expect(T.add(x, T.wvector()).dtype).toBe('float32');
    expect(T.mul(x, 2.5).dtype).toBe('float16');
    expect(T.mean(T.bvector()).dtype).toBe('float32');
  });

  it('templates spell it f16 and float16', () => {
    const f = T.fn(T.tensor`(x: f16[n]) => x * 2 + 0.1`);
    const r = f([0.1]) as NDArray;
    expect(r.dtype).toBe('float16');
    expect(r.data[0]).toBe(roundF16(roundF16(0.1) * 2 + roundF16(0.1)));
    const x = T.tensor('float16', 1, 'x');
    expect(T.tensor`cast(${x}, 'float16') * 2`.dtype).toBe('float16');
  });
});

describe('float16 elementwise ops, reductions and matmul match numpy', () => {
  const u = fixture.ufuncs;
  const [a, b, p] = [h(u.a), h(u.b), h(u.p)];
  const m = h(u.m, [5, 7]), n = h(u.n, [7, 3]);
  const [x, y] = [T.tensor('float16', 1, 'x'), T.tensor('float16', 1, 'y')];
  const [M, N] = [T.tensor('float16', 2, 'M'), T.tensor('float16', 2, 'N')];
  const graphs: Record<string, [Variable[], Variable, NDArray[]]> = {
    add: [[x, y], T.add(x, y), [a, b]], sub: [[x, y], T.sub(x, y), [a, b]], mul: [[x, y], T.mul(x, y), [a, b]],
    div: [[x, y], T.true_div(x, y), [a, b]], neg: [[x], T.neg(x), [a]], sqr: [[x], T.sqr(x), [a]],
    exp: [[x], T.exp(x), [a]], log: [[x], T.log(x), [p]], sqrt: [[x], T.sqrt(x), [p]], tanh: [[x], T.tanh(x), [a]],
    sin: [[x], T.sin(x), [a]], sum: [[x], T.sum(x), [a]], mean: [[x], T.mean(x), [a]], max: [[x], T.max(x), [a]],
    prod: [[x], T.prod(T.subtensor(x, [T.slice(0, 8)])), [p]], matmul: [[M, N], T.dot(M, N), [m, n]],
    cast_from_f64: [[x], T.cast(T.true_div(T.cast(x, 'float64'), 7), 'float16'), [a]],
    div_const: [[x], T.true_div(x, 3), [a]], mul_int8: [[x], T.mul(x, T.cast(T.arange(64), 'int8')), [a]],
  };
  // numpy computes float16 ufuncs in float32 and rounds once; exact arithmetic then agrees bit
  // for bit, while a transcendental or a long sum may land one binary16 step away
  const ULPS: Record<string, number> = { exp: 1, log: 1, sqrt: 0, tanh: 1, sin: 1, sum: 1, mean: 1, prod: 1, matmul: 1 };
  it.each(Object.keys(graphs))('%s', (name) => {
    const [ins, out, args] = graphs[name]!;
    const want = u.results[name]!;
    const got = T.fn(ins, out)(...args) as NDArray;
    expect(got.dtype).toBe(want.dtype);
    expect(got.shape).toEqual(want.shape);
    const steps = bits(got.data).map((g, i) => Math.abs(g - f16Bits(num(want.values[i]!))));
    expect(Math.max(...steps)).toBeLessThanOrEqual(ULPS[name] ?? 0);
  });
});

/** float32 arguments become float16, others stay (ints, bools, index arrays). */
const toF16 = (v: NDArray) => (v.dtype === 'float32' ? v.astype('float16') : v);

/** Run a case's graph on float16 arguments and on the same values in float64. */
function runBoth(c: Pick<OpCase, 'args' | 'build' | 'options'>) {
  const args16 = c.args.map((a) => ('value' in a ? { ...a, value: toF16(a.value) } : toF16(a)));
  const args64 = args16.map((a) => ('value' in a ? { ...a, value: a.value.dtype === 'float16' ? a.value.astype('float64') : a.value } : a.dtype === 'float16' ? a.astype('float64') : a));
  const run = (args: typeof args16) => {
    const { values, syms } = opInputs({ args });
    const outs = [c.build(...syms)].flat();
    return { outs, values: T.fn(syms, outs, c.options ?? {})(...values) as NDArray[] };
  };
  return { half: run(args16), wide: run(args64) };
}

/** |got - want| within a few binary16 steps of the output's scale (values are rounded per op). */
function close(got: NDArray, want: NDArray): boolean {
  let scale = 0;
  for (const w of want.data) if (Number.isFinite(w)) scale = Math.max(scale, Math.abs(w));
  for (let i = 0; i < got.size; i++) {
    const g = got.data[i]!, w = want.data[i]!;
    if (Number.isNaN(w) ? !Number.isNaN(g) : Math.abs(g - w) > 8e-3 * (Math.abs(w) + scale) + 1e-6) return false;
  }
  return true;
}

/** Cases for the kinds the shared table leaves to each backend, or builds in other dtypes. */
const EXTRA: Partial<Record<OpKind, OpCase[]>> = {
  scan: [{
    name: 'h = tanh(h w + x)', args: [rand([6, 3]), rand([3]), rand([3, 3], -0.8, 0.8)],
    build: (x, h0, w) => T.scan({ fn: (xt: Variable, hp: Variable, W: Variable) => T.tanh(T.add(T.dot(hp, W), xt)), sequences: x!, outputsInfo: h0!, nonSequences: w! })[0] as Variable,
  }],
  ifelse: [{ name: 'either branch', args: [arr(1, 'int32'), rand([3]), rand([3])], build: (c, a, b) => [T.ifelse(c!, T.mul(a!, 3), T.exp(b!)), T.ifelse(T.lt(c!, 0), T.mul(a!, 3), T.exp(b!))] }],
  arange: [{ name: 'float16 arange', args: [rand([])], build: (x) => T.add(T.arange(0, 2, 0.3, { dtype: 'float16' }), x!) }],
  eye: [{ name: 'float16 eye', args: [rand([3, 3])], build: (x) => T.add(T.eye(3, 3, { k: 1, dtype: 'float16' }), x!) }],
};

describe('every op kind in float16 (the shared op-case table, on the CPU)', () => {
  const seen = new Set<OpKind>();
  // draws consume a different number of random bits per dtype
  const kinds = (Object.keys(OP_CASES) as OpKind[]).filter((k) => k !== 'random' && k !== 'rng_advance');
  const cases = kinds.flatMap((kind) => [...OP_CASES[kind], ...(EXTRA[kind] ?? [])].map((c) => [`${kind}: ${c.name}`, kind, c] as const));
  it.each(cases)('%s', (_, kind, c) => {
    const { half, wide } = runBoth(c);
    half.values.forEach((v, i) => {
      if (v.dtype === 'float16') {
        seen.add(kind);
        expect(Array.from(v.data).filter((x) => !isF16(x)), `output ${i} holds values that are not binary16`).toEqual([]);
      }
      if (v.dtype.startsWith('float') && half.outs[i]!.dtype === 'float16') expect(close(v, wide.values[i]!), `output ${i}: ${v} vs ${wide.values[i]}`).toBe(true);
    });
  });

  it('float16 results came out of every op kind that computes floats', () => {
    const expected = kinds.filter((k) => !['shape', 'argreduce', 'argsort'].includes(k));
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  });

  // every scalar op on float16 operands, and every cast into float16
  const half = (d: DType): DType => (d === 'float32' ? 'float16' : d);
  const scalars = (Object.keys(SCALAR_CASES) as ScalarOpName[]).flatMap((name) => SCALAR_CASES[name]
    .filter((c) => c.dtypes.includes('float32') || c.castTo === 'float32')
    .flatMap((c) => scalarGraphs(name, { ...c, dtypes: c.dtypes.map(half), castTo: c.castTo && half(c.castTo) }).map((g, k) => [`${name} #${k}`, g] as const)));
  it.each(scalars)('scalar op %s', (_, g) => {
    const out = T.fn(g.inputs, g.output)(...g.args) as NDArray;
    if (g.output.dtype === 'float16') expect(Array.from(out.data).filter((x) => !isF16(x))).toEqual([]);
    expect(g.output.dtype === 'float16' || g.inputs.some((v) => v.dtype === 'float16')).toBe(true);
  });
});

describe('float16 inputs, shared variables, config and backends', () => {
  it('inputs are rounded to binary16 where they enter, as numpy.float16() does', () => {
    const x = T.tensor('float16', 1, 'x');
    const out = T.fn([x], x)([0.1, 1e5, 2049]) as NDArray;
    expect(Array.from(out.data)).toEqual([0.0999755859375, Infinity, 2048]);
  });

  it('a float16 shared variable rounds what setValue stores and updates keep it binary16', () => {
    const w = T.shared(new NDArray('float16', [3]), { name: 'w' });
    w.setValue([0.1, 0.2, 0.3]);
    expect(Array.from(w.getValue().data)).toEqual([0.0999755859375, 0.199951171875, 0.300048828125]);
    const step = T.fn([], [], { updates: [[w, T.add(T.mul(w, 1.1), 1e-3)]] });
    for (let k = 0; k < 5; k++) step();
    expect(Array.from(w.getValue().data).every(isF16)).toBe(true);
    expect(w.getValue().dtype).toBe('float16');
  });

  it('floatX = float16 makes T.matrix float16 (Theano allows it)', () => {
    const old = T.config.floatX;
    try {
      T.config.floatX = 'float16';
      const m = T.matrix('m');
      expect(m.dtype).toBe('float16');
      expect((T.fn([m], T.mul(m, 3))([[0.1]]) as NDArray).data[0]).toBe(roundF16(3 * roundF16(0.1)));
    } finally {
      T.config.floatX = old;
    }
  });

  it('gradients of a float16 cost are float16 and close to the float64 ones', () => {
    const w = T.tensor('float16', 1, 'w');
    const cost = T.sum(T.sqr(T.tanh(T.mul(w, 2))));
    const g = T.grad(cost, w);
    expect(g.dtype).toBe('float16');
    const wv = new NDArray('float16', [4], Float32Array.from([0.3, -0.7, 1.1, 0.05].map(roundF16)));
    const got = T.fn([w], g)(wv) as NDArray;
    const want = wv.data.map((v) => 2 * Math.tanh(2 * v) * (1 - Math.tanh(2 * v) ** 2) * 2);
    expect(Array.from(got.data).every(isF16)).toBe(true);
    got.data.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 2));
  });

  it('uniform float16 draws lie in [low, high) and are binary16 values', () => {
    const r = new T.RandomStreams(12);
    const u = T.fn([], r.uniform([4000], 0, 1, { dtype: 'float16' }))() as NDArray;
    expect(u.dtype).toBe('float16');
    expect(Math.max(...u.data)).toBeLessThan(1);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(0);
    expect(Array.from(u.data).every(isF16)).toBe(true);
    const mean = Array.from(u.data).reduce((s, v) => s + v, 0) / u.size;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('GPU.js refuses float16, naming the variable', () => {
    const x = T.tensor('float16', 1, 'x');
    const fn = T.fn as unknown as (...a: unknown[]) => unknown;
    expect(() => fn([x], T.exp(x), { backend: 'gpujs' })).toThrow(/gpujs: input 'x' is float16; GPU.js computes in float32 only/);
  });

  it('unknown dtype spellings still fail, listing f16 among the choices', () => {
    expect(() => T.tensor('float8' as DType, 1)).toThrow(/unknown dtype "float8"/);
  });
});
