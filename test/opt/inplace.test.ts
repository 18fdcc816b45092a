// Inplace: a fused loop stores its output over an input buffer that this call made and that
// nothing reads afterwards. Each case checks where it happens (the destroy map in debugprint,
// f.program.kernels and the source) and that every call still computes what FAST_COMPILE
// computes, including calls after the first, where kept buffers come back.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { expectClose, randn, rng } from './helpers.ts';

type Run = ((...args: unknown[]) => NDArray & NDArray[]) & { program: T.CompiledFunction<[], NDArray>['program'] };
const compile = (ins: T.Variable[], outs: T.Variable | T.Variable[], mode: 'FAST_RUN' | 'FAST_COMPILE' = 'FAST_RUN'): Run =>
  T.fn(ins, outs as never, { mode, onUnusedInput: 'ignore' }) as unknown as Run;
const data = (seed: number, shape: number[]) => T.asarray(randn(rng(seed), shape.reduce((a, b) => a * b, 1)), { shape });
const list = (r: NDArray | NDArray[]): NDArray[] => (Array.isArray(r) ? r : [r]);

/** The generated function `name` in a program's source. */
function kernelSource(f: Run, name: string): string {
  const src = f.program.cpu!.source;
  const start = src.indexOf(`function ${name}(`);
  return src.slice(start, src.indexOf('\n}', start) + 2);
}

/**
 * FAST_RUN agrees with FAST_COMPILE on three calls with different arguments, and what a call
 * returned is not changed by the calls after it (the caller owns its results).
 */
function agrees(ins: T.Variable[], outs: T.Variable | T.Variable[], args: (call: number) => unknown[]): Run {
  const fast = compile(ins, outs), slow = compile(ins, outs, 'FAST_COMPILE');
  const kept: [NDArray[], NDArray[]][] = [];
  for (let call = 0; call < 3; call++) {
    const got = list(fast(...args(call))), want = list(slow(...args(call)));
    got.forEach((g, i) => expectClose(g, want[i]!, 1e-12));
    kept.push([got, got.map((g) => g.copy())]);
  }
  for (const [got, copies] of kept) got.forEach((g, i) => expect(Array.from(g.data)).toEqual(Array.from(copies[i]!.data)));
  return fast;
}

const destroying = (f: Run) => f.program.kernels.filter((k) => (k as { inplace?: unknown }).inplace);

describe('inplace where no one else reads the buffer', () => {
  it("exp(dot(x, w)) + 1 is stored over dot's result", () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const f = agrees([x, w], T.tensor`exp(${x} @ ${w}) + 1`, (c) => [data(c, [5, 3]), data(10 + c, [3])]);
    expect(T.debugprint(f)).toBe([
      "Elemwise{Composite{(exp(i0) + 1)}}[(0, 0)] [id A] '' 1",
      " |dot [id B] '' 0",
      ' | |x [id C]',
      ' | |w [id D]',
    ].join('\n'));
    expect(f.program.kernels[1]).toEqual({ name: 'k1', kind: 'elemwise', ops: ['exp', 'add'], inplace: [[0, 0]] });
    // the loop allocates nothing; the dot allocates the buffer the caller gets, every call,
    // because a kept buffer would be written over by the next call
    const loop = kernelSource(f, 'k1');
    expect(loop).not.toContain('new NDArray');
    expect(loop).toContain('const o0 = a0;');
    expect(f.program.cpu!.source).toMatch(/= k0\(null, i0, i1\);/);
  });

  it('an inplace intermediate keeps one buffer across calls for both values', () => {
    const x = T.dmatrix('x'), w = T.dvector('w'), m = T.dmatrix('m');
    const f = agrees([x, w, m], T.tensor`${m} @ (exp(${x} @ ${w}) + 1)`, (c) => [data(c, [4, 3]), data(10 + c, [3]), data(20 + c, [2, 4])]);
    expect(destroying(f).map((k) => k.name)).toEqual(['k1']);
    const src = f.program.cpu!.source;
    // dot k0 keeps its buffer; the loop writes over it and keeps none of its own
    expect(src).toMatch(/= k0\(b0_0, i0, i1\);/);
    expect(src).toMatch(/= k1\(null, v0_0\);/);
    expect(src).not.toContain('b1_0');
  });

  it("a single op prints as Theano prints its inplace copy: the scalar op's class and the mark", () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const f = agrees([x, w], T.exp(T.dot(x, w)), (c) => [data(c, [3, 3]), data(5 + c, [3])]);
    expect(T.debugprint(f).split('\n')[0]).toBe("Elemwise{Exp}[(0, 0)] [id A] '' 1");
  });

  it('several readers: only the last one may write over the buffer', () => {
    const x = T.dmatrix('x'), w = T.dvector('w'), m = T.dmatrix('m');
    const a = T.dot(x, w);
    // the second loop waits for the dot of the first loop's value, and reads `a` again
    const b = T.tensor`exp(${a}) + 1`;
    const out = T.tensor`${m} @ ${b} + ${a}`;
    const f = agrees([x, w, m], out, (c) => [data(c, [4, 4]), data(10 + c, [4]), data(20 + c, [4, 4])]);
    const kinds = f.program.kernels.map((k) => `${k.kind}${(k as { inplace?: unknown }).inplace ? '!' : ''}`);
    // the first loop leaves `a` alone; the last loop, its last reader, writes over a buffer
    expect(kinds).toEqual(['dot', 'elemwise', 'dot', 'elemwise!']);
  });

  it('a value that is also a result is never written over', () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const a = T.dot(x, w);
    const f = agrees([x, w], [a, T.tensor`exp(${a}) + 1`], (c) => [data(c, [3, 2]), data(4 + c, [2])]);
    expect(destroying(f)).toEqual([]);
  });

  it('inputs, shared values and constants are never written over', () => {
    const x = T.dvector('x');
    const s = T.shared(T.asarray([1, 2, 3]), { name: 's' });
    const f = agrees([x], [T.tensor`exp(${x}) + ${s}`, T.tensor`${s} * 2 + [1, 2, 3]`], (c) => [data(c, [3])]);
    expect(destroying(f)).toEqual([]);
    expect(s.getValue().toArray()).toEqual([1, 2, 3]);
  });

  it('a buffer seen through a reshape view is never written over', () => {
    const x = T.dmatrix('x'), w = T.dvector('w'), m = T.dmatrix('m');
    const a = T.dot(x, w);
    const view = T.reshape(a, [2, 2]);
    const f = agrees([x, w, m], [T.tensor`exp(${a}) + 1`, T.dot(m, view)], (c) => [data(c, [4, 3]), data(5 + c, [3]), data(9 + c, [2, 2])]);
    expect(destroying(f)).toEqual([]);
    // the view is made before the loop and read after it: the loop is `a`'s last direct reader
    const g = agrees([x, w], T.dot(view, T.reshape(T.tensor`exp(${a}) + 1`, [2, 2])), (c) => [data(c, [4, 3]), data(5 + c, [3])]);
    expect(destroying(g)).toEqual([]);
  });

  it('a loop in an ifelse branch leaves alone what the other branch or later code reads', () => {
    const c = T.dscalar('c'), x = T.dmatrix('x'), w = T.dvector('w');
    const a = T.dot(x, w);
    const z = T.ifelse(T.gt(c, 0), T.tensor`exp(${a}) + 1`, T.tensor`${a} * 3`);
    const args = (k: number) => [k === 1 ? -1 : 1, data(k, [3, 3]), data(7 + k, [3])];
    // `a` is read after the ifelse: neither branch may write over it
    const f = agrees([c, x, w], T.tensor`${z} + ${a}`, args);
    const kernel = (k: { ops: string[] }) => k.ops.join();
    expect(destroying(f).map(kernel)).not.toContain('exp,add');
    expect(destroying(f).map(kernel)).not.toContain('mul');
    // the ifelse hands on the array `a` itself when c > 0: a loop after it must not write over `a`
    const m = T.dmatrix('m');
    const y = T.ifelse(T.gt(c, 0), a, T.tensor`${a} * 3`);
    const g = agrees([c, x, w, m], T.tensor`${y} + ${m} @ (exp(${a}) + 1)`, (k) => [...args(k), data(20 + k, [3, 3])]);
    expect(destroying(g).map(kernel)).not.toContain('exp,add');
  });

  it('code order, not schedule order, decides what reads the buffer later', () => {
    // the branch `a * 2` is scheduled before `b`, but runs inside the ifelse, after `b`:
    // `b` must not write over `a`
    const c = T.dscalar('c'), x = T.dmatrix('x'), w = T.dvector('w');
    const a = T.dot(x, w);
    const b = T.tensor`exp(${a}) + 1`;
    const [z0, z1] = T.ifelse(T.gt(c, 0), [T.tensor`${a} * 2`, b], [T.tensor`${w} * 3`, T.tensor`${b} + 1`]) as T.Variable[];
    const args = (k: number) => [k === 1 ? -1 : 1, data(k, [2, 2]), data(3 + k, [2])];
    const f = agrees([c, x, w], [z0!, z1!], args);
    const marked = (g: Run) => destroying(g).map((k) => k.ops.join());
    expect(marked(f)).not.toContain('exp,add');
    // and the other way: `a * 2`, scheduled before `b`, runs after it, as the last reader of `a`
    expect(marked(f)).toContain('mul');
  });

  it('a value a scan reads later is never written over; inside the step, intermediates are', () => {
    const x = T.dmatrix('x'), w = T.dvector('w'), h0 = T.dvector('h0'), W = T.dmatrix('W');
    const a = T.dot(x, w);
    const b = T.tensor`exp(${a}) + 1`;
    const [hs] = T.scan({ fn: (h: T.Variable, v: T.Variable, m: T.Variable) => T.tanh(T.add(T.dot(m, h), v)), outputsInfo: h0, nonSequences: [a, W], nSteps: 3 });
    const f = agrees([x, w, h0, W], [b, hs as T.Variable], (k) => [data(k, [3, 3]), data(4 + k, [3]), data(8 + k, [3]), data(12 + k, [3, 3])]);
    expect(destroying(f).map((k) => k.ops.join())).not.toContain('exp,add');
    // the step's loop stores tanh(dot + v) over the dot's buffer
    expect(f.program.cpu!.source).toMatch(/const o0 = a\d;/);
  });

  it('chains: a loop writes over a value that was itself written over another', () => {
    const x = T.dmatrix('x'), w = T.dvector('w'), m = T.dmatrix('m');
    const a = T.tensor`exp(${x} @ ${w}) + 1`;
    // the max joins a loop of its own over `a`; the subtraction waits for it
    const out = T.tensor`${m} @ (${a} - max(${a}))`;
    const f = agrees([x, w, m], out, (c) => [data(c, [4, 3]), data(5 + c, [3]), data(9 + c, [2, 4])]);
    expect(destroying(f).length).toBeGreaterThanOrEqual(2);
  });

  it('instrumented modes do not write over inputs (their hooks may keep what a step produced)', () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const out = T.tensor`exp(${x} @ ${w}) + 1`;
    for (const mode of ['DebugMode', 'NanGuardMode'] as const) {
      const f = T.fn([x, w], out, { mode });
      expect(f.program.kernels.some((k) => (k as { inplace?: unknown }).inplace)).toBe(false);
      expectClose(f(data(1, [3, 2]), data(2, [2])) as NDArray, compile([x, w], out)(data(1, [3, 2]), data(2, [2])));
    }
  });
});

describe('inplace against FAST_COMPILE on random graphs', () => {
  it('agrees on 60 random graphs of dots, loops and reductions, over three calls each', () => {
    const next = rng(7);
    const pick = <V>(xs: readonly V[]): V => xs[Math.floor(next() * xs.length)]!;
    let inplace = 0;
    for (let g = 0; g < 60; g++) {
      const m = T.dmatrix('m'), v = T.dvector('v'), s = T.dscalar('s');
      let pool: T.Variable[] = [m, T.dot(m, v), T.exp(v)];
      for (let k = 0; k < 7; k++) {
        const vecs = pool.filter((p) => p.ndim === 1), mats = pool.filter((p) => p.ndim === 2);
        const op = pick(['add', 'mul', 'exp', 'sub_max', 'dot', 'matdot', 'scale'] as const);
        const a = pick(vecs), b = pick(vecs), A = pick(mats);
        pool = [...pool, op === 'add' ? T.add(a, b) : op === 'mul' ? T.mul(a, T.tanh(b)) : op === 'exp' ? T.exp(T.tanh(a))
          : op === 'sub_max' ? T.sub(a, T.max(a)) : op === 'dot' ? T.dot(A, a) : op === 'matdot' ? T.add(A, T.outer(a, b)) : T.mul(a, s)];
      }
      const outs = pool.slice(-2);
      const f = agrees([m, v, s], outs, (c) => [data(g * 8 + c, [4, 4]), data(g * 8 + 4 + c, [4]), 0.5 + c]);
      inplace += destroying(f).length;
    }
    // the graphs do exercise it
    expect(inplace).toBeGreaterThan(20);
  });
});
