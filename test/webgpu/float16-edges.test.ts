// float16 on WebGPU at the edges of its storage: packed binary16 (2 bytes an element, two to a
// 32-bit word) on a device with shader-f16 (the lavapipe project), f32 lanes elsewhere
// (SwiftShader). Odd lengths put arrays, rows and copies in the middle of a word; empty and
// 0-d arrays, views, offset copies, shared state across calls and functions, scans of odd rows,
// special values and two-pass sizes are each compared with the CPU backend. Moves of values
// (copies, concatenation, indexing, sorting) must be bit-identical (Object.is: -0, NaN and
// subnormals included); every float16 value either backend returns must be a binary16 value.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { roundF16 } from '../../runtime/float16.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import type { WebGpuFunction } from '../../runtime/webgpu/function.ts';
import { hasGpu, onLavapipe } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { type Tol, expectBinary16, expectClose } from './compare.ts';

const EXACT: Tol = { atol: 0, rtol: 0 };
/** One op rounded once on each backend: 2 binary16 ulp (float16.test.ts's `arith`). */
const ARITH16: Tol = { atol: 1e-3, rtol: 2e-3 };
/** Sums in f32 against float64, rounded once (float16.test.ts's `sum`). */
const SUM16: Tol = { atol: 1e-2, rtol: 1e-2 };

type Fn = (...a: unknown[]) => unknown;
const cpuFn = (inputs: readonly unknown[], outputs: unknown, options: Record<string, unknown> = {}) =>
  (T.fn as (...a: unknown[]) => Fn)(inputs, outputs, options);
const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];


/** Same dtype, shape and bits (NaN matches NaN, -0 only -0). */
function expectSame(got: NDArray, want: NDArray, what: string): void {
  expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
  expect(got.shape, `${what}: shape`).toEqual(want.shape);
  for (let i = 0; i < want.size; i++) {
    const a = got.data[i]!, b = want.data[i]!;
    if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) continue;
    expect.fail(`${what}[${i}]: got ${Object.is(a, -0) ? '-0' : a}, expected ${Object.is(b, -0) ? '-0' : b}`);
  }
}

/** Compare one output: bit-identical at EXACT, else within `tol`; both binary16. */
function check(got: NDArray, want: NDArray, tol: Tol, what: string): void {
  expectBinary16(got, `webgpu ${what}`);
  expectBinary16(want, `cpu ${what}`);
  if (tol === EXACT) expectSame(got, want, what);
  else expectClose(got, want, tol, what);
}

/** Both backends on the same graph; every output compared. Returns the device's outputs and function. */
async function agree16(inputs: readonly unknown[], outputs: unknown, args: readonly unknown[], tol: Tol = EXACT, options: Record<string, unknown> = {}): Promise<{ got: NDArray[]; f: WebGpuFunction }> {
  const want = list(cpuFn(inputs, outputs, options)(...args));
  const f = gpuFn(inputs, outputs, options);
  const got = list(await f(...args));
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => check(g, want[i]!, tol, `output ${i}`));
  if (hasGpu) expect(f.stats().float16).toBe(onLavapipe ? 'packed' : 'f32');
  return { got, f };
}

/**
 * Deterministic binary16 values: mostly in [-4, 4), with NaN, ±inf, -0, subnormals, the
 * largest finite values and ties every few elements when `specials`.
 */
const SPECIAL = [NaN, Infinity, -Infinity, -0, 2 ** -24, -3 * 2 ** -24, 2 ** -14 - 2 ** -24, 65504, -65504, 0.1, 2049];
function h16(shape: readonly number[], seed: number, specials = true): NDArray {
  const a = new NDArray('float16', shape);
  let s = (seed * 2654435761) >>> 0;
  for (let i = 0; i < a.size; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a.data[i] = specials && s % 5 === 0 ? roundF16(SPECIAL[(s >>> 8) % SPECIAL.length]!) : roundF16(((s >>> 8) / 2 ** 24) * 8 - 4);
  }
  return a;
}
/** Finite, moderate values: arithmetic without overflow. */
const f16 = (shape: readonly number[], seed: number) => h16(shape, seed, false);
const i8 = (shape: readonly number[], seed: number) => {
  const a = new NDArray('int8', shape);
  for (let i = 0; i < a.size; i++) a.data[i] = ((i * 37 + seed * 11) % 256) - 128;
  return a;
};
const f32 = (shape: readonly number[], seed: number) => {
  const a = new NDArray('float32', shape);
  for (let i = 0; i < a.size; i++) a.data[i] = Math.fround(Math.sin(i * 1.7 + seed) * 3.3);
  return a;
};

const vec = (name: string) => T.tensor('float16', 1, name);
const mat = (name: string) => T.tensor('float16', 2, name);
const ODD = [1, 3, 5, 7];

describe.skipIf(!hasGpu)('float16 edges on WebGPU: empty and 0-d arrays', () => {
  it('empty vectors: elementwise, reductions, concatenation, the input itself', async () => {
    const x = vec('x'), y = vec('y');
    const empty = new NDArray('float16', [0]);
    await agree16([x, y], [x, T.add(x, 1), T.mul(x, x), T.sum(x), T.max(T.concatenate([x, y])), T.concatenate([x, y]), T.mean(y), T.mean(x), T.prod(x)], [empty, h16([3], 1)], SUM16);
    // a maximum of nothing fails on both backends
    const m = T.max(x);
    expect(() => cpuFn([x], m)(empty)).toThrow(/zero-size array to reduction operation max/);
    await expect(gpuFn([x], m)(empty)).rejects.toThrow(/zero-size array to reduction operation max/);
    // an empty array next to odd ones: the empty one occupies no bytes of the readback
    await agree16([x, y], [y, x, T.concatenate([y, x, y]), T.sum(T.concatenate([y, x]))], [h16([3], 2), empty], EXACT);
  });

  it('empty matrices: reductions over either axis, transposes, odd partners', async () => {
    const x = mat('x');
    for (const shape of [[0, 3], [3, 0], [0, 0], [5, 0]]) {
      const outs = [T.sum(x, { axis: 0 }), T.sum(x, { axis: 1 }), T.transpose(x), T.add(x, 1), T.reshape(x, [-1])];
      // max over an axis that is not empty
      if (shape[0]! + shape[1]! > 0) outs.push(T.max(x, { axis: shape[0] === 0 ? 1 : 0 }));
      await agree16([x], outs, [h16(shape, 3)], EXACT);
    }
    const a = mat('a'), b = mat('b');
    await agree16([a, b], [T.concatenate([a, b], { axis: 0 }), T.concatenate([a, b], { axis: 1 })], [h16([3, 0], 1), h16([3, 0], 2)], EXACT);
    await agree16([a, b], [T.concatenate([a, b], { axis: 0 })], [h16([0, 5], 1), h16([3, 5], 2)], EXACT);
    await agree16([a, b], [T.concatenate([a, b], { axis: 1 })], [h16([3, 0], 1), h16([3, 5], 2)], EXACT);
  });

  it('0-d values: arithmetic, reshape to 1 and odd shapes, broadcasting against odd vectors', async () => {
    const s = T.tensor('float16', 0, 's'), x = vec('x');
    for (const sv of [3.5, -0, NaN, 65504, 2 ** -24]) {
      const sa = T.asarray(sv, { dtype: 'float16' });
      await agree16([s, x], [s, T.add(s, 1), T.mul(s, x), T.reshape(s, [1]), T.reshape(s, [1, 1, 1]), T.stack([s, s, s]), T.sum(s)], [sa, h16([5], 4)], ARITH16);
      await agree16([s, x], [T.stack([s, s, s]), s, T.neg(s), T.concatenate([T.reshape(s, [1]), x]), s], [sa, h16([5], 4)], EXACT);
    }
  });

  it('a 0-d float16 result next to odd-length ones in one readback', async () => {
    const x = vec('x');
    await agree16([x], [T.sum(x), x, T.max(x), T.subtensor(x, [T.slice(1)]), T.min(x), T.subtensor(x, [2])], [f16([5], 6)], SUM16);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: odd lengths', () => {
  it('elementwise, casts and copies of 1, 3, 5 and 7 elements', async () => {
    const x = vec('x'), y = vec('y');
    for (const n of ODD) {
      await agree16([x, y], [T.add(T.mul(x, y), 1), T.neg(x), T.cast(T.mul(T.cast(x, 'float32'), 1.1), 'float16'), T.cast(x, 'float32'), T.cast(x, 'int8')], [h16([n], n), h16([n], n + 10)], ARITH16);
      await agree16([x, y], [x, y, T.abs(x), T.maximum(x, y), T.switch(T.gt(x, y), x, y)], [h16([n], n + 20), h16([n], n + 30)], EXACT);
    }
  });

  it('odd matrices: transposes, dimshuffles, broadcasting a row and a column', async () => {
    const x = mat('x'), r = vec('r');
    for (const [m, n] of [[1, 1], [3, 5], [5, 3], [7, 1], [1, 7]]) {
      await agree16([x, r], [T.transpose(x), T.dimshuffle(x, 1, 'x', 0), T.add(x, r), T.mul(x, T.dimshuffle(T.subtensor(x, [T.slice(), 0]), 0, 'x'))], [h16([m!, n!], m! * 10 + n!), h16([n!], 5)], ARITH16);
    }
  });

  it('mixed float16 / int8 / float32 graphs and outputs of each dtype in one readback', async () => {
    const x = vec('x'), b = T.tensor('int8', 1, 'b'), c = T.fvector('c');
    for (const n of ODD) {
      await agree16([x, b, c], [
        T.add(x, b), T.mul(x, c), T.cast(T.add(b, 1), 'float16'), b, x, T.concatenate([x, b]), T.add(T.cast(x, 'float32'), c), T.lt(x, b),
        T.sum(T.mul(x, b)), T.cast(c, 'float16'),
      ], [f16([n], n + 40), i8([n], n), f32([n], n)], SUM16);
    }
  });

  it('the same float16 value returned twice, and an input returned as is', async () => {
    const x = vec('x');
    for (const n of ODD) {
      const y = T.mul(x, 3);
      await agree16([x], [y, y, x, x, T.subtensor(y, [T.slice(null, null, -1)]), y], [h16([n], n + 50)], ARITH16);
    }
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: concatenate and stack of odd lengths (offset copies)', () => {
  it('vectors of 1, 3, 5, 7 joined in every order', async () => {
    const a = vec('a'), b = vec('b'), c = vec('c');
    for (const [na, nb, nc] of [[1, 3, 5], [3, 1, 7], [5, 5, 5], [7, 1, 1], [1, 1, 1]]) {
      await agree16([a, b, c], [T.concatenate([a, b, c]), T.concatenate([c, a]), T.concatenate([b, b, b]), T.concatenate([a, T.mul(b, 2), c])], [h16([na!], 1), h16([nb!], 2), h16([nc!], 3)], EXACT);
    }
  });

  it('matrices of odd rows and columns along both axes', async () => {
    const a = mat('a'), b = mat('b');
    await agree16([a, b], [T.concatenate([a, b], { axis: 0 }), T.concatenate([b, a, b], { axis: 0 })], [h16([3, 5], 1), h16([2, 5], 2)], EXACT);
    await agree16([a, b], [T.concatenate([a, b], { axis: 1 }), T.concatenate([b, a], { axis: -1 })], [h16([3, 5], 3), h16([3, 1], 4)], EXACT);
    await agree16([a, b], [T.concatenate([a, b], { axis: 1 })], [h16([1, 3], 5), h16([1, 7], 6)], EXACT);
  });

  it('3-d arrays along each of the three axes', async () => {
    const a = T.tensor('float16', 3, 'a'), b = T.tensor('float16', 3, 'b');
    for (const [ax, sa, sb] of [[0, [1, 3, 5], [2, 3, 5]], [1, [3, 1, 5], [3, 2, 5]], [2, [3, 3, 1], [3, 3, 5]]] as const) {
      await agree16([a, b], [T.concatenate([a, b], { axis: ax }), T.concatenate([b, a, b], { axis: ax })], [h16(sa, ax + 1), h16(sb, ax + 7)], EXACT);
    }
  });

  it('stack of odd vectors and matrices along every axis', async () => {
    const a = vec('a'), b = vec('b'), c = vec('c');
    for (const n of ODD) {
      await agree16([a, b, c], [T.stack([a, b, c]), T.stack([a, b, c], { axis: 1 }), T.stack([c, a], { axis: -1 })], [h16([n], n), h16([n], n + 1), h16([n], n + 2)], EXACT);
    }
    const m = mat('m'), p = mat('p');
    for (const ax of [0, 1, 2]) await agree16([m, p], [T.stack([m, p, m], { axis: ax })], [h16([3, 5], ax), h16([3, 5], ax + 9)], EXACT);
  });

  it('joins mixed with int8 and float32 (promotion and offsets)', async () => {
    const a = vec('a'), b = T.tensor('int8', 1, 'b'), c = T.fvector('c');
    await agree16([a, b, c], [T.concatenate([a, b, a]), T.concatenate([a, c]), T.stack([a, T.cast(b, 'float16'), a])], [h16([3], 1), i8([3], 2), f32([3], 3)], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: subtensors and views of odd sizes', () => {
  it('slices with offsets and positive or negative steps', async () => {
    const x = vec('x');
    const xs = h16([7], 11);
    const outs = [
      T.subtensor(x, [T.slice(1)]), T.subtensor(x, [T.slice(1, 4)]), T.subtensor(x, [T.slice(3, null, 2)]), T.subtensor(x, [T.slice(null, null, -1)]),
      T.subtensor(x, [T.slice(5, 0, -2)]), T.subtensor(x, [T.slice(-2, null, -3)]), T.subtensor(x, [3]), T.subtensor(x, [T.slice(6, 7)]), T.subtensor(x, [T.slice(2, 2)]),
    ];
    await agree16([x], outs, [xs], EXACT);
  });

  it('rows, columns and blocks of an odd matrix, and their sums', async () => {
    const x = mat('x');
    const xs = h16([5, 7], 12);
    await agree16([x], [
      T.subtensor(x, [1]), T.subtensor(x, [T.slice(), 3]), T.subtensor(x, [T.slice(1, 4), T.slice(2, null, 2)]), T.subtensor(x, [T.slice(null, null, -1), T.slice(null, null, -2)]),
      T.subtensor(x, [-1, T.slice(null, null, -1)]), T.subtensor(x, [T.slice(1), T.slice(1)]),
    ], [xs], EXACT);
    await agree16([x], [T.sum(T.subtensor(x, [T.slice(1, 4), T.slice(2, null, 2)]), { axis: 0 }), T.max(T.subtensor(x, [T.slice(null, null, -1)]), { axis: 1 })], [f16([5, 7], 13)], SUM16);
  });

  it('views: reshape, flatten and dimshuffle of odd sizes, as outputs and as operands', async () => {
    const x = mat('x'), v = vec('v');
    await agree16([x, v], [
      T.flatten(x), T.reshape(x, [7, 3]), T.reshape(x, [3, 1, 7]), T.dimshuffle(x, 'x', 0, 1), T.dimshuffle(v, 0, 'x'), T.reshape(v, [1, 5]),
      T.flatten(T.transpose(x)), T.subtensor(T.flatten(x), [T.slice(3, 16, 3)]), T.reshape(T.subtensor(v, [T.slice(1, 4)]), [3, 1]),
    ], [h16([3, 7], 14), h16([5], 15)], EXACT);
    await agree16([x, v], [T.add(T.reshape(x, [7, 3]), 1), T.mul(T.flatten(x), 2), T.sum(T.reshape(v, [5, 1]), { axis: 1 })], [f16([3, 7], 16), f16([5], 17)], SUM16);
  });

  it('advanced indexing of odd arrays with repeats and negative indices', async () => {
    const x = vec('x'), m = mat('m'), i = T.ivector('i');
    await agree16([x, m, i], [T.subtensor(x, [i]), T.subtensor(m, [i]), T.subtensor(m, [T.slice(), i]), T.subtensor(m, [i, i])],
      [h16([7], 18), h16([7, 7], 19), T.asarray([0, 6, -1, 3, 3], { dtype: 'int32' })], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: set_subtensor and inc_subtensor at odd offsets', () => {
  it('vector slices: odd starts, steps and lengths', async () => {
    const x = vec('x'), y = vec('y'), s = T.tensor('float16', 0, 's');
    const xs = h16([7], 20), args = [xs, f16([3], 21), T.asarray(0.375, { dtype: 'float16' })];
    await agree16([x, y, s], [
      T.set_subtensor(T.subtensor(x, [T.slice(1, 4)]), y), T.set_subtensor(T.subtensor(x, [T.slice(3, null, 2)]), T.subtensor(y, [T.slice(1)])),
      T.set_subtensor(T.subtensor(x, [T.slice(null, null, -3)]), y), T.set_subtensor(T.subtensor(x, [5]), s), T.set_subtensor(T.subtensor(x, [T.slice(2, 2)]), s),
    ], args, EXACT);
    await agree16([x, y, s], [
      T.inc_subtensor(T.subtensor(x, [T.slice(1, 4)]), y), T.inc_subtensor(T.subtensor(x, [T.slice(3, null, 2)]), s), T.inc_subtensor(T.subtensor(x, [T.slice(6, 3, -1)]), y),
    ], [f16([7], 22), f16([3], 23), T.asarray(1000.5, { dtype: 'float16' })], EXACT);
  });

  it('matrix rows, columns and blocks of an odd matrix; int indices with repeats', async () => {
    const x = mat('x'), y = mat('y'), r = vec('r'), i = T.ivector('i');
    const xs = f16([5, 3], 24);
    await agree16([x, y, r, i], [
      T.set_subtensor(T.subtensor(x, [1]), r), T.inc_subtensor(T.subtensor(x, [T.slice(), 1]), T.subtensor(y, [T.slice(), 0])),
      T.set_subtensor(T.subtensor(x, [T.slice(1, 4), T.slice(1)]), T.subtensor(y, [T.slice(0, 3), T.slice(1)])), T.inc_subtensor(T.subtensor(x, [i]), T.subtensor(y, [T.slice(0, 4)])),
      T.set_subtensor(T.subtensor(x, [i, 2]), T.subtensor(r, [T.slice(0, 1)])),
    ], [xs, f16([5, 3], 25), f16([3], 26), T.asarray([4, 1, 4, 0], { dtype: 'int32' })], EXACT);
  });

  it('a set_subtensor of an odd input, then used again by a kernel', async () => {
    const x = vec('x'), y = vec('y');
    const z = T.set_subtensor(T.subtensor(x, [T.slice(2, 5)]), y);
    await agree16([x, y], [T.mul(z, 2), z, T.sum(z), T.concatenate([z, y])], [f16([5], 27), f16([3], 28)], SUM16);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: shared variables', () => {
  /** The same builder on both backends: each call's outputs and the shared values after it agree. */
  async function twin(build: () => { inputs: unknown[]; outputs: unknown; options?: Record<string, unknown>; shared: T.SharedVariable[] }, calls: unknown[][], tol: Tol = EXACT): Promise<void> {
    const c = build(), g = build();
    const cf = cpuFn(c.inputs, c.outputs, c.options), gf = gpuFn(g.inputs, g.outputs, g.options);
    for (const [k, args] of calls.entries()) {
      const want = list(cf(...args)), got = list(await gf(...args));
      got.forEach((o, i) => check(o, want[i]!, tol, `call ${k} output ${i}`));
      for (const [j, s] of g.shared.entries()) check(await s.getValueAsync(), c.shared[j]!.getValue(), tol, `call ${k} shared ${j}`);
    }
  }

  it('updates over several calls, read back after each (odd lengths)', async () => {
    for (const n of ODD) {
      await twin(() => {
        const w = T.shared(f16([n], n), { name: 'w' });
        const b = T.shared(T.asarray(0.5, { dtype: 'float16' }), { name: 'b' });
        return { inputs: [], outputs: [w, T.add(w, b)], options: { updates: [[w, T.add(T.mul(w, 1.5), b)], [b, T.sub(b, 0.25)]] }, shared: [w, b] };
      }, [[], [], [], []], ARITH16);
    }
  });

  it('updates over several calls without reading back in between', async () => {
    const mk = () => {
      const w = T.shared(f16([5], 30), { name: 'w' });
      return { w, f: { updates: [[w, T.add(T.mul(w, 0.5), 1)]] } };
    };
    const c = mk(), g = mk();
    const cf = cpuFn([], [], c.f), gf = gpuFn([], [], g.f);
    for (let k = 0; k < 5; k++) { cf(); await gf(); }
    check(await g.w.getValueAsync(), c.w.getValue(), ARITH16, 'w');
  });

  it('setValue of odd lengths, shapes that grow and shrink, getValueAsync between calls', async () => {
    const mk = () => {
      const w = T.shared(f16([3], 31), { name: 'w' });
      return { w, inputs: [], outputs: [T.mul(w, 2), T.sum(w), w], options: { updates: [[w, T.add(w, 1)]] } };
    };
    const c = mk(), g = mk();
    const cf = cpuFn(c.inputs, c.outputs, c.options), gf = gpuFn(g.inputs, g.outputs, g.options);
    const values = [null, h16([7], 32), null, h16([1], 33), h16([5], 34), null, new NDArray('float16', [0]), h16([9], 35), h16([2], 36)];
    for (const [k, v] of values.entries()) {
      if (v) { c.w.setValue(v.copy()); g.w.setValue(v.copy()); }
      const want = list(cf()), got = list(await gf());
      got.forEach((o, i) => check(o, want[i]!, SUM16, `step ${k} output ${i}`));
      check(await g.w.getValueAsync(), c.w.getValue(), EXACT, `step ${k} w`);
    }
  });

  it('a shared variable whose shape changes by its update (growing by one each call)', async () => {
    await twin(() => {
      const w = T.shared(h16([3], 37), { name: 'w' });
      return { inputs: [], outputs: [w, T.subtensor(w, [T.slice(1)])], options: { updates: [[w, T.concatenate([w, T.mul(T.subtensor(w, [T.slice(0, 1)]), 2)])]] }, shared: [w] };
    }, [[], [], [], [], []], EXACT);
  });

  it('a shared variable shrinking by its update, with an input of odd length appended', async () => {
    await twin(() => {
      const w = T.shared(h16([9], 38), { name: 'w' }), x = vec('x');
      return { inputs: [x], outputs: [T.sum(w)], options: { updates: [[w, T.concatenate([T.subtensor(w, [T.slice(3)]), x])]] }, shared: [w] };
    }, [[h16([1], 1)], [h16([0], 2)], [h16([2], 3)], [h16([1], 4)]], EXACT);
  });

  it('an update to an input, to another shared value (swap) and to a view', async () => {
    await twin(() => {
      const a = T.shared(h16([5], 39), { name: 'a' }), b = T.shared(h16([5], 40), { name: 'b' }), m = T.shared(h16([3, 5], 41), { name: 'm' });
      const x = vec('x');
      return {
        inputs: [x], outputs: [a, b, x],
        options: { updates: [[a, b], [b, a], [m, T.reshape(T.concatenate([T.subtensor(T.flatten(m), [T.slice(5)]), x]), [3, 5])]] },
        shared: [a, b, m],
      };
    }, [[h16([5], 1)], [h16([5], 2)], [h16([5], 3)]], EXACT);
  });

  it('copy({ swap }) runs on another shared variable of another odd length', async () => {
    const mk = () => {
      const a = T.shared(h16([3], 42), { name: 'a' }), a2 = T.shared(h16([7], 43), { name: 'a2' });
      return { a, a2, outs: [T.mul(a, 2), a] as Variable[], upd: [[a, T.add(a, 0.5)]] };
    };
    const c = mk(), g = mk();
    const cf = cpuFn([], c.outs, { updates: c.upd }) as Fn & { copy(o: unknown): Fn };
    const gf = gpuFn([], g.outs, { updates: g.upd });
    const cs = cf.copy({ swap: [[c.a, c.a2]] }), gs = gf.copy({ swap: [[g.a, g.a2]] });
    for (let k = 0; k < 3; k++) {
      const order: [Fn, Fn][] = k % 2 ? [[cf, gf], [cs, gs]] : [[cs, gs], [cf, gf]];
      for (const [cc, gg] of order) {
        const want = list(cc()), got = list(await gg());
        got.forEach((o, i) => check(o, want[i]!, ARITH16, `call ${k} output ${i}`));
      }
      check(await g.a.getValueAsync(), c.a.getValue(), EXACT, `a after ${k}`);
      check(await g.a2.getValueAsync(), c.a2.getValue(), EXACT, `a2 after ${k}`);
    }
  });

  it('givens: an odd slice of a float16 shared variable stands for an input', async () => {
    const mk = () => {
      const data = T.shared(h16([7, 3], 44), { name: 'data' });
      const x = mat('x'), k = T.iscalar('k');
      return { data, inputs: [k], outputs: [T.sum(T.mul(x, 2), { axis: 0 }), x], options: { givens: [[x, T.subtensor(data, [T.slice(k, null, 2)])]], updates: [[data, T.add(data, 1)]] } };
    };
    const c = mk(), g = mk();
    const cf = cpuFn(c.inputs, c.outputs, c.options), gf = gpuFn(g.inputs, g.outputs, g.options);
    for (const k of [1, 0, 3, 6]) {
      const want = list(cf(k)), got = list(await gf(k));
      got.forEach((o, i) => check(o, want[i]!, SUM16, `k=${k} output ${i}`));
    }
    check(await g.data.getValueAsync(), c.data.getValue(), EXACT, 'data');
  });

  it('two functions sharing one float16 shared variable, called alternately', async () => {
    const mk = () => {
      const w = T.shared(f16([5], 45), { name: 'w' });
      const x = vec('x');
      return {
        w,
        f: [[x], [T.mul(w, x)], { updates: [[w, T.add(w, x)]] }] as const,
        g: [[], [w, T.sum(w)], { updates: [[w, T.concatenate([T.subtensor(w, [T.slice(1)]), T.subtensor(w, [T.slice(0, 1)])])]] }] as const,
      };
    };
    const c = mk(), d = mk();
    const cF = cpuFn(...c.f), cG = cpuFn(...c.g), gF = gpuFn(...d.f), gG = gpuFn(...d.g);
    const xs = f16([5], 46);
    for (let k = 0; k < 4; k++) {
      for (const [cc, gg, args] of [[cF, gF, [xs]], [cG, gG, []], [cG, gG, []]] as const) {
        const want = list(cc(...args)), got = list(await gg(...args));
        got.forEach((o, i) => check(o, want[i]!, SUM16, `round ${k} output ${i}`));
      }
    }
    check(await d.w.getValueAsync(), c.w.getValue(), ARITH16, 'w');
  });

  it('a shared variable returned directly and twice, with its update, and a 0-d one', async () => {
    await twin(() => {
      const w = T.shared(h16([3], 47), { name: 'w' }), s = T.shared(T.asarray(-0, { dtype: 'float16' }), { name: 's' });
      return { inputs: [], outputs: [w, s, w, T.neg(s)], options: { updates: [[w, T.neg(w)], [s, T.add(s, T.max(w))]] }, shared: [w, s] };
    }, [[], [], []], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: ifelse', () => {
  it('float16 branches of odd lengths, the condition an input or computed', async () => {
    const c = T.iscalar('c'), x = vec('x'), y = vec('y');
    const z = T.ifelse(c, T.mul(x, 2), T.concatenate([y, y]));
    const { f } = await agree16([c, x, y], [z, T.add(z, 1)], [1, f16([6], 1), f16([3], 2)], ARITH16);
    for (const cv of [0, 1, 0]) {
      const want = list(cpuFn([c, x, y], [z, T.add(z, 1)])(cv, f16([6], 3), f16([3], 4)));
      const got = list(await f(cv, f16([6], 3), f16([3], 4)));
      got.forEach((o, i) => check(o, want[i]!, ARITH16, `c=${cv} output ${i}`));
    }
    const w = T.ifelse(T.gt(T.sum(x), 0), [x, T.subtensor(x, [T.slice(1)])], [T.neg(x), T.subtensor(y, [T.slice(null, null, -1)])]) as Variable[];
    for (const seed of [5, 6, 7, 8]) await agree16([x, y], w, [h16([5], seed), h16([3], seed + 1)], EXACT);
  });

  it('ifelse between shared values and computed ones of odd lengths, as outputs and as updates', async () => {
    const mk = () => {
      const a = T.shared(h16([3], 50), { name: 'a' }), b = T.shared(h16([5], 51), { name: 'b' });
      const c = T.iscalar('c');
      const pick = T.ifelse(c, b, T.concatenate([a, T.subtensor(a, [T.slice(0, 2)])]));
      return { a, b, c, outs: [T.ifelse(c, a, T.subtensor(b, [T.slice(1, 4)])), pick], upd: [[a, pick], [b, T.ifelse(c, T.mul(b, 2), T.neg(b))]] };
    };
    const cp = mk(), gp = mk();
    const cf = cpuFn([cp.c], cp.outs, { updates: cp.upd }), gf = gpuFn([gp.c], gp.outs, { updates: gp.upd });
    for (const [k, cv] of [1, 0, 0, 1, 1, 0].entries()) {
      const want = list(cf(cv)), got = list(await gf(cv));
      got.forEach((o, i) => check(o, want[i]!, EXACT, `call ${k} (c=${cv}) output ${i}`));
      check(await gp.a.getValueAsync(), cp.a.getValue(), EXACT, `a after ${k}`);
      check(await gp.b.getValueAsync(), cp.b.getValue(), EXACT, `b after ${k}`);
    }
  });

  it('mixed float16 and int8 branches promote to float16', async () => {
    const c = T.iscalar('c'), x = vec('x'), b = T.tensor('int8', 1, 'b');
    for (const cv of [0, 1]) await agree16([c, x, b], [T.ifelse(c, x, b)], [cv, h16([3], 9), i8([3], 1)], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: scan over odd rows', () => {
  it('a state of odd row length over a sequence of odd rows, stacked and final', async () => {
    const x = mat('x'), h0 = vec('h0');
    for (const n of ODD) {
      const [hs] = T.scan({ fn: (xt: Variable, h: Variable) => T.add(T.mul(h, 0.5), xt), sequences: x, outputsInfo: h0 });
      const hv = hs as Variable;
      const { f } = await agree16([x, h0], [hv, T.subtensor(hv, [-1]), T.subtensor(hv, [T.slice(1)])], [f16([6, n], n), f16([n], n + 1)], ARITH16);
      await agree16([x, h0], [hv], [f16([6, n], n + 2), f16([n], n + 3)], ARITH16);
      // a second call of the same function reuses its records and buffers
      const want = list(cpuFn([x, h0], [hv, T.subtensor(hv, [-1]), T.subtensor(hv, [T.slice(1)])])(f16([4, n], 9), f16([n], 10)));
      const got = list(await f(f16([4, n], 9), f16([n], 10)));
      got.forEach((o, i) => check(o, want[i]!, ARITH16, `n=${n} again, output ${i}`));
    }
  });

  it('0-d float16 states and vector sequences (2-byte rows): cumulative sums, taps [-3, -1]', async () => {
    const x = vec('x'), s0 = T.tensor('float16', 0, 's0'), init = vec('init');
    const [cs] = T.scan({ fn: (xt: Variable, s: Variable) => T.add(s, xt), sequences: x, outputsInfo: s0 });
    await agree16([x, s0], [cs as Variable], [f16([7], 1), T.asarray(0.25, { dtype: 'float16' })], ARITH16);
    const [fib] = T.scan({ fn: (a: Variable, b: Variable) => T.add(T.mul(a, 0.5), b), outputsInfo: { initial: init, taps: [-3, -1] }, nSteps: 9 });
    await agree16([init], [fib as Variable], [f16([3], 2)], ARITH16);
    await agree16([init], [fib as Variable], [f16([4], 3)], ARITH16);
  });

  it('taps [-2, -1] on odd rows, with an odd-length initial block', async () => {
    const init = mat('init');
    for (const n of [1, 3, 5]) {
      const [ys] = T.scan({ fn: (a: Variable, b: Variable) => T.sub(b, T.mul(a, 0.25)), outputsInfo: { initial: init, taps: [-2, -1] }, nSteps: 7 });
      await agree16([init], [ys as Variable], [f16([3, n], n)], ARITH16);
    }
  });

  it('goBackwards, sequence taps and nSteps shorter than the sequence', async () => {
    const x = mat('x'), y = vec('y'), h0 = vec('h0');
    for (const n of [1, 3, 5]) {
      const [b] = T.scan({ fn: (xt: Variable, h: Variable) => T.add(T.mul(h, 0.75), xt), sequences: x, outputsInfo: h0, goBackwards: true, nSteps: 4 });
      await agree16([x, h0], [b as Variable], [f16([6, n], n + 3), f16([n], n + 4)], ARITH16);
      const [t] = T.scan({ fn: (p: Variable, c: Variable, nx: Variable) => T.add(T.sub(p, c), T.mul(nx, 0.5)), sequences: { input: x, taps: [-1, 0, 1] } });
      await agree16([x], [t as Variable], [f16([7, n], n + 5)], ARITH16);
    }
    const [v] = T.scan({ fn: (yt: Variable, s: Variable) => T.add(T.mul(s, 2), yt), sequences: y, outputsInfo: T.constant(0, { dtype: 'float16' }), goBackwards: true });
    await agree16([y], [v as Variable], [f16([5], 9)], ARITH16);
  });

  it('map outputs of odd rows beside a state, and a map only', async () => {
    const x = mat('x'), h0 = vec('h0');
    for (const n of [1, 3, 5]) {
      const [outs] = T.scan({
        fn: (xt: Variable, h: Variable) => { const hn = T.add(T.mul(h, 0.5), xt); return [hn, T.mul(xt, 2), T.sum(hn)]; },
        sequences: x, outputsInfo: [h0, null, null],
      });
      const [hs, m, e] = outs as Variable[];
      await agree16([x, h0], [hs!, m!, e!], [f16([5, n], n), f16([n], n + 1)], SUM16);
      const [only] = T.scan({ fn: (xt: Variable) => T.neg(xt), sequences: x });
      await agree16([x], [only as Variable], [h16([5, n], n + 2)], EXACT);
    }
  });

  it('a float16 shared variable carried through a scan, updated over calls', async () => {
    const mk = () => {
      const w = T.shared(f16([3], 60), { name: 'w' });
      const x = mat('x');
      const [ys, upd] = T.scan({ fn: (xt: Variable) => { const nw = T.add(T.mul(w, 0.5), xt); return [T.sum(nw), new Map([[w, nw]])] as const; }, sequences: x });
      return { w, x, ys: ys as Variable, upd };
    };
    const c = mk(), g = mk();
    const cf = cpuFn([c.x], c.ys, { updates: c.upd }), gf = gpuFn([g.x], g.ys, { updates: g.upd });
    // w's history is never read as a stack: the device keeps a ring of 2 padded rows
    const scan = gf.program.webgpu!.steps.find((st) => st.op === 'scan')!;
    expect(scan.op === 'scan' && scan.stacked.some((y) => y === null) && scan.finals.some((y) => y !== null)).toBe(true);
    for (let k = 0; k < 3; k++) {
      const xs = f16([5, 3], 61 + k);
      check(list(await gf(xs))[0]!, list(cf(xs))[0]!, SUM16, `call ${k}`);
      check(await g.w.getValueAsync(), c.w.getValue(), ARITH16, `w after ${k}`);
    }
  });

  it('only the last state read, taps [-3, -1] and [-1] over odd rows', async () => {
    const init = mat('init'), h0 = vec('h0'), x = mat('x');
    for (const n of [1, 3, 5]) {
      const [ys] = T.scan({ fn: (a: Variable, b: Variable) => T.sub(T.mul(b, 0.5), T.mul(a, 0.25)), outputsInfo: { initial: init, taps: [-3, -1] }, nSteps: 11 });
      await agree16([init], [T.subtensor(ys as Variable, [-1])], [f16([3, n], n)], ARITH16);
      const [hs] = T.scan({ fn: (xt: Variable, h: Variable) => T.add(T.mul(h, 0.5), xt), sequences: x, outputsInfo: h0 });
      await agree16([x, h0], [T.subtensor(hs as Variable, [-1])], [f16([9, n], n), f16([n], n + 1)], ARITH16);
    }
  });

  it('a float16 shared matrix of odd rows as the sequence and a shared vector as a non-sequence, both updated', async () => {
    const mk = () => {
      const seq = T.shared(f16([6, 3], 70), { name: 'seq' }), w = T.shared(f16([3], 71), { name: 'w' });
      const [hs] = T.scan({ fn: (r: Variable, h: Variable, ww: Variable) => T.add(T.mul(h, ww), r), sequences: seq, outputsInfo: T.zeros([3], { dtype: 'float16' }), nonSequences: w });
      const h = hs as Variable;
      return { seq, w, outs: [h], upd: [[seq, T.mul(seq, 0.5)], [w, T.subtensor(h, [-1])]] };
    };
    const c = mk(), g = mk();
    const cf = cpuFn([], c.outs, { updates: c.upd }), gf = gpuFn([], g.outs, { updates: g.upd });
    for (let k = 0; k < 3; k++) {
      check(list(await gf())[0]!, list(cf())[0]!, SUM16, `call ${k}`);
      check(await g.w.getValueAsync(), c.w.getValue(), SUM16, `w after ${k}`);
      check(await g.seq.getValueAsync(), c.seq.getValue(), EXACT, `seq after ${k}`);
    }
  });

  it('zero steps: empty stacks of odd rows and the initial state as the final one', async () => {
    const x = mat('x'), h0 = vec('h0'), k = T.iscalar('k');
    const [hs] = T.scan({ fn: (xt: Variable, h: Variable) => T.add(h, xt), sequences: x, outputsInfo: h0, nSteps: k });
    await agree16([x, h0, k], [hs as Variable], [f16([3, 5], 1), f16([5], 2), 0], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: sorting and arg-reductions with NaN and infinities', () => {
  const specials = T.asarray([NaN, 1, -Infinity, -0, 0, Infinity, -2, NaN, 2 ** -24, 65504, -0], { dtype: 'float16' });

  it('sort, argsort, argmax and argmin of odd vectors with NaN, ±inf and ±0', async () => {
    const x = vec('x');
    for (const v of [specials, T.asarray([Infinity, -Infinity, 3], { dtype: 'float16' }), T.asarray([NaN], { dtype: 'float16' }), h16([7], 70)]) {
      await agree16([x], [T.sort(x), T.argsort(x), T.argmax(x), T.argmin(x), T.max(x), T.min(x)], [v], EXACT);
    }
  });

  it('along both axes of an odd matrix and a long lane (the global network)', async () => {
    const x = mat('x');
    const m = h16([5, 7], 71);
    for (const axis of [0, 1]) await agree16([x], [T.sort(x, { axis }), T.argsort(x, { axis }), T.argmax(x, { axis }), T.argmin(x, { axis })], [m], EXACT);
    await agree16([x], [T.sort(x, { axis: 1 }), T.argmax(x, { axis: 1 })], [h16([3, 3001], 72)], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: random draws of odd sizes', () => {
  const opts = { noDefaultUpdates: true };
  it('uniform draws are bit-identical; normal draws close', async () => {
    for (const shape of [[1], [3], [7], [3, 5], [5, 1, 3]]) {
      const u = new T.RandomStreams(shape.length * 10 + shape[0]!).uniform(shape, -2, 3, { dtype: 'float16' });
      const want = cpuFn([], u, opts)() as NDArray, got = (await gpuFn([], u, opts)()) as NDArray;
      check(got, want, EXACT, `uniform ${shape}`);
      const z = new T.RandomStreams(shape[0]!).normal(shape, 1, 2, { dtype: 'float16' });
      const wz = cpuFn([], z, opts)() as NDArray, gz = (await gpuFn([], [z, T.mul(z, 2)], opts)()) as NDArray[];
      check(gz[0]!, wz, { atol: 4e-3, rtol: 4e-3 }, `normal ${shape}`);
      expectBinary16(gz[1]!, 'twice the draw');
    }
  });

  it('draws advancing their state over calls, of odd size, next to a computed value', async () => {
    const mk = () => new T.RandomStreams(5).uniform([5], 0, 1, { dtype: 'float16' });
    const x = vec('x');
    const cu = mk(), gu = mk();
    const cf = cpuFn([x], [cu, T.add(x, cu)]), gf = gpuFn([x], [gu, T.add(x, gu)]);
    for (let k = 0; k < 3; k++) {
      const xs = f16([5], k);
      const want = list(cf(xs)), got = list(await gf(xs));
      got.forEach((o, i) => check(o, want[i]!, EXACT, `call ${k} output ${i}`));
    }
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: large odd arrays (two-pass reductions)', () => {
  it('70 001 elements: sum, max, argmax, mean, elementwise and slices', async () => {
    const x = vec('x');
    const xs = f16([70001], 80);
    for (let i = 0; i < xs.size; i++) xs.data[i] = roundF16(xs.data[i]! / 64);
    xs.data[69999] = 7.5;
    await agree16([x], [T.max(x), T.argmax(x), T.min(x), T.argmin(x)], [xs], EXACT);
    await agree16([x], [T.sum(x), T.mean(x), T.sum(T.abs(x))], [xs], SUM16);
    await agree16([x], [T.mul(x, 2), T.subtensor(x, [T.slice(1, null, 2)]), T.subtensor(x, [T.slice(null, null, -1)]), T.concatenate([x, T.subtensor(x, [T.slice(0, 3)])])], [xs], EXACT);
  });

  it('a matrix of 70 001 x 1 and 1 x 70 001: reductions over each axis', async () => {
    const x = mat('x');
    const xs = f16([70001], 81);
    for (let i = 0; i < xs.size; i++) xs.data[i] = roundF16(xs.data[i]! / 64);
    for (const shape of [[70001, 1], [1, 70001]]) {
      const m = xs.reshape(shape);
      await agree16([x], [T.sum(x, { axis: 0 }), T.sum(x, { axis: 1 }), T.max(x, { axis: 0 }), T.argmax(x, { axis: 1 })], [m], SUM16);
    }
  });

  it('a set_subtensor and an inc_subtensor into 70 001 elements at an odd offset', async () => {
    const x = vec('x'), y = vec('y');
    await agree16([x, y], [T.set_subtensor(T.subtensor(x, [T.slice(33333, 33336)]), y), T.inc_subtensor(T.subtensor(x, [T.slice(70000)]), T.subtensor(y, [T.slice(0, 1)]))],
      [f16([70001], 82), f16([3], 83)], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: half copies in numbers, nesting and host reads', () => {
  it('a tap 300 steps back over odd rows: more half copies in one call than one record buffer holds', async () => {
    const init = mat('init');
    const [ys] = T.scan({ fn: (a: Variable, b: Variable) => T.add(T.mul(a, 0.5), T.mul(b, 0.25)), outputsInfo: { initial: init, taps: [-300, -1] }, nSteps: 320 });
    for (const n of [3, 1]) {
      const { f } = await agree16([init], [ys as Variable], [f16([300, n], n)], ARITH16);
      if (f.stats().float16 === 'packed') expect(f.stats().halfCopies).toBeGreaterThan(256);
      // again, with other values: records are reused, not rewritten out of order
      const want = list(cpuFn([init], [ys as Variable])(f16([300, n], n + 1)));
      const got = list(await f(f16([300, n], n + 1)));
      got.forEach((o, i) => check(o, want[i]!, ARITH16, `again, output ${i}`));
    }
  });

  it('a scan inside a scan over odd float16 rows', async () => {
    const m = T.tensor('float16', 3, 'm');
    const [outer] = T.scan({
      fn: (block: Variable) => {
        const [inner] = T.scan({ fn: (row: Variable, acc: Variable) => T.add(T.mul(acc, 0.5), row), sequences: block, outputsInfo: T.subtensor(block, [0]) });
        return inner as Variable;
      },
      sequences: m,
    });
    for (const shape of [[3, 5, 3], [2, 3, 1], [4, 1, 5]]) await agree16([m], [outer as Variable], [f16(shape, shape[2]!)], ARITH16);
  });

  it('several scans in one function, with odd rows of different lengths', async () => {
    const x = mat('x'), y = mat('y'), v = vec('v');
    const [a] = T.scan({ fn: (r: Variable, h: Variable) => T.add(h, r), sequences: x, outputsInfo: T.subtensor(x, [0]) });
    const [b] = T.scan({ fn: (r: Variable, h: Variable) => T.sub(h, r), sequences: y, outputsInfo: T.subtensor(y, [-1]), goBackwards: true });
    const [c] = T.scan({ fn: (e: Variable, h: Variable) => T.add(T.mul(h, 0.5), e), sequences: v, outputsInfo: T.constant(1, { dtype: 'float16' }) });
    await agree16([x, y, v], [a as Variable, b as Variable, c as Variable, T.concatenate([T.flatten(a as Variable), c as Variable])], [f16([5, 3], 1), f16([3, 7], 2), f16([9], 3)], ARITH16);
  });

  it('a scan on the host (a draw per step) over odd float16 rows read back from the device', async () => {
    const x = mat('x');
    const rs = new T.RandomStreams(3);
    const [ys, upd] = T.scan({ fn: (r: Variable) => T.add(r, rs.uniform([3], 0, 1, { dtype: 'float16' })), sequences: T.mul(x, 2) });
    const [zs] = [T.mul(ys as Variable, 3)];
    const f = gpuFn([x], [ys as Variable, zs], { updates: upd });
    expect(f.program.webgpu!.steps.some((s) => s.op === 'host')).toBe(true);
    const rs2 = new T.RandomStreams(3);
    const [ys2, upd2] = T.scan({ fn: (r: Variable) => T.add(r, rs2.uniform([3], 0, 1, { dtype: 'float16' })), sequences: T.mul(x, 2) });
    const cf = cpuFn([x], [ys2 as Variable, T.mul(ys2 as Variable, 3)], { updates: upd2 });
    for (let k = 0; k < 2; k++) {
      const xs = f16([5, 3], k);
      const want = list(cf(xs)), got = list(await f(xs));
      got.forEach((o, i) => check(o, want[i]!, ARITH16, `call ${k} output ${i}`));
    }
  });

  it('float16 values the host reads mid-call: a 0-d slice bound, a reshape target, an ifelse condition', async () => {
    const x = vec('x'), s = T.tensor('float16', 0, 's');
    const k = T.cast(T.mul(s, 2), 'int32');
    await agree16([x, s], [T.subtensor(x, [T.slice(k)]), T.subtensor(T.mul(x, 2), [T.slice(null, k)])], [h16([7], 1), T.asarray(1.5, { dtype: 'float16' })], EXACT);
    const n = T.cast(T.sum(T.subtensor(T.mul(x, 1), [T.slice(0, 1)])), 'int32');
    await agree16([x], [T.reshape(x, T.stack([n, -1]))], [T.asarray([3, 1, 2, 3, 4, 5, 6, 7, 8], { dtype: 'float16' })], EXACT);
    const z = T.ifelse(T.gt(T.sum(x), 0), T.mul(x, 2), T.neg(x));
    for (const seed of [1, 2, 3, 4]) await agree16([x], [z], [f16([5], seed)], ARITH16);
  });

});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: constants and casts at the edges', () => {
  it('inexact and overflowing constants next to float16 arrays', async () => {
    const x = vec('x');
    await agree16([x], [T.mul(x, 0.1), T.add(x, 1 / 3), T.mul(x, 1e5), T.add(x, 65519), T.add(x, 65520), T.mul(x, 1e-8), T.sub(x, 2049)], [f16([5], 1)], ARITH16);
  });

  it('casts from every dtype into odd float16 arrays, and back', async () => {
    for (const d of ['bool', 'int8', 'uint8', 'int16', 'int32', 'uint32', 'float32'] as const) {
      const v = T.tensor(d, 1, 'v');
      const a = new NDArray(d, [5]);
      const vals = [0, 1, 127, 70000, 2049, 65519, -3, 4097.5];
      for (let i = 0; i < 5; i++) a.data[i] = vals[(i * 3 + d.length) % vals.length]!;
      const fixed = T.asarray(Array.from(a.astype(d).data), { dtype: d });
      await agree16([v], [T.cast(v, 'float16'), T.add(T.cast(v, 'float16'), T.cast(v, 'float16'))], [fixed], EXACT);
    }
    const x = vec('x');
    await agree16([x], [T.cast(x, 'int8'), T.cast(x, 'uint8'), T.cast(x, 'int32'), T.cast(x, 'bool'), T.cast(x, 'float32')], [T.asarray([1.5, -2.5, 300, -0, 2 ** -24], { dtype: 'float16' })], EXACT);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: creation and products of odd shapes', () => {
  it('constants, alloc, zeros, eye and arange of odd sizes', async () => {
    const s = T.tensor('float16', 0, 's'), x = vec('x');
    const c5 = T.constant(h16([5], 90), { dtype: 'float16' });
    await agree16([s, x], [
      c5, T.add(c5, x), T.alloc(s, [3, 5]), T.alloc(s, [1]), T.zeros([7], { dtype: 'float16' }), T.ones([3, 3], { dtype: 'float16' }),
      T.eye(3, 5, { k: 1, dtype: 'float16' }), T.arange(0.5, 3.25, 0.5, { dtype: 'float16' }), T.concatenate([c5, T.constant(h16([1], 91), { dtype: 'float16' })]),
    ], [T.asarray(-0.3, { dtype: 'float16' }), f16([5], 92)], ARITH16);
  });

  it('dot, batched_dot and tensordot of odd float16 shapes', async () => {
    const a = mat('a'), b = mat('b'), v = vec('v'), A = T.tensor('float16', 3, 'A'), B = T.tensor('float16', 3, 'B');
    await agree16([a, b, v], [T.dot(a, b), T.dot(a, v), T.dot(v, b), T.dot(T.transpose(b), T.transpose(a))], [f16([3, 5], 1), f16([5, 7], 2), f16([5], 3)], SUM16);
    await agree16([A, B], [T.batched_dot(A, B), T.tensordot(A, B, { axes: [[0, 2], [0, 1]] }), T.tensordot(A, B, { axes: [[2], [1]] })], [f16([3, 5, 7], 4), f16([3, 7, 1], 5)], SUM16);
  });

  it('gradients through odd shapes and offset copies (concatenate, subtensor, scan)', async () => {
    const x = vec('x'), w = mat('w');
    const y = T.concatenate([T.subtensor(x, [T.slice(1)]), T.mul(T.subtensor(x, [T.slice(null, 2)]), 2)]);
    const [hs] = T.scan({ fn: (r: Variable, h: Variable) => T.tanh(T.add(T.mul(h, 0.5), r)), sequences: w, outputsInfo: x });
    const cost = T.add(T.sum(T.sqr(y)), T.sum(hs as Variable));
    const grads = T.grad(cost, [x, w]) as Variable[];
    await agree16([x, w], grads, [f16([3], 1), f16([5, 3], 2)], SUM16);
  });
});

describe.skipIf(!hasGpu)('float16 edges on WebGPU: NaN in comparisons, truth values and tanh', () => {
  // drivers may compile a float's != as if no operand were NaN: SwiftShader and lavapipe made
  // NaN != x false, a NaN cast to bool false and tanh(NaN) -1 (clamp turned NaN into a bound)
  const x = vec('x'), y = vec('y');
  const xs = T.asarray([NaN, 0, 1, NaN, -0, Infinity, NaN], { dtype: 'float16' }), ys = T.asarray([0, NaN, 1, NaN, 0, Infinity, -Infinity], { dtype: 'float16' });

  it('NaN is unequal to everything, itself included; equal and ordered comparisons stay false', async () => {
    const { got } = await agree16([x, y], [T.neq(x, y), T.neq(x, 0), T.neq(y, x), T.eq(x, y), T.lt(x, y), T.ge(x, y), T.neq(x, x)], [xs, ys], EXACT);
    expect(Array.from(got[0]!.data)).toEqual([1, 1, 0, 1, 0, 0, 1]);
    expect(Array.from(got[6]!.data)).toEqual([1, 0, 0, 1, 0, 0, 1]);
  });

  it('NaN is true as a bool (casts, any, all), -0 false; tanh(NaN) is NaN', async () => {
    const { got } = await agree16([x], [T.cast(x, 'bool'), T.any(T.subtensor(x, [T.slice(0, 2)])), T.all(x), T.all(T.subtensor(x, [[0, 2, 3, 5]])), T.cast(T.mul(x, 2), 'bool')], [xs], EXACT);
    expect(Array.from(got[0]!.data)).toEqual([1, 0, 1, 1, 0, 1, 1]);
    expect(got[3]!.data[0]).toBe(1);
    // (SwiftShader's tanh(-0) is +0: compared within a tolerance, which still wants NaN for NaN)
    const [th] = (await agree16([x], [T.tanh(x)], [xs], ARITH16)).got;
    expect(Number.isNaN(th!.data[0]!)).toBe(true);
  });

  it('switch with a NaN condition takes the first branch, as numpy.where (and the CPU)', async () => {
    const got = (await gpuFn([x], T.switch(x, 1, 2))(xs)) as NDArray;
    expect(Array.from(got.data)).toEqual([1, 2, 1, 1, 2, 1, 1]);
    expect(Array.from((T.fn([x], T.switch(x, 1, 2))(xs) as NDArray).data)).toEqual([1, 2, 1, 1, 2, 1, 1]);
  });
});
