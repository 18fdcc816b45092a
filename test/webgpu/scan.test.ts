// T.scan on WebGPU: the step graph runs on the device, every step encoded into the call's
// command stream with no readback between steps, compared with the CPU backend. Scans the
// device cannot replay (per-step host values such as random generator states, int64
// arithmetic) stay host steps and still agree.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { WebGpuFunction } from '../../runtime/webgpu/function.ts';
import { Encoding } from '../../runtime/webgpu/encoding.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { ARITH, TRANSC, type Tol, expectClose } from './compare.ts';
import { arr, rand } from './cases.ts';

const one = (o: Variable | Variable[]): Variable => {
  if (Array.isArray(o)) throw new Error('expected one output');
  return o;
};
const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];
/** The launch steps of a WebGPU function, host steps by name. */
const ops = (f: WebGpuFunction) => f.program.webgpu!.steps.map((s) => (s.op === 'host' ? `host:${s.name}` : s.op));

/** Compile for the CPU and WebGPU, compare every output; the WebGPU function is returned for its stats. */
async function agree(inputs: readonly unknown[], outputs: unknown, args: readonly unknown[], tol: Tol = ARITH, options: Record<string, unknown> = {}): Promise<{ f: WebGpuFunction; got: NDArray[] }> {
  const cpu = (T.fn as (...a: unknown[]) => (...x: unknown[]) => unknown)(inputs, outputs, options);
  const want = list(cpu(...args));
  const f = gpuFn(inputs, outputs, options);
  const got = list(await f(...args));
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expectClose(g, want[i]!, tol, `output ${i}`));
  return { f, got };
}

describe.skipIf(!hasGpu)('scan on WebGPU: seed 003 in float32', () => {
  let floatX: T.Config['floatX'];
  beforeEach(() => { floatX = T.config.floatX; T.config.floatX = 'float32'; });
  afterEach(() => { T.config.floatX = floatX; });

  it('maps x + 1 over the rows of a matrix', async () => {
    const a = T.matrix();
    const [results, updates] = T.scan({ fn: (x) => T.tensor`${x} + 1`, sequences: a });
    const f = gpuFn([a], results, { updates });
    expect(ops(f)).toContain('scan');
    expect(String(await f([[1, 1, 1], [1, 1, 1]]))).toBe('array([[2., 2., 2.],\n       [2., 2., 2.]], dtype=float32)');
  });

  it('a cumulative sum from an initial state', async () => {
    const a = T.vector();
    const s0 = T.scalar('s0');
    const [results] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}`, outputsInfo: s0, sequences: a });
    const { f, got } = await agree([a, s0], results, [[0, 3, 5], 0]);
    expect(String(got[0])).toBe('array([0., 3., 8.], dtype=float32)');
    expect(f.stats().readbacks).toBe(1);
  });

  it('accumulates row sums over 20 steps', async () => {
    const a = T.matrix();
    const s0 = T.scalar('s0');
    const [results] = T.scan({ fn: (current, prior) => T.tensor`${prior} + ${current}.sum()`, outputsInfo: s0, sequences: a });
    const { got } = await agree([a, s0], results, [T.asarray(new Float32Array(100).fill(1), { shape: [20, 5] } as never), 0]);
    expect(got[0]!.toArray()).toEqual(Array.from({ length: 20 }, (_, i) => 5 * (i + 1)));
  });

  it('non-sequences: prior * 5 + element for nSteps = 10', async () => {
    const a = T.vector();
    const s0 = T.scalar('s0');
    const [results] = T.scan({
      fn: (current, prior, nonSeq) => T.tensor`${nonSeq} * ${prior} + ${current}`,
      nSteps: 10, sequences: a, outputsInfo: T.constant(0.0, { dtype: 'float32' }), nonSequences: s0,
    });
    const { got } = await agree([a, s0], results, [new Float32Array(20).fill(1), 5]);
    expect(got[0]!.toArray()).toEqual([1, 6, 31, 156, 781, 3906, 19531, 97656, 488281, 2441406]);
  });
});

describe.skipIf(!hasGpu)('scan on WebGPU: loop forms against the CPU', () => {
  it('Fibonacci with taps [-2, -1] (int32)', async () => {
    const init = T.ivector('init');
    const [fib] = T.scan({ fn: (a, b) => T.add(a, b), outputsInfo: { initial: init, taps: [-2, -1] }, nSteps: 12 });
    const { f, got } = await agree([init], one(fib), [arr([0, 1], 'int32')], ARITH);
    expect(ops(f)).toContain('scan');
    expect(got[0]!.toArray()).toEqual([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]);
  });

  it('taps that skip steps and a longer initial value: x[t] = x[t-3] * x[t-1]', async () => {
    const init = T.fvector('init');
    const [xs] = T.scan({ fn: (b3, b1) => T.mul(b3, b1), outputsInfo: { initial: init, taps: [-3, -1] }, nSteps: 7 });
    await agree([init], one(xs), [arr([1.5, -0.5, 2, 99])]);
  });

  it('a recurrence h = tanh(h W + x) over a computed sequence, several outputs, states and maps', async () => {
    const x = T.fmatrix('x'), h0 = T.fvector('h0'), W = T.fmatrix('W');
    const [outs] = T.scan({
      fn: (xt, h, w) => { const hn = T.tanh(T.add(T.dot(h, w), xt)); return [hn, T.sum(T.sqr(hn)), T.mul(xt, 2)]; },
      sequences: T.mul(x, 0.5), outputsInfo: [h0, null, null], nonSequences: W,
    });
    const [hs, energy] = outs as Variable[];
    const { f } = await agree([x, h0, W], [hs, energy, T.mean(hs!, { axis: 0 })], [rand([9, 4]), rand([4]), rand([4, 4], -0.6, 0.6)], TRANSC);
    // the third output is never read: its map is not computed
    const scan = f.program.webgpu!.steps.find((s) => s.op === 'scan')!;
    expect(scan.op === 'scan' && scan.maps[1]).toBe(null);
  });

  it('goBackwards, with nSteps shorter than the sequence', async () => {
    const x = T.fvector('x'), s0 = T.fscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 10), xt), sequences: x, outputsInfo: s0, goBackwards: true, nSteps: 3 });
    const { got } = await agree([x, s0], one(out), [arr([1, 2, 3, 4]), 0]);
    expect(got[0]!.toArray()).toEqual([4, 43, 432]);
  });

  it('sequence taps x[t-1], x[t], x[t+1] and two sequences of different lengths', async () => {
    const x = T.fvector('x'), y = T.fvector('y');
    const [out] = T.scan({ fn: (p, c, n, yt) => T.add(T.add(p, T.mul(c, yt)), n), sequences: [{ input: x, taps: [-1, 0, 1] }, y] });
    await agree([x, y], one(out), [rand([7]), rand([4])]);
  });

  it('maps only (no state), with a non-sequence closed over', async () => {
    const m = T.fmatrix('m'), w = T.fvector('w');
    const w2 = T.mul(w, 2);
    const [out] = T.scan({ fn: (row) => T.dot(row, w2), sequences: m });
    await agree([m, w], one(out), [rand([6, 3]), rand([3])]);
  });

  it('a state broadcast from a scalar initial value, and a step returning its state unchanged', async () => {
    const x = T.fmatrix('x'), k = T.fscalar('k');
    const [outs] = T.scan({
      fn: (row, s, kept, c) => [T.add(s, row), kept, c],
      sequences: x, outputsInfo: [T.zeros([3], { dtype: 'float32' }), T.constant(7, { dtype: 'float32' }), null], nonSequences: k,
    });
    await agree([x, k], outs, [rand([4, 3]), 2]);
  });

  it('symbolic nSteps, including zero steps (empty stacks; the final state is the initial one)', async () => {
    const n = T.iscalar('n'), s0 = T.fvector('s0'), x = T.fmatrix('x');
    const [outs, updates] = T.scan({ fn: (s) => [T.mul(s, 2), T.sum(s)], outputsInfo: [s0, null], nSteps: n });
    const [hs, sums] = outs as Variable[];
    expect(updates.size).toBe(0);
    const last = T.subtensor(T.concatenate([T.stack([s0]), hs!]), -1);
    for (const steps of [5, 0]) {
      const { got } = await agree([n, s0, x], [hs, sums, last], [arr(steps, 'int32'), arr([1, -2]), rand([2, 2])], ARITH, { onUnusedInput: 'ignore' });
      expect(got[0]!.shape).toEqual([steps, 2]);
      expect(got[1]!.shape).toEqual([steps]);
    }
  });

  it('a scan inside the step: a loop over rows, then over their elements', async () => {
    const m = T.fmatrix('m');
    const [rowSums] = T.scan({
      fn: (row) => {
        const [partial] = T.scan({ fn: (e, acc) => T.add(acc, T.mul(e, e)), sequences: row, outputsInfo: T.constant(0, { dtype: 'float32' }) });
        return T.subtensor(one(partial), -1);
      },
      sequences: m,
    });
    const { f } = await agree([m], one(rowSums), [rand([5, 4])]);
    const outer = f.program.webgpu!.steps.find((s) => s.op === 'scan')!;
    expect(outer.op === 'scan' && outer.body.steps.some((s) => s.op === 'scan')).toBe(true);
    expect(f.stats().readbacks).toBe(1);
  });

  it('updates returned by fn thread a shared value through the steps, on the device', async () => {
    const acc = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'acc' });
    const x = T.fvector('x');
    const [out, updates] = T.scan({ fn: (xt) => [T.mul(xt, 2), new Map([[acc, T.add(acc, xt)]])] as const, sequences: x });
    const f = gpuFn([x], one(out), { updates });
    expect(ops(f)).toContain('scan');
    expect(((await f(arr([1, 2, 3]))) as NDArray).toArray()).toEqual([2, 4, 6]);
    await f(arr([1, 2, 3]));
    expect((await acc.getValueAsync()).toArray()).toBe(12);
  });

  it('a step whose output shape does not match its state fails like the CPU', async () => {
    const x = T.fmatrix('x'), s0 = T.fvector('s0');
    const [out] = T.scan({ fn: (row, s) => T.add(T.subtensor(row, [T.slice(0, 1)]), T.sum(s)), sequences: x, outputsInfo: s0 });
    const f = gpuFn([x, s0], one(out));
    expect(ops(f)).toContain('scan');
    const message = /scan 'scan_fn': step 0 made output 0 of shape \(1,\), but its rows have shape \(2,\)/;
    expect(() => T.fn([x, s0], one(out))(rand([3, 2]), rand([2]))).toThrow(message);
    await expect(f(rand([3, 2]), rand([2]))).rejects.toThrow(message);
    await expect(f(rand([3, 2]), rand([1]))).resolves.toBeDefined();
  });
});

describe.skipIf(!hasGpu)('scan on WebGPU: steps run on the device with no readback between them', () => {
  it('50 steps: one command buffer, one readback (the outputs), the kernels of every step', async () => {
    const x = T.fmatrix('x'), h0 = T.fvector('h0'), W = T.fmatrix('W');
    const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: T.mul(x, 2), outputsInfo: h0, nonSequences: W });
    const f = gpuFn([x, h0, W], T.sum(one(hs), { axis: 1 }));
    const args = [rand([50, 8]), rand([8]), rand([8, 8], -0.4, 0.4)];
    await f(...args);
    const perStep = (() => {
      const scan = f.program.webgpu!.steps.find((s) => s.op === 'scan')!;
      return scan.op === 'scan' ? scan.body.steps.length : 0;
    })();
    expect(perStep).toBe(2);
    const { readbacks, submits, dispatches } = f.stats();
    expect(readbacks).toBe(1);
    expect(submits).toBe(1);
    // the sequence's kernel, 2 per step, the row sums
    expect(dispatches).toBe(1 + 50 * 2 + 1);
  });

  it('a non-sequence the step reads on the host (a slice bound) is read once, before the loop', async () => {
    const m = T.fmatrix('m'), v = T.fvector('v');
    // the bound is computed by a kernel (a reduction) outside the loop, the same for every step
    const k = T.cast(T.sum(T.sqr(v)), 'int64');
    const [out] = T.scan({ fn: (row, kk) => T.mul(T.subtensor(row, [T.slice(0, kk)]), 2), sequences: m, nonSequences: k });
    const { f } = await agree([m, v], one(out), [rand([6, 5]), arr([1, 1, 1])]);
    const scan = f.program.webgpu!.steps.find((s) => s.op === 'scan')!;
    expect(scan.op === 'scan' && scan.hostNonSeqs).toEqual([0]);
    expect(f.stats().readbacks).toBe(2);
    expect(f.stats().submits).toBe(2);
  });

  it('for contrast: a scan the device cannot replay (random draws in the step) reads its inputs back', async () => {
    const build = () => {
      const srng = new T.RandomStreams(5);
      const x = T.fmatrix('x');
      // the host computes what it reads itself, but not the transpose (a kernel) before it
      const [out] = T.scan({ fn: (xt) => T.add(xt, srng.uniform([2], 0, 1, { dtype: 'float32' })), sequences: T.mul(T.transpose(x), 2) });
      return { x, y: T.mul(one(out), 3) };
    };
    const g = build(), c = build();
    const f = gpuFn([g.x], g.y);
    expect(ops(f)).toContain('host:scan');
    const xs = rand([2, 3]);
    const y = (await f(xs)) as NDArray;
    expect(f.stats().readbacks).toBe(2);
    // the CPU backend draws the same numbers from a generator seeded alike
    expectClose(y, T.fn([c.x], c.y)(xs) as NDArray);
  });

  it('int64 arithmetic in the step keeps the scan on the host (exact there)', async () => {
    const init = T.lvector('init');
    const [fib] = T.scan({ fn: (a, b) => T.add(a, b), outputsInfo: { initial: init, taps: [-2, -1] }, nSteps: 50 });
    const f = gpuFn([init], T.cast(T.subtensor(one(fib), [T.slice(0, 10)]), 'int32'));
    expect(ops(f)).toContain('host:scan');
    expect(((await f(arr([0, 1], 'int64'))) as NDArray).toArray()).toEqual([1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
  });

  it('a long loop is split into several command buffers, still with one readback', async () => {
    const x = T.fvector('x'), s0 = T.fscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 0.5), xt), sequences: x, outputsInfo: s0 });
    const was = Encoding.submitEvery;
    Encoding.submitEvery = 256;
    try {
      // per step: the sequence row, the tap, one kernel, the new state into its row
      const { f } = await agree([x, s0], one(out), [rand([300]), 1]);
      expect(f.stats().submits).toBeGreaterThanOrEqual(Math.floor((300 * 4) / 256));
      expect(f.stats().readbacks).toBe(1);
    } finally {
      Encoding.submitEvery = was;
    }
  });

  it('repeated calls create no buffers', async () => {
    const x = T.fvector('x'), s0 = T.fscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 0.5), xt), sequences: x, outputsInfo: s0 });
    const f = gpuFn([x, s0], one(out));
    const xv = rand([30]);
    for (let i = 0; i < 3; i++) await f(xv, 1);
    const warm = f.stats().buffers;
    for (let i = 0; i < 20; i++) await f(xv, 1);
    expect(f.stats().buffers.created).toBe(warm.created);
  });

  it('an index out of bounds inside the step is reported after the call, as outside a loop', async () => {
    const m = T.fmatrix('m'), idx = T.ivector('idx');
    const [out] = T.scan({ fn: (row, i) => T.mul(T.subtensor(row, [i]), 2), sequences: m, nonSequences: idx });
    const f = gpuFn([m, idx], one(out));
    expect(ops(f)).toContain('scan');
    await agree([m, idx], one(out), [rand([4, 3]), arr([2, 0, 2], 'int32')]);
    await expect(f(rand([4, 3]), arr([0, 3], 'int32'))).rejects.toThrow(/index 3 is out of bounds for axis 0 with size 3/);
  });
});

describe.skipIf(!hasGpu)('gradients through scan on WebGPU (BPTT is a reverse scan on the device)', () => {
  it('an RNN: gradients of a loss in W, the inputs and the initial state match the CPU', async () => {
    const x = T.fmatrix('x'), h0 = T.fvector('h0'), W = T.fmatrix('W'), U = T.fmatrix('U');
    const [hs] = T.scan({ fn: (xt, h, w, u) => T.tanh(T.add(T.dot(h, w), T.dot(xt, u))), sequences: x, outputsInfo: h0, nonSequences: [W, U] });
    const cost = T.add(T.sum(T.sqr(one(hs))), T.sum(T.subtensor(one(hs), -1)));
    const grads = T.grad(cost, [W, U, x, h0]);
    const { f } = await agree([x, h0, W, U], [cost, ...grads], [rand([12, 3]), rand([4]), rand([4, 4], -0.5, 0.5), rand([3, 4], -0.5, 0.5)], { atol: 2e-5, rtol: 1e-4 });
    expect(ops(f).filter((o) => o === 'scan').length).toBe(2);
    expect(f.stats().readbacks).toBe(1);
  });

  it('taps [-2, -1] and a map through the reverse scan, and truncated BPTT', async () => {
    const x = T.fmatrix('x'), init = T.fmatrix('init'), w = T.fmatrix('w');
    for (const truncateGradient of [-1, 3]) {
      const [outs] = T.scan({
        fn: (xt, p2, p1, W) => [T.tanh(T.add(T.dot(p1, W), T.mul(p2, xt))), T.sum(T.mul(p1, xt))],
        sequences: x, outputsInfo: [{ initial: init, taps: [-2, -1] }, null], nonSequences: w, truncateGradient,
      });
      const [h, m] = outs as Variable[];
      const cost = T.add(T.sum(h!), T.mul(T.sum(m!), 0.3));
      await agree([x, init, w], T.grad(cost, [x, init, w]), [rand([6, 2]), rand([2, 2]), rand([2, 2], -0.7, 0.7)], { atol: 2e-5, rtol: 1e-4 });
    }
  });

  it('trains an RNN for a few steps with the same losses as the CPU', async () => {
    const build = () => {
      const W = T.shared(T.asarray([[0.3, -0.2], [0.1, 0.4]], { dtype: 'float32' }), { name: 'W' });
      const x = T.fmatrix('x'), y = T.fvector('y');
      const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: x, outputsInfo: T.zeros([2], { dtype: 'float32' }), nonSequences: W });
      const loss = T.mean(T.sqr(T.sub(T.sum(one(hs), { axis: 1 }), y)));
      const [gW] = T.grad(loss, [W]);
      return { W, inputs: [x, y], loss, updates: [[W, T.sub(W, T.mul(gW!, 0.5))]] as const };
    };
    const c = build(), g = build();
    const cpu = T.fn(c.inputs, c.loss, { updates: c.updates });
    const gpu = gpuFn(g.inputs, g.loss, { updates: g.updates });
    const xs = rand([8, 2]), ys = rand([8], -0.5, 0.5);
    const lc: number[] = [], lg: number[] = [];
    for (let i = 0; i < 5; i++) {
      lc.push((cpu(xs, ys) as NDArray).data[0]!);
      lg.push(((await gpu(xs, ys)) as NDArray).data[0]!);
    }
    expect(lc[4]!).toBeLessThan(lc[0]!);
    lg.forEach((l, i) => expect(Math.abs(l - lc[i]!)).toBeLessThan(1e-5));
    expectClose(await g.W.getValueAsync(), c.W.getValue(), { atol: 1e-5, rtol: 1e-5 });
  });
});
