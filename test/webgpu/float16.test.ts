// float16 on WebGPU: binary16 values in f32 lanes, computed in f32 and rounded to binary16
// wherever the CPU backend rounds. Every case runs on both backends with float16 inputs and
// checks (1) the values agree within F16 (below) and (2) every float16 value the device returns
// is exactly a binary16 value — a kernel that forgot to round leaves f32 values that are not,
// which is what proves the rounding sites.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import { type DType, isFloat } from '../../runtime/dtype.ts';
import { F16_MAX, roundF16 } from '../../runtime/float16.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { F16_ALIAS } from '../../runtime/webgpu/storage.ts';
import { type Arg, type OpCase, type ScalarCase, type TolClass, type Tols, OP_CASES, SCALAR_CASES, bcRow, opInputs, scalarGraphs } from '../backends/op-cases.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { type Tol, expectBinary16, expectClose } from './compare.ts';
import { ints, rand } from './cases.ts';

/**
 * Tolerances of float16 on WebGPU against the CPU's float16. One binary16 ulp is at most 2^-10
 * (9.8e-4) of a value. Single ops round once on both backends from f32 (device) or float64
 * (CPU) results: +, -, * of binary16 values are then equal bit for bit (24 >= 2 * 11 + 2 bits
 * makes the double rounding harmless), and an op WGSL computes to a few f32 ulp lands on the
 * neighbouring binary16 value only near a rounding boundary: 2 ulp for arithmetic, 4 for
 * transcendental functions. Sums and chains (dot, reductions, a scan) accumulate in f32 rather
 * than float64 and carry a one-ulp difference of an intermediate on: 1e-2.
 */
const F16: Tols = {
  exact: { atol: 0, rtol: 0 },
  arith: { atol: 1e-3, rtol: 2e-3 },
  transc: { atol: 4e-3, rtol: 4e-3 },
  sum: { atol: 1e-2, rtol: 1e-2 },
};

/** A case's class at float16; a case's own (float32) numbers widened to at least F16.sum. */
function f16Tol(t: TolClass | undefined): Tol {
  if (t === undefined) return F16.arith;
  if (typeof t === 'string') return F16[t];
  return { atol: Math.max(t.atol, F16.sum.atol), rtol: Math.max(t.rtol, F16.sum.rtol) };
}

const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];


/** Both backends, every output close and every float16 output representable; returns the device's. */
async function agree16(inputs: readonly Variable[], outputs: unknown, args: readonly unknown[], tol: Tol, options: Record<string, unknown> = {}): Promise<NDArray[]> {
  const want = list((T.fn as (...a: unknown[]) => (...x: unknown[]) => unknown)(inputs, outputs, options)(...args));
  const got = list(await gpuFn(inputs, outputs, options)(...args));
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expectBinary16(g, `webgpu output ${i}`);
    expectBinary16(want[i]!, `cpu output ${i}`);
    expectClose(g, want[i]!, tol, `output ${i}`);
  });
  return got;
}

const to16 = (a: NDArray) => (a.dtype === 'float32' ? a.astype('float16') : a);

/** The case with its float32 inputs as float16, or null when it has none (integer-only, or no inputs). */
function asF16(c: OpCase): OpCase | null {
  let any = false;
  const args = c.args.map((a): NDArray | Arg => {
    const spec = 'value' in a ? a : { value: a };
    if (spec.value.dtype !== 'float32') return a;
    any = true;
    return { ...spec, value: to16(spec.value) };
  });
  return any ? { ...c, args } : null;
}

/** Float16 cases only the device suite runs: kernel strategies and the rounding of results past 2048. */
const EXTRA: Partial<Record<OpKind, OpCase[]>> = {
  reduce: [
    { name: 'tree: 300 per output, sum and max', args: [rand([3, 300])], build: (x) => [T.sum(x!, { axis: 1 }), T.max(x!, { axis: 1 })], tol: 'sum' },
    { name: 'serial: 9000 outputs', args: [rand([9000, 3])], build: (x) => T.sum(x!, { axis: 1 }), tol: 'sum' },
    { name: 'sum of float32 as float16, prod as float32', args: [rand([4, 5])], build: (x) => [T.sum(T.cast(x!, 'float32'), { axis: 0, dtype: 'float16' }), T.prod(x!, { axis: 1, dtype: 'float32' })], tol: 'sum' },
    { name: 'mean over 70 000 (two passes)', args: [rand([70000], 0, 1)], build: (x) => T.mean(x!), tol: 'sum' },
  ],
  argreduce: [{ name: 'tree: 500 per lane', args: [rand([3, 500])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1 })], tol: 'exact' }],
  dot: [
    { name: 'matrix-vector (one invocation per output)', args: [rand([40, 64]), rand([64])], build: (a, b) => T.dot(a!, b!), tol: 'sum' },
    { name: 'float16 x int8 stays float16', args: [rand([3, 4]), ints([4, 2], -3, 3, 'int8')], build: (a, b) => T.dot(a!, b!), tol: 'sum' },
  ],
  sort: [{ name: 'three lanes of 3000 (global network)', args: [rand([3, 3000])], build: (x) => T.sort(x!, { axis: 1 }), tol: 'exact' }],
  arange: [{ name: 'float16 arange past 2048 (rounded)', args: [arr16(0.5), arr16(3.25)], build: (a, s) => T.arange(a!, 7000, s!, { dtype: 'float16' }), tol: 'exact' }],
  eye: [{ name: 'float16 eye plus x', args: [rand([3, 4])], build: (x) => T.add(T.eye(3, 4, { k: -1, dtype: 'float16' }), x!) }],
  alloc: [{ name: 'alloc of a float32 value as float16', args: [arr16(1.1)], build: (x) => T.alloc(T.cast(T.mul(T.cast(x!, 'float32'), 3.3), 'float16'), [2, 2]) }],
  concatenate: [{ name: 'float16 and int8 join as float16', args: [rand([3]), ints([2], -100, 100, 'int8')], build: (a, b) => T.concatenate([a!, b!]), tol: 'exact' }],
  set_subtensor: [
    { name: 'set x[[1, 3]] = y (a float32 y cast to float16)', args: [rand([4, 3]), rand([2, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [[1, 3]]), T.cast(T.mul(T.cast(y!, 'float32'), 1.1), 'float16')), tol: 'exact' },
  ],
};

function arr16(v: number): NDArray { return T.asarray(v, { dtype: 'float16' }); }

/** Cast cases: float32, int32 and int16 values that binary16 rounds, overflows or makes subnormal. */
const CASTS: ScalarCase[] = [
  { dtypes: ['float32'], values: [[0.1, 65519, 65520, -1e-6, 2049, -3e5]], castTo: 'float16', tol: 'exact' },
  { dtypes: ['float32'], values: [[1 / 3, 2.9802322387695312e-8, 65504, -0, 1e-40, 1025.5]], castTo: 'float16', tol: 'exact' },
  { dtypes: ['int32'], values: [[2049, 4097, 70000, -65519, -65521, 3]], castTo: 'float16', tol: 'exact' },
  { dtypes: ['int16'], values: [[2049, 32767, -32768, 2051, -4099, 0]], castTo: 'float16', tol: 'exact' },
  { dtypes: ['int8'], values: [[127, -128, 3, 0, -1, 5]], castTo: 'float16', tol: 'exact' },
];

/** Float16 scalar cases of this suite (their dtypes as written): ties, overflow, subnormal results. */
const SCALAR_F16: Partial<Record<ScalarOpName, ScalarCase[]>> = {
  add: [{ dtypes: ['float16', 'float16'], values: [[2048, 1000, 0.1, 65504, -65504, 3], [1, 0.3, 0.2, 16, -16, 1e-4]], tol: 'exact' }],
  mul: [{ dtypes: ['float16', 'int8'], values: [[300, 0.1, 1e-5, 1000, 0.7, 2049], [100, 3, 7, -100, 5, 1]], tol: 'exact' }],
  true_div: [{ dtypes: ['float16', 'float16'], values: [[1, 2, 1, 65504, 1e-4, 7], [3, 3, 7, 1e-3, 3e3, 10]] }],
  cast: CASTS,
};

/** The case with its float32 operands as float16, or null without any (and no float16 result). */
function scalarAsF16(c: ScalarCase): ScalarCase | null {
  if (!c.dtypes.includes('float32') && c.castTo !== 'float16') return null;
  return { ...c, dtypes: c.dtypes.map((d): DType => (d === 'float32' ? 'float16' : d)) };
}

describe.skipIf(!hasGpu)('float16 on WebGPU: the shared op cases with float16 inputs match the CPU backend', () => {
  for (const kind of Object.keys(OP_CASES) as OpKind[]) {
    const cases = [...OP_CASES[kind], ...(EXTRA[kind] ?? [])].map(asF16).filter((c): c is OpCase => c !== null);
    if (cases.length === 0) continue;
    describe(kind, () => {
      for (const c of cases) {
        it(c.name, async () => {
          const { syms, values } = opInputs(c);
          for (const v of values) expectBinary16(v, 'input');
          await agree16(syms, c.build(...syms), values, f16Tol(c.tol), { onUnusedInput: 'ignore', ...c.options });
        });
      }
    });
  }
});

describe.skipIf(!hasGpu)('float16 on WebGPU: every scalar op matches the CPU backend', () => {
  for (const name of Object.keys(SCALAR_CASES) as ScalarOpName[]) {
    const shared = SCALAR_CASES[name].map(scalarAsF16).filter((c): c is ScalarCase => c !== null);
    const cases = [...shared, ...(SCALAR_F16[name] ?? [])];
    cases.forEach((c, k) => {
      it(`${name} #${k} (${c.dtypes.join(', ')}${c.castTo ? ` -> ${c.castTo}` : ''})`, async () => {
        for (const g of scalarGraphs(name, c)) await agree16(g.inputs, g.output, g.args, f16Tol(c.tol));
      });
    });
  }

  it('casting float32 to float16 rounds exactly as roundF16: 200 000 bit patterns and the ties', async () => {
    const n = 200000;
    const bits = new Uint32Array(n);
    let s = 12345;
    for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; bits[i] = s; }
    // half within binary16's range (2^-26..2^16, a quarter of them ties: the 13 dropped bits 1 then 0s), half anything
    for (let i = 0; i < n / 2; i++) {
      const e = 101 + (bits[i]! % 43);
      const tie = i % 4 === 0 ? (bits[i]! & ~0x1fff) | 0x1000 : bits[i]!;
      bits[i] = (tie & 0x807fffff) | (e << 23);
    }
    const x = new NDArray('float32', [n], new Float32Array(bits.buffer));
    const v = T.fvector('v');
    const got = (await gpuFn([v], T.cast(v, 'float16'))(x)) as NDArray;
    let bad = 0, first = '';
    for (let i = 0; i < n; i++) {
      const want = roundF16(x.data[i]!), g = got.data[i]!;
      // the device may flush f32 subnormal inputs to zero; their binary16 value is ±0 anyway
      if (Object.is(g, want) || (Number.isNaN(g) && Number.isNaN(want)) || (want === 0 && g === 0 && Math.abs(x.data[i]!) < 1.2e-38)) continue;
      if (bad++ === 0) first = `${x.data[i]} (bits ${bits[i]!.toString(16)}): got ${g}, expected ${want}`;
    }
    expect(bad, first).toBe(0);
  });
});

/** Gradients in float16 on both backends: float16 inputs, a float16 cost. */
async function gradAgrees(inputs: NDArray[], build: (...xs: Variable[]) => Variable, tol: Tol = F16.sum): Promise<void> {
  const syms = inputs.map((v, i) => T.tensor(v.dtype, v.ndim, `in${i}`) as Variable);
  const out = build(...syms);
  const outValue = (T.fn(syms, out) as (...a: unknown[]) => NDArray)(...inputs);
  const R = T.constant(rand(outValue.shape, -1, 1).astype('float16'), { dtype: 'float16' });
  const cost = T.sum(T.mul(out, R));
  expect(cost.dtype).toBe('float16');
  const wrt = syms.filter((s) => isFloat(s.dtype));
  const grads = T.grad(cost, wrt) as Variable[];
  for (const g of grads) expect(g.dtype).toBe('float16');
  await agree16(syms, grads, inputs, tol);
}

const r16 = (shape: number[], lo?: number, hi?: number) => rand(shape, lo, hi).astype('float16');

describe.skipIf(!hasGpu)('float16 gradients on WebGPU match the CPU backend', () => {
  it('a tanh layer: dot, broadcast bias, tanh', () =>
    gradAgrees([r16([5, 4]), r16([4, 3], -0.5, 0.5), r16([3])], (x, w, b) => T.tanh(T.add(T.dot(x!, w!), b!))));
  it('logistic loss: softplus of a matrix-vector product, mean', () =>
    gradAgrees([r16([8, 6]), r16([6], -0.5, 0.5)], (x, w) => T.mean(T.softplus(T.neg(T.dot(x!, w!))))));
  it('elementwise: exp, sin, division, sqr', () =>
    gradAgrees([r16([3, 4]), rand([3, 4], 0.5, 2).astype('float16')], (x, y) => T.tensor`exp(${x}) * sin(${y}) + ${x} / ${y} - ${x} ** 2`));
  it('reductions: max, prod and sum over axes', () =>
    gradAgrees([r16([3, 5], 0.5, 1.5)], (x) => T.add(T.max(x!, { axis: 1 }), T.mul(T.prod(x!, { axis: 1 }), T.sum(x!, { axis: 1 })))));
  it('advanced indexing with repeats (its gradient is an inc_subtensor)', () =>
    gradAgrees([r16([5, 3])], (x) => T.sqr(T.subtensor(x!, [[0, 2, 0, 4, 0]]))));
  it('batched_dot and sigmoid', () =>
    gradAgrees([r16([2, 3, 4]), r16([2, 4, 2])], (a, b) => T.sigmoid(T.batched_dot(a!, b!))));
});

describe.skipIf(!hasGpu)('float16 random draws on WebGPU', () => {
  const opts = { noDefaultUpdates: true };

  it('uniform float16 draws are bit-identical to the CPU draws', async () => {
    for (const [seed, lo, hi] of [[3, -1, 2], [11, 0, 1], [12, -0.3, 0.7], [13, 1000, 3000]] as const) {
      const u = new T.RandomStreams(seed).uniform([4100], lo, hi, { dtype: 'float16' });
      const want = (T.fn([], u, opts) as () => NDArray)();
      const got = (await gpuFn([], u, opts)()) as NDArray;
      expect(got.dtype).toBe('float16');
      expectBinary16(got, 'draw');
      for (let i = 0; i < want.size; i++) {
        if (!Object.is(got.data[i], want.data[i])) expect.fail(`uniform(${lo}, ${hi})[${i}]: got ${got.data[i]}, expected ${want.data[i]}`);
      }
      // low + u * (high - low) in float32, rounded: within the binary16 bounds
      expect(Math.min(...got.data)).toBeGreaterThanOrEqual(roundF16(lo));
      expect(Math.max(...got.data)).toBeLessThanOrEqual(roundF16(hi));
    }
  });

  // the device's log and cos are f32 functions (SwiftShader's cos is within about 7e-5): the
  // draws land on the CPU's binary16 value or a neighbour near a rounding boundary
  it('normal float16 draws are the float32 draw rounded: close, and most bit-identical', async () => {
    const z = new T.RandomStreams(4).normal([2000], 1, 2, { dtype: 'float16' });
    const want = (T.fn([], z, opts) as () => NDArray)();
    const got = (await gpuFn([], z, opts)()) as NDArray;
    expectBinary16(got, 'draw');
    expectClose(got, want, { atol: 1e-3, rtol: 1e-3 }, 'normal');
    let same = 0;
    for (let i = 0; i < want.size; i++) if (got.data[i] === want.data[i]) same++;
    expect(same / want.size).toBeGreaterThan(0.75);
  });

  it('draws with the default update advance the state the same way on both backends', async () => {
    const mk = () => new T.RandomStreams(21).uniform([64], 0, 1, { dtype: 'float16' });
    const cpu = T.fn([], mk()) as () => NDArray;
    const gpu = gpuFn([], mk());
    for (let k = 0; k < 3; k++) {
      const a = cpu(), b = (await gpu()) as NDArray;
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
    }
  });
});

describe.skipIf(!hasGpu)('float16 shared variables on WebGPU', () => {
  /** Logistic regression with float16 data and weights, trained by SGD in shared variables. */
  function model(w0: NDArray) {
    const x = T.tensor('float16', 2, 'x'), y = T.tensor('float16', 1, 'y');
    const w = T.shared(w0.copy(), { name: 'w' });
    const b = T.shared(T.asarray(0, { dtype: 'float16' }), { name: 'b' });
    const z = T.tensor`dot(${x}, ${w}) + ${b}`;
    const cost = T.tensor`mean(${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})) + 0.01 * sum(${w} ** 2)`;
    const [gw, gb] = T.grad(cost, [w, b]);
    return { x, y, w, b, cost, updates: [[w, T.tensor`${w} - 0.25 * ${gw}`], [b, T.tensor`${b} - 0.25 * ${gb}`]] as const };
  }

  it('an SGD step run on the device for 30 calls matches the CPU run and stays binary16', async () => {
    const X = r16([64, 16]);
    const Y = new NDArray('float16', [64]);
    for (let i = 0; i < 64; i++) Y.data[i] = X.data[i * 16]! + X.data[i * 16 + 1]! > 0 ? 1 : 0;
    const w0 = r16([16], -0.1, 0.1);
    const cpu = model(w0), gpu = model(w0);
    const cpuStep = (T.fn as (...a: unknown[]) => (...x: unknown[]) => NDArray)([cpu.x, cpu.y], cpu.cost, { updates: cpu.updates });
    const gpuStep = gpuFn([gpu.x, gpu.y], gpu.cost, { updates: gpu.updates });
    const costs: number[] = [];
    for (let k = 0; k < 30; k++) {
      const c = cpuStep(X, Y), g = (await gpuStep(X, Y)) as NDArray;
      expect(g.dtype).toBe('float16');
      expectBinary16(g, `cost ${k}`);
      expectClose(g, c, F16.sum, `cost ${k}`);
      costs.push(c.data[0]!);
    }
    expect(costs.at(-1)!).toBeLessThan(costs[0]! * 0.8);
    const wg = await gpu.w.getValueAsync(), bg = await gpu.b.getValueAsync();
    expect(wg.dtype).toBe('float16');
    expectBinary16(wg, 'w');
    expectBinary16(bg, 'b');
    expectClose(wg, cpu.w.getValue(), F16.sum, 'w');
    expectClose(bg, cpu.b.getValue(), F16.sum, 'b');
  });
});

describe.skipIf(!hasGpu)('float16 inc_subtensor on WebGPU', () => {
  it('repeated indices round after every accumulation, as numpy.add.at', async () => {
    const x = T.tensor('float16', 1, 'x'), i = T.ivector('i'), y = T.tensor('float16', 1, 'y');
    const xs = T.asarray([2048, 0.1, 1000, -3, 65000], { dtype: 'float16' });
    // 2048 + 1 is a tie that rounds back to 2048, ten times (one rounding of the sum gives 2058);
    // 65000 + 300 + 300 overflows
    const idx = T.asarray([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 4, 4], { dtype: 'int32' });
    const ys = T.asarray([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.1, 0.1, 0.1, 0.3, 0.3, 300, 300], { dtype: 'float16' });
    const [got] = await agree16([x, i, y], [T.inc_subtensor(T.subtensor(x, [i]), y)], [xs, idx, ys], F16.exact);
    expect(got!.data[0]).toBe(2048);
    expect(got!.data[4]).toBe(Infinity);
    expect(Array.from(got!.data).every((v) => v === Infinity || Math.abs(v) <= F16_MAX)).toBe(true);
  });

  it('rows of a matrix with repeats, a broadcast row and a second index array', async () => {
    const x = T.tensor('float16', 2, 'x'), y = T.tensor('float16', 2, 'y');
    const xs = r16([4, 3], 100, 3000), ys = r16([6, 3], -3, 3);
    await agree16([x, y], [T.inc_subtensor(T.subtensor(x, [[0, 2, 0, 0, 3, 2]]), y)], [xs, ys], F16.exact);
    const row = T.tensor('float16', 2, 'row', { broadcastable: [true, false] });
    await agree16([x, row], [T.inc_subtensor(T.subtensor(x, [[1, 1, 1, 3]]), row)], [xs, bcRow(r16([1, 3])).value], F16.exact);
    await agree16([x, y], [T.inc_subtensor(T.subtensor(x, [[0, 0, 1, 0], [2, 2, 1, 2]]), T.subtensor(y, [T.slice(0, 4), 0]))], [xs, ys], F16.exact);
  });
});

describe('float16 WGSL (no device needed)', () => {
  const src = (inputs: unknown[], out: unknown) => {
    const f = (T.fn as (...a: unknown[]) => { program: { webgpu?: { kernels: { name: string; source: string }[] } } })(inputs, out, { backend: 'webgpu' });
    return f.program.webgpu!.kernels;
  };

  it('rounds float16 results of inexact ops only, and float32 kernels never', () => {
    const x = T.tensor('float16', 1, 'x'), y = T.tensor('float16', 1, 'y');
    const [k] = src([x, y], T.tensor`maximum(-${x}, abs(${y})) * ${x}`);
    expect(k!.source).toMatch(/let t0 = \(-x0\);\n {2}let t1 = abs\(x1\);\n {2}let t2 = fmax_\(t0, t1\);\n {2}let t3 = round16_\(\(t2 \* x0\)\);/);
    // float16 storage: the alias line first, loads widened to f32, the store narrowed to h16
    expect(k!.source.startsWith(F16_ALIAS)).toBe(true);
    expect(k!.source).toContain('let x0 = f32(a0[');
    expect(k!.source).toContain('o[i] = h16(t3);');
    const f = T.fvector('f');
    for (const kk of src([f], [T.sum(T.exp(f)), T.dot(f, f), T.mul(f, 3)])) {
      expect(kk.source, kk.name).not.toContain('round16_');
      expect(kk.source, kk.name).not.toContain('h16');
    }
    expect(src([f], T.cast(f, 'float16'))[0]!.source).toContain('o[i] = h16(t0);');
    expect(src([f], T.cast(f, 'float16'))[0]!.source).toContain('let t0 = round16_(x0);');
  });

  it('a two-pass float16 sum keeps f32 partials and rounds once', () => {
    const x = T.tensor('float16', 1, 'x');
    const ks = src([x], T.sum(x));
    const partial = ks.find((k) => k.name.endsWith('_partial'))!;
    expect(partial.source).not.toContain('round16_');
    expect(ks.filter((k) => !k.name.endsWith('_partial')).every((k) => k.source.includes('o[i] = h16(round16_(acc))') || k.source.includes('h16(round16_(sh[0]))'))).toBe(true);
  });
});
