// Fusion: elementwise chains become one loop (a Composite), several outputs of one space share
// a loop, reductions accumulate inside the loop that computes what they reduce, scalars and
// shapes are read once, and generated dots match the runtime kernel.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { expectClose, randn, rng } from './helpers.ts';

// untyped on purpose: the tests pass one output or a list and read the results accordingly
type Run = ((...args: unknown[]) => NDArray & NDArray[]) & { program: T.CompiledFunction<[], NDArray>['program'] };
const compile = (mode: 'FAST_RUN' | 'FAST_COMPILE') => (ins: T.Variable[], outs: T.Variable | T.Variable[]): Run =>
  T.fn(ins, outs as never, { mode, onUnusedInput: 'ignore' }) as unknown as Run;
const fast = compile('FAST_RUN'), slow = compile('FAST_COMPILE');
const data = (seed: number, shape: number[]) => T.asarray(randn(rng(seed), shape.reduce((a, b) => a * b, 1)), { shape });

describe('fused reductions', () => {
  it('sum(x ** 2) is one loop that never stores x ** 2', () => {
    const x = T.dmatrix('x');
    const f = fast([x], T.tensor`sum(${x} ** 2)`);
    expect(f.program.kernels).toEqual([{ name: 'k0', kind: 'fused_reduce', ops: ['sqr', 'sum'] }]);
    expect(T.debugprint(f)).toBe("Sum{axis=[0, 1]}{Composite{sqr(i0)}} [id A] '' 0\n |x [id B]");
    // the only array the loop allocates is the 0-d result
    expect(f.program.cpu!.source.match(/new NDArray\(/g)).toHaveLength(1);
    const v = data(1, [3, 5]);
    expect(f(v).toArray()).toBe(slow([x], T.tensor`sum(${x} ** 2)`)(v).toArray());
  });

  it('every op over leading, trailing, middle and all axes matches the runtime kernel bit for bit', () => {
    const t = T.dtensor3('t');
    const v = data(2, [3, 4, 5]);
    v.data[7] = NaN;
    const REDUCE: Record<string, (x: T.Variable, o: T.ReduceOptions) => T.Variable> = { sum: T.sum, prod: T.prod, max: T.max, min: T.min };
    for (const op of ['sum', 'prod', 'max', 'min']) {
      for (const axis of [[0], [2], [1], [0, 2], [1, 2], null]) {
        for (const keepdims of [false, true]) {
          const out = REDUCE[op]!(T.tanh(t), { axis, keepdims });
          const got = fast([t], out)(v), want = slow([t], out)(v);
          expect(got.shape).toEqual(want.shape);
          expect(Array.from(got.data), `${op} axis=${axis} keepdims=${keepdims}`).toEqual(Array.from(want.data));
        }
      }
    }
  });

  it('integer sums accumulate into int64, bools into all/any', () => {
    const b = T.tensor('int8', 2, 'b');
    const v = T.asarray([[100, 100, 100], [-7, 3, 1]], { dtype: 'int8' });
    const s = fast([b], T.sum(T.mul(b, 1), { axis: 1 }))(v);
    expect(s.dtype).toBe('int64');
    expect(s.toArray()).toEqual([300, -3]);
    const pos = T.gt(b, 0);
    expect(fast([b], T.all(pos, { axis: 1 }))(v).toArray()).toEqual([true, false]);
    expect(fast([b], T.any(pos, { axis: 0 }))(v).toArray()).toEqual([true, true, true]);
  });

  it('max of an empty axis raises as the runtime kernel does', () => {
    const x = T.dmatrix('x');
    const f = fast([x], T.max(T.exp(x), { axis: 0 }));
    expect(() => f(T.asarray(new Float64Array(0), { shape: [0, 3] }))).toThrow('zero-size array to reduction operation max which has no identity');
  });

  it('a reduction and the elementwise work that needs its result take two loops', () => {
    const x = T.dvector('x');
    const centered = T.tensor`exp(${x}) - mean(exp(${x}))`;
    const f = fast([x], centered);
    expect(f.program.kernels.map((k) => k.kind)).toEqual(['fused_reduce', 'elemwise']);
    expectClose(f([1, 2, 3]), slow([x], centered)([1, 2, 3]));
    // a dot of the loop's value in between also keeps the loops apart
    const m = T.dmatrix('m');
    const a = T.exp(x);
    const g = fast([x, m], T.add(a, T.dot(m, a)));
    expect(g.program.kernels.map((k) => k.kind)).toEqual(['elemwise', 'dot', 'elemwise']);
    const mv = data(3, [3, 3]);
    expectClose(g([1, 2, 3], mv), slow([x, m], T.add(a, T.dot(m, a)))([1, 2, 3], mv));
  });
});

describe('fused elementwise loops', () => {
  it('values over one space share a loop, each printed as its Composite', () => {
    const x = T.dmatrix('x');
    const e = T.exp(x);
    const outs = [e, T.mul(e, 2), T.sum(e, { axis: 1 })];
    const f = fast([x], outs);
    expect(f.program.kernels).toHaveLength(1);
    const text = T.debugprint(f);
    expect(text).toContain("Elemwise{exp,no_inplace} [id A] '' 0");
    expect(text).toContain("Elemwise{Composite{(exp(i0) * 2)}} [id C] '' 0");
    expect(text).toContain("Sum{axis=[1]}{Composite{exp(i0)}} [id D] '' 0");
    const v = data(4, [2, 3]);
    const [a, b, c] = f(v);
    const [a2, b2, c2] = slow([x], outs)(v);
    expectClose(a!, a2!); expectClose(b!, b2!); expectClose(c!, c2!);
  });

  it('scalars and shapes are read once before the loop; the shape steps disappear', () => {
    const x = T.dmatrix('x'), s = T.dscalar('s');
    const out = T.tensor`${x} / ${x}.shape[0] + exp(${s}) * 2`;
    const f = fast([x, s], out);
    expect(f.program.kernels).toHaveLength(1);
    const src = f.program.cpu!.source;
    expect(src).toMatch(/const x\d = a\d\.shape\[0\];/);
    expect(src).toMatch(/const t0 = .*Math\.exp/);
    const v = data(5, [4, 2]);
    expectClose(f(v, 0.5), slow([x, s], out)(v, 0.5));
  });

  it("the seed's training step runs as four kernels (b's update is computed after the gradient's sum)", () => {
    const x = T.dmatrix('x'), y = T.dvector('y');
    const w = T.shared(randn(rng(6), 6), { name: 'w' }), b = T.shared(0, { name: 'b' });
    const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
    const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
    const [gw, gb] = T.grad(T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`, [w, b]);
    const f = T.fn([x, y], [T.tensor`${p} > 0.5`, xent], { updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]] });
    expect(f.program.kernels.map((k) => k.kind)).toEqual(['dot', 'fused_reduce', 'dot', 'elemwise']);
    expect(f.program.kernels[1]!.ops).toEqual(expect.arrayContaining(['sigmoid', 'softplus', 'gt', 'sum']));
    expect(f.program.kernels[1]!.ops.slice(-3)).toEqual(['sum', 'mul', 'sub']);
    const xs = data(7, [10, 6]), ys = Array.from({ length: 10 }, (_, i) => i % 2);
    const g = T.fn([x, y], [T.tensor`${p} > 0.5`, xent], { mode: 'FAST_COMPILE', updates: [] });
    const [pf, xf] = f(xs, ys) as NDArray[];
    w.setValue(randn(rng(6), 6)); b.setValue(0);
    const [ps, xs2] = g(xs, ys) as NDArray[];
    expect(Array.from(pf!.data)).toEqual(Array.from(ps!.data));
    expectClose(xf!, xs2!, 1e-12);
  });
});

describe('generated dots', () => {
  const cases: [string, number[], number[]][] = [['matrix @ vector', [7, 5], [5]], ['vector @ matrix', [9], [9, 6]], ['matrix @ matrix', [5, 7], [7, 3]], ['vector @ vector', [11], [11]]];
  for (const dtype of ['float64', 'float32'] as const) {
    for (const [what, sa, sb] of cases) {
      it(`${what} in ${dtype} (sizes leave remainders) matches the runtime kernel`, () => {
        const a = T.tensor(dtype, sa.length, 'a'), b = T.tensor(dtype, sb.length, 'b');
        const f = fast([a, b], T.dot(a, b));
        expect(f.program.kernels[0]!.kind).toBe('dot');
        expect(f.program.cpu!.source).not.toContain('K.dot(i0');
        const va = data(8, sa).astype(dtype), vb = data(9, sb).astype(dtype);
        expectClose(f(va, vb), slow([a, b], T.dot(a, b))(va, vb), dtype === 'float32' ? 1e-6 : 1e-13);
      });
    }
  }

  it('misaligned shapes raise the runtime kernel\'s error', () => {
    const a = T.dmatrix('a'), b = T.dvector('b');
    expect(() => fast([a, b], T.dot(a, b))([[1, 2, 3]], [1, 2])).toThrow('dot: shapes (1, 3) and (2,) not aligned: 3 (dim 1) != 2 (dim 0)');
  });
});

describe('FAST_RUN against FAST_COMPILE on random graphs', () => {
  it('agrees on 60 random elementwise and reduction graphs with broadcasting', () => {
    const next = rng(42);
    const pick = <V>(xs: readonly V[]): V => xs[Math.floor(next() * xs.length)]!;
    for (let g = 0; g < 60; g++) {
      const m = T.dmatrix('m'), r = T.tensor('float64', 2, 'r', { broadcastable: [true, false] }), c = T.tensor('float64', 2, 'c', { broadcastable: [false, true] }), s = T.dscalar('s');
      let pool: T.Variable[] = [m, r, c, s];
      for (let k = 0; k < 8; k++) {
        const a = pick(pool), b = pick(pool);
        const op = pick(['add', 'mul', 'sub', 'div', 'exp', 'tanh', 'sqr', 'neg', 'max', 'sumaxis', 'maxaxis', 'log1p'] as const);
        const v = op === 'add' ? T.add(a, b) : op === 'mul' ? T.mul(a, b) : op === 'sub' ? T.sub(a, b)
          : op === 'div' ? T.true_div(a, T.add(T.sqr(b), 1)) : op === 'exp' ? T.exp(T.tanh(a)) : op === 'tanh' ? T.tanh(a)
            : op === 'sqr' ? T.sqr(a) : op === 'neg' ? T.neg(a) : op === 'max' ? T.maximum(a, b) : op === 'log1p' ? T.log1p(T.sqr(a))
              : a.ndim === 2 ? (op === 'sumaxis' ? T.sum(a, { axis: pick([0, 1]), keepdims: true }) : T.max(a, { axis: pick([0, 1]), keepdims: true })) : T.neg(a);
        pool = [...pool, v];
      }
      const outs = pool.slice(-3);
      const args = [data(g * 4, [3, 4]), data(g * 4 + 1, [1, 4]), data(g * 4 + 2, [3, 1]), 0.7];
      const got = fast([m, r, c, s], outs)(...args);
      const want = slow([m, r, c, s], outs)(...args);
      got.forEach((o, i) => expectClose(o, want[i]!, 1e-12));
    }
  });
});
