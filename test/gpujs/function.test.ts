// Theano's function semantics on GPU.js (cpu mode in Node): updates from pre-call values
// applied together, state kept on the GPU.js side between calls and read back when asked,
// atomic failures, givens, copies; and the float64 policy's compile errors.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import { GpuJsValue } from '../../runtime/gpujs/shared-state.ts';

const f32 = (v: unknown) => T.asarray(v as never, { dtype: 'float32' });
const gj = (inputs: unknown[], outputs?: unknown, options: Record<string, unknown> = {}) =>
  (T.fn as unknown as (...a: unknown[]) => GpuJsFunction)(inputs, outputs, { ...options, backend: 'gpujs' });
const value = (r: unknown) => (r as NDArray).toArray();

describe('GPU.js function semantics', () => {
  it('runs in cpu mode in Node and returns Promises', async () => {
    const x = T.fvector('x');
    const f = gj([x], T.mul(x, 2));
    const p = f([1, 2]);
    expect(p).toBeInstanceOf(Promise);
    expect(value(await p)).toEqual([2, 4]);
    expect(f.stats().mode).toBe('cpu');
    expect(f.program.gpujs?.kernels.length).toBeGreaterThan(0);
    expect(f.program.cpu).toBeUndefined();
  });

  it('updates read pre-call values and apply together (swap)', async () => {
    const a = T.shared(f32([1, 2]), { name: 'a' });
    const b = T.shared(f32([10, 20]), { name: 'b' });
    const f = gj([], [T.add(a, b)], { updates: [[a, b], [b, a]] });
    expect(value(((await f()) as NDArray[])[0])).toEqual([11, 22]);
    expect(a.getValue().toArray()).toEqual([10, 20]);
    expect(b.getValue().toArray()).toEqual([1, 2]);
    await f();
    expect([a.getValue().toArray(), b.getValue().toArray()]).toEqual([[1, 2], [10, 20]]);
  });

  it('state stays on the GPU.js side between calls and is read back synchronously when asked', async () => {
    const w = T.shared(f32([1, 2, 3]), { name: 'w' });
    const f = gj([], w, { updates: [[w, T.mul(w, 2)]] });
    expect(value(await f())).toEqual([1, 2, 3]);
    expect(value(await f())).toEqual([2, 4, 6]);
    const m = (w as unknown as { container: { mirror: unknown } }).container.mirror as GpuJsValue;
    expect(m).toBeInstanceOf(GpuJsValue);
    expect(m.newer).toBe(true);
    expect(w.getValue().toArray()).toEqual([4, 8, 12]);
    expect(m.newer).toBe(false);
    expect((await w.getValueAsync()).toArray()).toEqual([4, 8, 12]);
  });

  it('a CPU function and a GPU.js function share state both ways', async () => {
    const w = T.shared(f32([1, 1]), { name: 'w' });
    const g = gj([], [], { updates: [[w, T.add(w, 1)]] });
    const cpu = T.fn([], [], { updates: [[w, T.mul(w, 10)]] });
    await g();
    cpu();
    await g();
    expect(w.getValue().toArray()).toEqual([21, 21]);
    w.setValue(f32([5, 6]));
    await g();
    expect(w.getValue().toArray()).toEqual([6, 7]);
  });

  it('calls run in order even when not awaited one by one', async () => {
    const c = T.shared(T.asarray(0, { dtype: 'int32' }), { name: 'count' });
    const f = gj([], c, { updates: [[c, T.add(c, 1)]] });
    const seen = await Promise.all(Array.from({ length: 20 }, () => f()));
    expect(seen.map(value)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(c.getValue().toArray()).toBe(20);
  });

  it('a call that throws changes no shared value', async () => {
    const w = T.shared(f32([[1, 2, 3], [4, 5, 6]]), { name: 'w' });
    const c = T.shared(T.asarray(0, { dtype: 'int32' }), { name: 'count' });
    const x = T.fmatrix('x');
    const f = gj([x], T.dot(x, w), { updates: [[c, T.add(c, 1)], [w, T.mul(w, 2)]] });
    await expect(f([[1, 2, 3], [4, 5, 6]])).rejects.toThrow(/dot: shapes \(2, 3\) and \(2, 3\) not aligned/);
    expect(c.getValue().toArray()).toBe(0);
    expect(value(await f([[1, 0]]))).toEqual([[1, 2, 3]]);
    expect(c.getValue().toArray()).toBe(1);
    expect(w.getValue().toArray()).toEqual([[2, 4, 6], [8, 10, 12]]);
  });

  it('an out-of-bounds index is found on the host before a kernel reads it', async () => {
    const v = T.shared(f32([1, 2, 3, 4, 5]), { name: 'v' });
    const i = T.ivector('i');
    const f = gj([i], T.subtensor(v, [i]), { updates: [[v, T.inc_subtensor(T.subtensor(v, [i]), 1)]] });
    await expect(f([0, 7])).rejects.toThrow(/index 7 is out of bounds for axis 0 with size 5/);
    expect(v.getValue().toArray()).toEqual([1, 2, 3, 4, 5]);
    expect(value(await f([4, -5, 4]))).toEqual([5, 1, 5]);
    expect(v.getValue().toArray()).toEqual([2, 2, 3, 4, 7]);
  });

  it('givens, keywords and defaults', async () => {
    const data = T.shared(f32([[1, 2], [3, 4], [5, 6]]), { name: 'data' });
    const x = T.fmatrix('x');
    const k = T.iscalar('k');
    const s = T.fscalar('s');
    const f = gj([k, T.In(s, { value: 2, name: 'scale' })], T.mul(T.sum(x, { axis: 0 }), s), { givens: [[x, T.subtensor(data, [T.slice(k)])]] });
    expect(value(await f(1))).toEqual([16, 20]);
    expect(value(await f(2, { scale: 1 }))).toEqual([5, 6]);
    await expect(f(1, { nope: 1 })).rejects.toThrow(/unknown keyword argument 'nope'/);
    await expect(f()).rejects.toThrow(/missing argument for input 0 \('k'\)/);
  });

  it('copy swaps shared variables and can drop updates', async () => {
    const a = T.shared(f32([1]), { name: 'a' });
    const a2 = T.shared(f32([100]), { name: 'a2' });
    const f = gj([], a, { updates: [[a, T.add(a, 1)]] });
    expect(value(await f.copy({ swap: [[a, a2]] })())).toEqual([100]);
    expect([a.getValue().toArray(), a2.getValue().toArray()]).toEqual([[1], [101]]);
    await f.copy({ deleteUpdates: true })();
    expect(a.getValue().toArray()).toEqual([1]);
  });

  it('results are fresh arrays the caller owns; updates never alias inputs', async () => {
    const b = T.shared(f32([3, 4]), { name: 'b' });
    const x = T.fvector('x');
    const f = gj([x], [x, T.shape(x)], { updates: [[b, x]] });
    const input = f32([1, 2]);
    const [y, s] = (await f(input)) as NDArray[];
    expect(y!.data).not.toBe(input.data);
    expect([s!.dtype, s!.toArray()]).toEqual(['int64', [2]]);
    input.data[0] = 70;
    expect(b.getValue().toArray()).toEqual([1, 2]);
  });

  it('a value read by several elementwise kernels joins them into one kernel map', async () => {
    const x = T.fvector('x'), y = T.fvector('y');
    const z = T.tensor`exp(${x}) + 1`;
    const f = gj([x, y], [T.tensor`${z} > 2`, T.tensor`${z} * ${y}`, T.sum(z), T.tensor`-${z}`]);
    const steps = f.program.gpujs!.steps.filter((s) => s.op === 'elemwise');
    expect(steps).toHaveLength(1);
    expect(steps[0]!.op === 'elemwise' && steps[0]!.more.length).toBe(3);
    expect(f.program.gpujs!.kernels.find((k) => k.maps)?.maps).toHaveLength(3);
    const [gt, zy, sum, neg] = (await f([0, 1], [2, 3])) as NDArray[];
    const e = Math.E + 1;
    expect(gt!.toArray()).toEqual([false, true]);
    expect(zy!.data[0]).toBeCloseTo(4);
    expect(zy!.data[1]).toBeCloseTo(3 * e, 5);
    expect(sum!.data[0]).toBeCloseTo(2 + e, 5);
    expect(neg!.data[1]).toBeCloseTo(-e, 5);
  });

  it('integers are exact up to 2^24', async () => {
    const i = T.ivector('i');
    const f = gj([i], [T.add(i, 1), T.int_div(i, 3), T.mod(i, 7)]);
    const big = 2 ** 24 - 2;
    const r = (await f([big, -big, 12345])) as NDArray[];
    expect(r.map((a) => a.toArray())).toEqual([[big + 1, -big + 1, 12346], [Math.floor(big / 3), Math.floor(-big / 3), 4115], [big % 7, ((-big % 7) + 7) % 7, 12345 % 7]]);
  });
});

describe('the GPU.js dtype policy', () => {
  it('a float64 input is a compile error naming it, suggesting floatX=float32', () => {
    const x = T.dvector('x');
    expect(() => gj([x], T.exp(x))).toThrow(/gpujs: input 'x' is float64; GPU.js computes in float32 only — use float32 \(T\.config\.floatX = 'float32'/);
  });

  it('a float64 intermediate is named by the op computing it, with the template location', () => {
    const i = T.ivector('i');
    expect(() => gj([i], T.tensor`exp(${i}) * 2`)).toThrow(/gpujs: the result of exp \(TensorType\(float64, vector\)\) is float64; [^]*\n.*exp\(.*\n *\^/);
  });

  it('float64 shape arithmetic on the host is fine', async () => {
    const x = T.fvector('x');
    const f = gj([x], T.true_div(T.sum(x), T.cast(T.subtensor(T.shape(x), 0), 'float32')));
    expect(value(await f([1, 2, 3]))).toBeCloseTo(2);
  });

  it('scan and ifelse are refused with a clear error', () => {
    const c = T.iscalar('c');
    const x = T.fvector('x');
    expect(() => gj([c, x], T.ifelse(c, x, T.mul(x, 2)))).toThrow(/gpujs: ifelse is not supported on the GPU.js backend yet/);
    const [sums] = T.scan({ fn: (xt: T.Variable, prev: T.Variable) => T.add(prev, xt), sequences: x, outputsInfo: T.constant(0, { dtype: 'float32' }) });
    expect(() => gj([x], sums)).toThrow(/gpujs: scan is not supported on the GPU.js backend yet/);
  });
});
