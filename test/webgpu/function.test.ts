// Theano's function semantics on WebGPU: updates from pre-call values applied together on the
// device, calls in order, atomic failures, givens, copies, and shared values read back only
// when asked for.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { gpuContext } from '../../runtime/webgpu/context.ts';

const f32 = (v: unknown) => T.asarray(v as never, { dtype: 'float32' });
const read = async (s: { getValueAsync(): Promise<NDArray> }) => (await s.getValueAsync()).toArray();

describe.skipIf(!hasGpu)('WebGPU function semantics', () => {
  it('updates read pre-call values and apply together (swap)', async () => {
    const a = T.shared(f32([1, 2]), { name: 'a' });
    const b = T.shared(f32([10, 20]), { name: 'b' });
    const f = gpuFn([], [T.add(a, b)], { updates: [[a, b], [b, a]] });
    const [s] = (await f()) as NDArray[];
    expect(s!.toArray()).toEqual([11, 22]);
    expect(await read(a)).toEqual([10, 20]);
    expect(await read(b)).toEqual([1, 2]);
    await f();
    expect(await read(a)).toEqual([1, 2]);
    expect(await read(b)).toEqual([10, 20]);
  });

  it('outputs see the value before the update; a stale host read is refused', async () => {
    const w = T.shared(f32([1, 2, 3]), { name: 'w' });
    const f = gpuFn([], w, { updates: [[w, T.mul(w, 2)]] });
    expect(((await f()) as NDArray).toArray()).toEqual([1, 2, 3]);
    expect(() => w.getValue()).toThrow(/shared variable 'w': its newest value is on the WebGPU device.*getValueAsync/);
    expect(((await f()) as NDArray).toArray()).toEqual([2, 4, 6]);
    expect(await read(w)).toEqual([4, 8, 12]);
    // once read back, the host value is current again
    expect(w.getValue().toArray()).toEqual([4, 8, 12]);
  });

  it('a value borrowed on the host and changed in place is what the next call sees', async () => {
    const w = T.shared(f32([1, 2]), { name: 'w' });
    const f = gpuFn([], T.mul(w, 10));
    expect(((await f()) as NDArray).toArray()).toEqual([10, 20]);
    w.getValue({ borrow: true }).data[0] = 5;
    expect(((await f()) as NDArray).toArray()).toEqual([50, 20]);
  });

  it('calls run in order even when not awaited one by one', async () => {
    const c = T.shared(T.asarray(0, { dtype: 'int32' }), { name: 'count' });
    const f = gpuFn([], c, { updates: [[c, T.add(c, 1)]] });
    const seen = await Promise.all(Array.from({ length: 20 }, () => f()));
    expect(seen.map((r) => (r as NDArray).toArray())).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await read(c)).toBe(20);
  });

  it('setValue between calls is uploaded; a CPU function sees device updates after a read', async () => {
    const w = T.shared(f32([1, 1]), { name: 'w' });
    const g = gpuFn([], [], { updates: [[w, T.add(w, 1)]] });
    const cpu = T.fn([], T.mul(w, 10));
    await g();
    expect(() => cpu()).toThrow(/newest value is on the WebGPU device/);
    await w.getValueAsync();
    expect((cpu() as NDArray).toArray()).toEqual([20, 20]);
    w.setValue(f32([5, 6]));
    await g();
    expect(await read(w)).toEqual([6, 7]);
    const cpuUpdate = T.fn([], [], { updates: [[w, T.mul(w, 2)]] });
    cpuUpdate();
    await g();
    expect(await read(w)).toEqual([13, 15]);
  });

  it('a call that throws changes no shared value (shape error on the host)', async () => {
    const w = T.shared(f32([[1, 2, 3], [4, 5, 6]]), { name: 'w' });
    const c = T.shared(T.asarray(0, { dtype: 'int32' }), { name: 'count' });
    const x = T.fmatrix('x');
    const f = gpuFn([x], T.dot(x, w), { updates: [[c, T.add(c, 1)], [w, T.mul(w, 2)]] });
    await expect(f([[1, 2, 3], [4, 5, 6]])).rejects.toThrow(/dot: shapes \(2, 3\) and \(2, 3\) not aligned: 3 \(dim 1\) != 2 \(dim 0\)/);
    expect(await read(c)).toBe(0);
    expect(await read(w)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(((await f([[1, 0]])) as NDArray).toArray()).toEqual([[1, 2, 3]]);
    expect(await read(c)).toBe(1);
  });

  it('an out-of-bounds index found on the device fails the call and changes nothing', async () => {
    const v = T.shared(f32([1, 2, 3, 4, 5]), { name: 'v' });
    const i = T.ivector('i');
    const f = gpuFn([i], T.subtensor(v, [i]), { updates: [[v, T.inc_subtensor(T.subtensor(v, [i]), 1)]] });
    await expect(f([0, 7])).rejects.toThrow(/index 7 is out of bounds for axis 0 with size 5/);
    expect(await read(v)).toEqual([1, 2, 3, 4, 5]);
    expect(((await f([4, -5, 4])) as NDArray).toArray()).toEqual([5, 1, 5]);
    expect(await read(v)).toEqual([2, 2, 3, 4, 7]);
  });

  it('givens, keywords and defaults', async () => {
    const data = T.shared(f32([[1, 2], [3, 4], [5, 6]]), { name: 'data' });
    const x = T.fmatrix('x');
    const k = T.iscalar('k');
    const s = T.fscalar('s');
    const f = gpuFn([k, T.In(s, { value: 2, name: 'scale' })], T.mul(T.sum(x, { axis: 0 }), s), { givens: [[x, T.subtensor(data, [T.slice(k)])]] });
    expect(((await f(1)) as NDArray).toArray()).toEqual([16, 20]);
    expect(((await f(2, { scale: 1 })) as NDArray).toArray()).toEqual([5, 6]);
    await expect(f(1, { nope: 1 })).rejects.toThrow(/unknown keyword argument 'nope'/);
    await expect(f()).rejects.toThrow(/missing argument for input 0 \('k'\)/);
  });

  it('copy swaps shared variables and can drop updates', async () => {
    const a = T.shared(f32([1]), { name: 'a' });
    const a2 = T.shared(f32([100]), { name: 'a2' });
    const f = gpuFn([], a, { updates: [[a, T.add(a, 1)]] });
    const g = f.copy({ swap: [[a, a2]] });
    expect(((await g()) as NDArray).toArray()).toEqual([100]);
    expect(await read(a2)).toEqual([101]);
    expect(await read(a)).toEqual([1]);
    const h = f.copy({ deleteUpdates: true });
    await h();
    expect(await read(a)).toEqual([1]);
  });

  it('updates with host values, aliases of other state, and inputs', async () => {
    const a = T.shared(f32([1, 2]), { name: 'a' });
    const b = T.shared(f32([3, 4]), { name: 'b' });
    const x = T.fvector('x');
    const f = gpuFn([x], [], { updates: [[a, b], [b, x]] });
    const input = f32([7, 8]);
    await f(input);
    expect(await read(a)).toEqual([3, 4]);
    expect(await read(b)).toEqual([7, 8]);
    input.data[0] = 70;
    expect(await read(b)).toEqual([7, 8]);
  });

  it('results are fresh arrays the caller owns', async () => {
    const x = T.fvector('x');
    const f = gpuFn([x], [x, T.shape(x)]);
    const input = f32([1, 2]);
    const [y, s] = (await f(input)) as NDArray[];
    expect(y!.data).not.toBe(input.data);
    expect(s!.toArray()).toEqual([2]);
    expect(s!.dtype).toBe('int64');
  });
});

describe.skipIf(!hasGpu)('WebGPU dtype policy at run time', () => {
  it('int64 indices and counts run in 32 bits', async () => {
    const i = T.ivector('i');
    const x = T.fvector('x');
    const f = gpuFn([x, i], [T.argmax(x), T.sum(T.gt(x, 0)), T.sum(i, { dtype: 'int32' })]);
    const [am, count, s] = (await f([1, 5, 2], [1, 2, 3])) as NDArray[];
    expect([am!.dtype, am!.toArray(), count!.toArray(), s!.toArray()]).toEqual(['int64', 1, 3, 6]);
  });

  it('int64 inputs are range-checked where they enter the device', async () => {
    const x = T.fvector('x');
    const l = T.lvector('l');
    const f = gpuFn([x, l], T.subtensor(x, [l]));
    expect(((await f([1, 2, 3], [2, 0])) as NDArray).toArray()).toEqual([3, 1]);
    await expect(f([1, 2, 3], [2 ** 40])).rejects.toThrow(/int64 value 1099511627776 does not fit in 32 bits/);
  });
});

describe.skipIf(!hasGpu)('choosing the backend', () => {
  it("backend: 'webgpu' and T.config.device = 'webgpu' both compile to WGSL and return Promises", async () => {
    const x = T.fvector('x');
    const f = T.fn([x], T.mul(x, 2), { backend: 'webgpu' });
    const p = f([1, 2]);
    expect(p).toBeInstanceOf(Promise);
    expect((await p).toArray()).toEqual([2, 4]);
    expect(f.program.webgpu?.kernels.length).toBeGreaterThan(0);
    expect(f.program.cpu).toBeUndefined();
    const saved = T.config.device;
    T.config.device = 'webgpu';
    try {
      const g = T.fn([x], T.add(x, 1));
      expect(((await (g([1]) as unknown as Promise<NDArray>))).toArray()).toEqual([2]);
    } finally {
      T.config.device = saved;
    }
  });
});

describe.skipIf(!hasGpu)('WebGPU errors', () => {
  it('a kernel that does not compile is reported with WGSL\'s message', async () => {
    const ctx = await gpuContext();
    await expect(ctx.pipelinesFor([{ name: 'broken', source: 'fn main() { let x: f64 = 1.0; }', ops: ['test'] }]))
      .rejects.toThrow(/webgpu: kernel 'broken' \(test\) failed to compile: [^]*f64/);
  });

  it('a WebGPU validation error fails the call with its message; the next call works', async () => {
    const n = T.iscalar('n');
    const f = gpuFn([n], T.sum(T.alloc(T.constant(1, { dtype: 'float32' }), [n])));
    await expect(f(300_000_000)).rejects.toThrow(/webgpu: function call failed: .*(size|memory)/i);
    expect(((await f(10)) as NDArray).toArray()).toBe(10);
  });
});

describe.skipIf(!hasGpu)('random streams on WebGPU', () => {
  it('draw the CPU sequence call after call (the generator state advances on the host)', async () => {
    const gpu = new T.RandomStreams(11), cpu = new T.RandomStreams(11);
    const g = gpuFn([], [gpu.uniform([4], 0, 1, { dtype: 'float32' }), gpu.integers([3], 0, 50, { dtype: 'int32' })]);
    const c = T.fn([], [cpu.uniform([4], 0, 1, { dtype: 'float32' }), cpu.integers([3], 0, 50, { dtype: 'int32' })]);
    for (let i = 0; i < 3; i++) {
      const [gu, gi] = (await g()) as NDArray[];
      const [cu, ci] = c() as NDArray[];
      expect(Array.from(gu!.data)).toEqual(Array.from(cu!.data));
      expect(Array.from(gi!.data)).toEqual(Array.from(ci!.data));
    }
    gpu.seed(5);
    cpu.seed(5);
    expect(Array.from(((await g()) as NDArray[])[0]!.data)).toEqual(Array.from((c() as NDArray[])[0]!.data));
  });
});
