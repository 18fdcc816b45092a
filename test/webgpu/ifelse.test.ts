// Lazy T.ifelse on WebGPU: the condition is read on the host (a function input is already
// there; a value a kernel computes is read back, 4 bytes) and only the taken branch's kernels
// are encoded. The dispatch count proves it, and so does a branch that would fail.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { TRANSC, expectClose } from './compare.ts';
import { arr, rand } from './cases.ts';

const one = (o: Variable | Variable[]): Variable => {
  if (Array.isArray(o)) throw new Error('expected one output');
  return o;
};
const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];

/** Kernels one call of a WebGPU function of these outputs dispatches. */
async function kernelsOf(inputs: Variable[], outputs: Variable, args: unknown[]): Promise<number> {
  const f = gpuFn(inputs, outputs);
  await f(...args);
  return f.stats().dispatches;
}

describe.skipIf(!hasGpu)('ifelse on WebGPU is lazy', () => {
  const c = T.fscalar('c'), x = T.fmatrix('x'), y = T.fmatrix('y');
  const whenTrue = (a: Variable) => T.exp(T.mul(a, 2));
  const whenFalse = (b: Variable) => T.add(T.dot(b, b), T.transpose(T.sqrt(T.abs(b))));
  const xs = rand([4, 4]), ys = rand([4, 4]);

  it('dispatches only the kernels of the taken branch', async () => {
    const nTrue = await kernelsOf([x], whenTrue(x), [xs]);
    const nFalse = await kernelsOf([y], whenFalse(y), [ys]);
    expect(nFalse).toBeGreaterThan(nTrue);
    const z = T.ifelse(T.gt(c, 0), whenTrue(x), whenFalse(y));
    const f = gpuFn([c, x, y], T.add(z, 1));
    const cpu = T.fn([c, x, y], T.add(z, 1));
    for (const [cv, n] of [[1, nTrue], [-1, nFalse], [2, nTrue]] as const) {
      expectClose((await f(cv, xs, ys)) as NDArray, cpu(cv, xs, ys) as NDArray, TRANSC);
      // the branch's kernels, then the + 1
      expect(f.stats().dispatches).toBe(n + 1);
      // the condition is an input: nothing is read back but the output
      expect(f.stats().readbacks).toBe(1);
    }
    expect(f.program.webgpu!.steps.map((s) => s.op)).toContain('branch');
  });

  it('a condition computed by a kernel is read back (one 0-d value) before the branch is encoded', async () => {
    const z = T.ifelse(T.gt(T.sum(T.dot(x, x)), 0), whenTrue(x), whenFalse(y));
    const f = gpuFn([x, y], z);
    const cpu = T.fn([x, y], z);
    for (const sign of [1, -1]) {
      const xv = T.asarray(xs.toArray() as number[][], { dtype: 'float32' });
      if (sign < 0) for (let i = 0; i < xv.size; i++) xv.data[i] = i % 5 === 0 ? -3 : 0;
      expectClose((await f(xv, ys)) as NDArray, cpu(xv, ys) as NDArray, TRANSC);
      expect(f.stats().readbacks).toBe(2);
    }
  });

  it('the branch not taken never runs: one that would fail is harmless', async () => {
    const v = T.fvector('v'), i = T.ivector('i');
    const badShape = T.add(T.reshape(v, [5]), 1);
    const badIndex = T.mul(T.subtensor(v, [i]), 3);
    const f = gpuFn([c, v, i], [T.ifelse(T.gt(c, 0), T.mul(v, 2), badShape), T.ifelse(T.lt(c, 0), badIndex, T.mul(v, 4))]);
    const [a, b] = list(await f(1, arr([1, 2, 3]), arr([0, 7], 'int32')));
    expect(a!.toArray()).toEqual([2, 4, 6]);
    expect(b!.toArray()).toEqual([4, 8, 12]);
    await expect(f(0, arr([1, 2, 3]), arr([0, 7], 'int32'))).rejects.toThrow(/cannot reshape/);
    await expect(f(-1, arr([1, 2, 3, 4, 5]), arr([0, 7], 'int32'))).rejects.toThrow(/index 7 is out of bounds for axis 0 with size 5/);
  });

  it('nested ifelse: every combination of conditions matches the CPU', async () => {
    const c2 = T.fscalar('c2');
    const inner = T.ifelse(T.gt(c2, 0), T.mul(x, 3), T.tanh(y));
    const z = T.ifelse(T.gt(c, 0), T.add(inner, T.sum(x)), T.exp(T.mul(x, y)));
    const f = gpuFn([c, c2, x, y], z);
    const cpu = T.fn([c, c2, x, y], z);
    for (const cv of [1, -1]) {
      for (const c2v of [1, -1]) expectClose((await f(cv, c2v, xs, ys)) as NDArray, cpu(cv, c2v, xs, ys) as NDArray, TRANSC);
    }
  });

  it('gradients flow to the taken branch, as on the CPU', async () => {
    const w = T.fvector('w'), v = T.fvector('v');
    const cost = T.sum(T.ifelse(T.gt(c, 0), T.mul(v, w), T.mul(T.sin(v), T.sqr(w))));
    const grads = T.grad(cost, [w, v]);
    const f = gpuFn([c, w, v], grads);
    const cpu = T.fn([c, w, v], grads);
    for (const cv of [1, -1]) {
      const args = [cv, rand([5]), rand([5])] as const;
      const want = list(cpu(...args));
      list(await f(...args)).forEach((g, k) => expectClose(g, want[k]!, TRANSC, `gradient ${k}`));
    }
  });

  it('an ifelse whose value is a kernel parameter (a reshape target) is computed on the host from both branches', async () => {
    const v = T.fvector('v'), n = T.iscalar('n');
    const shape = T.ifelse(T.gt(c, 0), T.stack([n, 2]), T.stack([2, n]));
    const y = T.mul(T.reshape(T.mul(v, 2), shape), 1);
    const f = gpuFn([c, v, n], y);
    expect(f.program.webgpu!.steps.map((s) => (s.op === 'host' ? `host:${s.name}` : s.op))).toContain('host:ifelse');
    const cpu = T.fn([c, v, n], y);
    for (const cv of [1, -1]) expectClose((await f(cv, arr([1, 2, 3, 4, 5, 6]), 3)) as NDArray, cpu(cv, arr([1, 2, 3, 4, 5, 6]), 3) as NDArray);
  });

  it('ifelse inside a scan: on the device when the condition is the same every step, on the host when it changes', async () => {
    const xv = T.fmatrix('xv'), k = T.fscalar('k');
    const [byK] = T.scan({ fn: (row, kk) => T.ifelse(T.gt(kk, 0), T.mul(row, kk), T.exp(row)), sequences: xv, nonSequences: k });
    const [byRow] = T.scan({ fn: (row) => T.ifelse(T.gt(T.sum(row), 0), T.mul(row, 2), T.exp(row)), sequences: xv });
    const f = gpuFn([xv, k], [one(byK), one(byRow)]);
    const ops = f.program.webgpu!.steps.map((s) => (s.op === 'host' ? `host:${s.name}` : s.op));
    expect(ops).toContain('scan');
    expect(ops).toContain('host:scan');
    const cpu = T.fn([xv, k], [one(byK), one(byRow)]);
    for (const kv of [2, -1]) {
      const m = rand([5, 3]);
      list(await f(m, kv)).forEach((g, j) => expectClose(g, list(cpu(m, kv))[j]!, TRANSC));
    }
  });
});
