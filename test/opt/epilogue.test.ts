// Elementwise work after a reduction runs in the reduction's loop function, once the
// accumulation is done: once for a size-1 result (mean, std, -sum + c, logsumexp), or in one
// pass over the elements of a partial result. Each case counts the kernels and checks the
// numbers against FAST_COMPILE, which runs every node on its own.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { expectClose, randn, rng } from './helpers.ts';

type Run = ((...args: unknown[]) => NDArray & NDArray[]) & { program: T.CompiledFunction<[], NDArray>['program'] };
const compile = (ins: T.Variable[], outs: T.Variable | T.Variable[], mode: 'FAST_RUN' | 'FAST_COMPILE' = 'FAST_RUN'): Run =>
  T.fn(ins, outs as never, { mode, onUnusedInput: 'ignore' }) as unknown as Run;
const data = (seed: number, shape: number[]) => T.asarray(randn(rng(seed), shape.reduce((a, b) => a * b, 1)), { shape });
const list = (r: NDArray | NDArray[]): NDArray[] => (Array.isArray(r) ? r : [r]);
const kinds = (f: Run) => f.program.kernels.map((k) => k.kind);

/** FAST_RUN's numbers are FAST_COMPILE's, bit for bit unless `rtol` says otherwise. */
function same(ins: T.Variable[], outs: T.Variable | T.Variable[], args: unknown[], rtol = 0): Run {
  const f = compile(ins, outs);
  const got = list(f(...args)), want = list(compile(ins, outs, 'FAST_COMPILE')(...args));
  got.forEach((g, i) => {
    if (rtol) expectClose(g, want[i]!, rtol);
    else {
      expect(g.dtype).toBe(want[i]!.dtype);
      expect(g.shape).toEqual(want[i]!.shape);
      expect(Array.from(g.data)).toEqual(Array.from(want[i]!.data));
    }
  });
  return f;
}

describe('work after a full reduction', () => {
  it('mean(sqr(x)) is one kernel: the division follows the accumulation', () => {
    const x = T.dvector('x');
    const f = same([x], T.mean(T.sqr(x)), [data(1, [7])]);
    expect(f.program.kernels).toEqual([{ name: 'k0', kind: 'fused_reduce', ops: ['sqr', 'sum', 'cast{float64}', 'true_div'] }]);
    expect(T.debugprint(f)).toBe("Elemwise{Composite{(sum(sqr(i0)) / cast{float64}(i1.shape[0]))}} [id A] '' 0\n |x [id B]\n |x [id B]");
    // no separate result array for the sum: one allocation, the mean
    const src = f.program.cpu!.source;
    expect(src.match(/new NDArray\(/g)).toHaveLength(1);
    expect(src).toMatch(/const y0 = r0;\n {2}const t\d+ = x1;\n {2}const t\d+ = y0 \/ t\d+;/);
  });

  it('the standard deviation: two loops, the square root after the second', () => {
    const x = T.dmatrix('x');
    const f = same([x], T.std(x), [data(2, [4, 5])]);
    expect(kinds(f)).toEqual(['fused_reduce', 'fused_reduce']);
    expect(f.program.kernels[1]!.ops.at(-1)).toBe('sqrt');
  });

  it('-sum(x * y) + c, in float32 and float64 (the result is rounded as a stored one would be)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = T.tensor(dtype, 1, 'x'), y = T.tensor(dtype, 1, 'y'), c = T.tensor(dtype, 0, 'c');
      const f = same([x, y, c], T.tensor`-sum(${x} * ${y}) + ${c}`, [data(3, [9]).astype(dtype), data(4, [9]).astype(dtype), T.asarray(0.3, { dtype })]);
      expect(kinds(f)).toEqual(['fused_reduce']);
    }
  });

  it('the work reads the result rounded to its dtype, not the float64 accumulator', () => {
    // c is the float32 sum itself: (sum - c) is 0 only if the sum is rounded before the subtraction
    const x = T.fvector('x'), c = T.fscalar('c'), cv = T.fvector('cv'), m = T.fmatrix('m');
    const xv = T.asarray(Float32Array.from([0.1, 0.2, 0.7, 1e-3, 3.3]), { dtype: 'float32' });
    const sum32 = Math.fround(Array.from(xv.data).reduce((a, b) => a + b, 0));
    const f = same([x, c], T.tensor`(sum(${x}) - ${c}) * 1000000`, [xv, T.asarray(sum32, { dtype: 'float32' })]);
    expect(f(xv, T.asarray(sum32, { dtype: 'float32' })).toArray()).toBe(0);
    // the same per row of a partial result
    const mv = T.asarray(Float32Array.from([0.1, 0.2, 0.7, 1e-3, 3.3, 0.3]), { shape: [2, 3], dtype: 'float32' });
    const rows = [0, 1].map((r) => Math.fround(Array.from(mv.data.slice(3 * r, 3 * r + 3)).reduce((a, b) => a + b, 0)));
    const g = same([m, cv], T.tensor`(sum(${m}, axis=1) - ${cv}) * 1000000`, [mv, T.asarray(Float32Array.from(rows), { dtype: 'float32' })]);
    expect(kinds(g)).toEqual(['fused_reduce']);
    expect(g(mv, T.asarray(Float32Array.from(rows), { dtype: 'float32' })).toArray()).toEqual([0, 0]);
  });

  it('work in an ifelse branch stays in the branch, apart from a reduction outside it', () => {
    const c = T.dscalar('c'), x = T.dvector('x');
    const s = T.sum(T.exp(x));
    const f = same([c, x], T.ifelse(T.gt(c, 0), T.sqrt(s), T.mul(s, 2)), [1, data(15, [4])]);
    expect(kinds(f)).toEqual(['elemwise', 'fused_reduce', 'elemwise', 'elemwise', 'ifelse']);
  });

  it('log(sum(exp(x - m))) + m: the max loop, then the sum loop with the log and the add', () => {
    const x = T.dmatrix('x');
    const m = T.max(x);
    const f = same([x], T.tensor`log(sum(exp(${x} - ${m}))) + ${m}`, [data(5, [3, 4])]);
    expect(kinds(f)).toEqual(['fused_reduce', 'fused_reduce']);
    expect(T.debugprint(f).split('\n')[0]).toBe("Elemwise{Composite{(log(sum(exp((i0 - i1)))) + i1)}} [id A] '' 1");
    // the stabilized log(sum(exp(x))) takes the same two loops
    const g = same([x], T.tensor`log(sum(exp(${x})))`, [data(6, [3, 4])], 1e-15);
    expect(kinds(g)).toEqual(['fused_reduce', 'fused_reduce']);
  });

  it('a result read both directly and after the accumulation is stored once and used twice', () => {
    const x = T.dvector('x');
    const s = T.sum(T.exp(x));
    const f = same([x], [s, T.tensor`${s} / 2`, T.tensor`sqrt(${s}) * 3`], [data(7, [6])]);
    expect(f.program.kernels).toHaveLength(1);
  });

  it('integer and boolean results: the work reads what a stored result would hold', () => {
    const b = T.tensor('int8', 1, 'b');
    const v = T.asarray([100, 100, 100, -7], { dtype: 'int8' });
    const f = same([b], [T.tensor`sum(${b} * 3) * 2`, T.tensor`any(${b} > 99) + 1`, T.tensor`prod(${b}) - 1`], [v]);
    expect(kinds(f)).toEqual(['fused_reduce', 'fused_reduce', 'fused_reduce']);
  });

  it('work that also needs a value computed from the loop waits for it in a loop of its own', () => {
    // sum(x) + sum(x * sum(x)): the outer add reads the second loop, which reads the first
    const x = T.dvector('x');
    const s = T.sum(x);
    const f = same([x], T.tensor`${s} + sum(${x} * ${s})`, [data(8, [5])], 1e-15);
    expect(kinds(f)).toEqual(['fused_reduce', 'fused_reduce']);
  });

  it("the training step's kernel count does not grow, and its updates match", () => {
    const x = T.dmatrix('x'), y = T.dvector('y');
    const build = (mode: 'FAST_RUN' | 'FAST_COMPILE') => {
      const w = T.shared(randn(rng(6), 6), { name: 'w' }), b = T.shared(0.25, { name: 'b' });
      const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
      const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
      const [gw, gb] = T.grad(T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`, [w, b]);
      const f = T.fn([x, y], [T.tensor`${p} > 0.5`, xent], { mode, updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]] });
      return { f, w, b };
    };
    const fast = build('FAST_RUN'), slow = build('FAST_COMPILE');
    expect(fast.f.program.kernels.length).toBeLessThanOrEqual(5);
    const xs = data(7, [10, 6]), ys = Array.from({ length: 10 }, (_, i) => i % 2);
    for (let step = 0; step < 3; step++) {
      fast.f(xs, ys);
      slow.f(xs, ys);
      expectClose(fast.w.getValue(), slow.w.getValue(), 1e-12);
      expectClose(fast.b.getValue(), slow.b.getValue(), 1e-12);
    }
  });
});

describe('work after a partial reduction', () => {
  it('mean over an axis: one kernel with a pass over the result', () => {
    const x = T.dmatrix('x');
    for (const axis of [0, 1]) {
      const f = same([x], T.mean(x, { axis }), [data(9, [3, 5])]);
      expect(kinds(f)).toEqual(['fused_reduce']);
    }
  });

  it('log-sum-exp per row with keepdims, and the row vector it subtracts from (log-softmax)', () => {
    const x = T.dmatrix('x');
    const lse = T.tensor`log(sum(exp(${x}), axis=1, keepdims=true))`;
    const f = same([x], lse, [data(10, [4, 3])], 1e-15);
    // max per row (its inf guard after it), then the sum with log and add after it
    expect(kinds(f)).toEqual(['fused_reduce', 'fused_reduce']);
    const g = same([x], T.tensor`${x} - ${lse}`, [data(11, [4, 3])], 1e-15);
    expect(kinds(g)).toEqual(['fused_reduce', 'fused_reduce', 'elemwise']);
  });

  it('the pass reads other arrays in the result\'s layout and checks their shapes', () => {
    const x = T.dmatrix('x'), v = T.dvector('v');
    const out = T.tensor`sum(${x} * 2, axis=1) / ${v} + 1`;
    const f = same([x, v], out, [data(12, [3, 4]), data(13, [3])]);
    expect(kinds(f)).toEqual(['fused_reduce']);
    expect(() => f(data(12, [3, 4]), data(13, [2]))).toThrow('do not match on axis 0');
    expect(() => compile([x, v], out, 'FAST_COMPILE')(data(12, [3, 4]), data(13, [2]))).toThrow('do not match on axis 0');
  });

  it('results of different axes keep the work apart', () => {
    const x = T.dmatrix('x');
    // sums over rows and over columns of a square matrix, in one loop: one shape, not one layout
    const f = same([x], T.tensor`sum(exp(${x}), axis=0) + sum(exp(${x}), axis=1)`, [data(14, [3, 3])]);
    expect(kinds(f)).toEqual(['fused_reduce', 'elemwise']);
  });

  it('integer results in the pass: int8 sums per row, doubled', () => {
    const b = T.tensor('int8', 2, 'b');
    same([b], T.tensor`sum(${b}, axis=1) * 2`, [T.asarray([[100, 100, 100], [-7, 3, 1]], { dtype: 'int8' })]);
  });
});

describe('work after reductions against FAST_COMPILE on random graphs', () => {
  it('agrees on 80 random graphs of reductions followed by elementwise work', () => {
    const next = rng(99);
    const pick = <V>(xs: readonly V[]): V => xs[Math.floor(next() * xs.length)]!;
    let fused = 0;
    for (let g = 0; g < 80; g++) {
      const m = T.dmatrix('m'), s = T.dscalar('s'), v = T.dvector('v');
      const reduce = pick<(x: T.Variable, o: T.ReduceOptions) => T.Variable>([T.sum, T.max, T.min, T.prod]);
      const axis = pick([null, 0, 1] as const);
      const keepdims = next() < 0.5;
      let r: T.Variable = reduce(T.tanh(m), { axis, keepdims });
      const steps = 1 + Math.floor(next() * 3);
      for (let k = 0; k < steps; k++) {
        const op = pick(['exp', 'add_s', 'mul_self', 'sqrt_abs', 'sub_v'] as const);
        r = op === 'exp' ? T.exp(r) : op === 'add_s' ? T.add(r, s) : op === 'mul_self' ? T.mul(r, T.neg(r))
          : op === 'sqrt_abs' ? T.sqrt(T.abs(r)) : r.ndim === 1 ? T.sub(r, v) : T.add(r, 1);
      }
      const f = compile([m, s, v], r);
      const args = [data(g, [3, 3]), 0.25, data(200 + g, [3])];
      expectClose(f(...args), compile([m, s, v], r, 'FAST_COMPILE')(...args), 1e-12);
      if (f.program.kernels.length === 1) fused++;
    }
    expect(fused).toBeGreaterThan(40);
  });
});
