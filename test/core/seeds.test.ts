// Every seed example that needs no gradient, randomness or loop, with the seeds' printed numbers.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { NDArray } from '../../runtime/ndarray.ts';

const close = (a: NDArray, b: unknown, tol = 1e-8) => {
  const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [Number(v)]);
  const x = flat(a.toArray()), y = flat(b);
  expect(x.length).toBe(y.length);
  x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThanOrEqual(tol));
};

describe('seed 000: More Examples', () => {
  it('logistic function, both forms', () => {
    const x = T.dmatrix('x');
    const logistic = T.fn([x], T.tensor`1 / (1 + exp(-${x}))`);
    const out = logistic([[0, 1], [-1, -2]]);
    close(out, [[0.5, 0.73105858], [0.26894142, 0.11920292]]);
    expect(String(out)).toBe('array([[0.5       , 0.73105858],\n       [0.26894142, 0.11920292]])');
    const logistic2 = T.fn([x], T.tensor`(1 + tanh(${x} / 2)) / 2`);
    close(logistic2([[0, 1], [-1, -2]]), out.toArray(), 1e-15);
  });

  it('computes several outputs at once', () => {
    const [a, b] = T.dmatrices('a', 'b');
    const diff = T.sub(a, b);
    const f = T.fn([a, b], [diff, T.abs(diff), T.tensor`${diff}**2`]);
    const [d, ad, d2] = f([[1, 1], [1, 1]], [[0, 1], [2, 3]]);
    expect(d.toArray()).toEqual([[1, 0], [-1, -2]]);
    expect(ad.toArray()).toEqual([[1, 0], [1, 2]]);
    expect(d2.toArray()).toEqual([[1, 0], [1, 4]]);
  });

  it('Param defaults and keyword arguments', () => {
    const [x, y] = T.dscalars('x', 'y');
    const f = T.fn([x, T.Param(y, { default: 1 })], T.add(x, y));
    expect(String(f(33))).toBe('array(34.)');
    expect(String(f(33, 2))).toBe('array(35.)');
    const [x2, y2, w] = T.dscalars('x', 'y', 'w');
    const g = T.fn([x2, T.Param(y2, { default: 1 }), T.Param(w, { default: 2, name: 'w_by_name' })], T.tensor`(${x2} + ${y2}) * ${w}`);
    expect(g(33).toArray()).toBe(68);
    expect(g(33, 2).toArray()).toBe(70);
    expect(g(33, 0, 1).toArray()).toBe(33);
    expect(g(33, { w_by_name: 1 }).toArray()).toBe(34);
    expect(g(33, { w_by_name: 1, y: 0 }).toArray()).toBe(33);
  });

  it('shared accumulator, set_value, decrementor', () => {
    const state = T.shared(0, { dtype: 'int32' });
    const inc = T.iscalar('inc');
    const accumulator = T.fn([inc], state, { updates: [[state, T.add(state, inc)]] });
    expect(state.getValue().toArray()).toBe(0);
    expect(accumulator(1).toArray()).toBe(0);
    expect(state.getValue().toArray()).toBe(1);
    expect(accumulator(300).toArray()).toBe(1);
    expect(state.getValue().toArray()).toBe(301);
    state.setValue(-1);
    expect(accumulator(3).toArray()).toBe(-1);
    expect(state.getValue().toArray()).toBe(2);
    const decrementor = T.fn([inc], state, { updates: new Map([[state, T.sub(state, inc)]]) });
    expect(decrementor(2).toArray()).toBe(2);
    expect(state.getValue().toArray()).toBe(0);
  });

  it('givens replace the shared state for one function', () => {
    const state = T.shared(0, { dtype: 'int32' });
    const inc = T.iscalar('inc');
    const fnOfState = T.tensor`${state} * 2 + ${inc}`;
    const foo = T.scalar('foo', state.dtype);
    const skipShared = T.fn([inc, foo], fnOfState, { givens: [[state, foo]] });
    expect(skipShared(1, 3).toArray()).toBe(7);
    expect(state.getValue().toArray()).toBe(0);
  });
});

describe('seed 001: notebook', () => {
  it('adds scalars and matrices; types print like Theano', () => {
    const x = T.dscalar('x');
    const y = T.dscalar('y');
    expect(String(x.type)).toBe('TensorType(float64, scalar)');
    const z = T.add(x, y);
    expect(T.pp(z)).toBe('(x + y)');
    expect(String(T.fn([x, y], z)(2, 3))).toBe('array(5.)');
    const [a, b] = T.dmatrices('x', 'y');
    const f = T.fn([a, b], T.add(a, b));
    expect(String(f([[1, 2], [3, 4]], [[10, 20], [30, 40]]))).toBe('array([[11., 22.],\n       [33., 44.]])');
    expect(f(T.asarray([[1, 2], [3, 4]]), T.asarray([[10, 20], [30, 40]])).toArray()).toEqual([[11, 22], [33, 44]]);
  });

  it('graph structure: owner, op name, DimShuffle of the constant', () => {
    const x = T.dmatrix('x');
    const y = T.tensor`${x} * 2`;
    expect(y.owner).not.toBeNull();
    expect(y.owner!.op.name).toBe('mul');
    expect(String(y.owner!.op)).toBe('Elemwise{mul,no_inplace}');
    expect(y.owner!.inputs.length).toBe(2);
    expect(y.owner!.inputs[0]).toBe(x);
    const c = y.owner!.inputs[1]!;
    expect(String(c)).toBe('DimShuffle{x,x}.0');
    expect(c.owner!.op.kind).toBe('dimshuffle');
    expect(c.owner!.inputs.map(String)).toEqual(['TensorConstant{2}']);
    expect(x.owner).toBeNull();
  });
});

describe('seed 002/004: In, copy with swap and deleteUpdates, broadcastable shared', () => {
  it('In with value', () => {
    const [x, y] = T.dscalars('x', 'y');
    const f = T.fn([x, T.In(y, { value: 2 })], T.add(x, y));
    expect(f(2).toArray()).toBe(4);
    const [a, b, w] = T.dscalars('x', 'y', 'w');
    const g = T.fn([a, T.In(b, { value: 1 }), T.In(w, { value: 2, name: 'w_by_name' })], T.tensor`(${a} + ${b}) * ${w}`);
    expect([g(1), g(1, 2), g(1, 1, 1), g(1, { w_by_name: 1, y: 0 }), g(1, { w_by_name: 1 })].map((r) => r.toArray())).toEqual([4, 6, 2, 1, 2]);
  });

  it('copy swaps shared state and deletes updates', () => {
    const state = T.shared(0, { dtype: 'int32', name: 'state' });
    const inc = T.iscalar('inc');
    const accumulator = T.fn([inc], state, { updates: [[state, T.add(state, inc)]] });
    accumulator(10);
    const newState = T.shared(0, { dtype: 'int32' });
    const newAccumulator = accumulator.copy({ swap: new Map([[state, newState]]) });
    newAccumulator(100);
    expect(newState.getValue().toArray()).toBe(100);
    expect(state.getValue().toArray()).toBe(10);
    const nullAccumulator = accumulator.copy({ deleteUpdates: true });
    nullAccumulator(100);
    expect(state.getValue().toArray()).toBe(10);
    expect(newAccumulator.program).toBe(accumulator.program);
  });

  it('shared variables with a broadcastable pattern', () => {
    const s = T.shared(T.asarray([[1, 2, 3]]), { broadcastable: [true, false] });
    expect(String(s.type)).toBe('TensorType(int64, row)');
    const m = T.lmatrix('m');
    expect(T.fn([m], T.add(m, s))([[10, 20, 30], [40, 50, 60]]).toArray()).toEqual([[11, 22, 33], [41, 52, 63]]);
    expect(() => s.setValue([[1, 2], [3, 4]])).toThrow(/broadcastable and must have size 1/);
  });

  it('allclose checks an eval (seed 004)', () => {
    const [x, y] = T.dscalars('x', 'y');
    const z = T.add(x, y);
    expect(T.allclose(z.eval({ x: 1, y: 2 }), 3).eval().toArray()).toBe(true);
  });
});

describe('seed 003: Theano as a compute engine', () => {
  it('tensor types and floatX constructors', () => {
    expect(String(T.iscalar().type)).toBe('TensorType(int32, scalar)');
    expect(String(T.fscalar().type)).toBe('TensorType(float32, scalar)');
    expect(String(T.dscalar().type)).toBe('TensorType(float64, scalar)');
    expect(T.config.floatX).toBe('float64');
    expect(String(T.scalar().type)).toBe('TensorType(float64, scalar)');
    T.config.floatX = 'float32';
    try {
      expect(String(T.scalar().type)).toBe('TensorType(float32, scalar)');
      const x = T.matrix('x');
      const y = T.matrix('y');
      const z = T.add(x, y);
      expect(T.pp(z)).toBe('(x + y)');
      const r = z.eval({ x: [[1, 2], [1, 3]], y: [[1, 0], [3, 4]] });
      expect(r.dtype).toBe('float32');
      expect(String(r)).toBe('array([[2., 2.],\n       [4., 7.]], dtype=float32)');
    } finally {
      T.config.floatX = 'float64';
    }
  });

  it('unnamed variables print their type; x + x', () => {
    const a = T.matrix(), b = T.matrix();
    expect(T.pp(T.add(a, b))).toBe('(<TensorType(float64, matrix)> + <TensorType(float64, matrix)>)');
    let x = T.matrix('x');
    x = T.add(x, x);
    expect(T.pp(x)).toBe('(x + x)');
    const [p, q, r] = T.matrices('x', 'y', 'z');
    expect([p.name, q.name, r.name]).toEqual(['x', 'y', 'z']);
  });

  it('debugprint of x + y', () => {
    const x = T.matrix('x'), y = T.matrix('y');
    expect(T.debugprint(T.add(x, y))).toBe("Elemwise{add,no_inplace} [id A] ''\n |x [id B]\n |y [id C]");
  });

  it('fusion: (x + y) * x compiles to one Composite kernel', () => {
    const x = T.matrix('x'), y = T.matrix('y');
    const f = T.fn([x, y], T.tensor`(${x} + ${y}) * ${x}`);
    expect(f.program.cpu!.kernels.length).toBe(1);
    expect(T.debugprint(f)).toContain('Elemwise{Composite{((i0 + i1) * i0)}}');
    expect(f([[1, 2]], [[3, 4]]).toArray()).toEqual([[4, 12]]);
  });

  it('allowInputDowncast: float64 data for float32 inputs', () => {
    const x = T.fmatrix(), y = T.fmatrix();
    const addition = T.fn([x, y], [T.add(x, y)]);
    const ones = T.asarray([[1, 1], [1, 1]]);
    const zeros = T.asarray([[0, 0], [0, 0]], { dtype: 'float64' });
    expect(() => addition(ones.astype('float64'), zeros)).toThrow(/cannot store a value of dtype float64 without risking loss of precision.*allowInputDowncast/);
    expect(addition(ones.astype('float32'), zeros.astype('float32'))[0]!.toArray()).toEqual([[1, 1], [1, 1]]);
    const down = T.fn([x, y], [T.add(x, y)], { allowInputDowncast: true });
    const [r] = down(ones.astype('float64'), zeros);
    expect(r!.dtype).toBe('float32');
    expect(r!.toArray()).toEqual([[1, 1], [1, 1]]);
  });

  it('creation: zeros, identity_like, arange', () => {
    const a = T.zeros([2, 3]);
    expect(a.eval().toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(T.identity_like(a).eval().toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    const c = T.arange(10);
    expect(c.eval().toArray()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(c.ndim).toBe(1);
    expect(c.dtype).toBe('int64');
    expect(String(c.type)).toBe('TensorType(int64, vector)');
  });

  it('symbolic shapes evaluate', () => {
    const a = T.matrix();
    expect(a.shape.eval(new Map([[a, [[1, 2], [1, 3]]]])).toArray()).toEqual([2, 2]);
    expect(T.fn([a], a.shape)([[1, 2], [1, 3]]).toArray()).toEqual([2, 2]);
    const n = T.iscalar();
    const c = T.arange(n);
    expect(c.shape.eval(new Map([[n, 10]])).toArray()).toEqual([10]);
  });

  it('reshape, chained slicing and .T', () => {
    const a = T.arange(10);
    expect(T.reshape(a, [5, 2]).eval().toArray()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    expect(T.tensor`arange(10).reshape([5, 2])[::-1].T`.eval().toArray()).toEqual([[8, 6, 4, 2, 0], [9, 7, 5, 3, 1]]);
  });

  it('elementwise with broadcasting, T.mul with many inputs', () => {
    const [a, b] = T.matrices('a', 'b');
    const diag = [[3, 0], [0, 3]];
    expect(T.mul(a, b).eval({ a: [[1, 1], [1, 1]], b: diag }).toArray()).toEqual(diag);
    expect(T.mul(a, b, a, b).eval({ a: [[1, 1], [1, 1]], b: diag }).toArray()).toEqual([[9, 0], [0, 9]]);
    const m = T.matrix();
    expect(T.tensor`${m} ** 2`.eval(new Map([[m, diag]])).toArray()).toEqual([[9, 0], [0, 9]]);
    const s = T.scalar();
    expect(T.mul(m, s).eval(new Map<T.Variable, unknown>([[m, diag], [s, 3]])).toArray()).toEqual([[9, 0], [0, 9]]);
  });

  it('switch', () => {
    const cond = T.vector('cond');
    const [x, y] = T.vectors('x', 'y');
    expect(T.switch(cond, x, y).eval({ cond: [1, 0], x: [10, 10], y: [3, 2] }).toArray()).toEqual([10, 2]);
  });

  it('reductions: max over all, axis 0, axis 1', () => {
    const a = T.matrix('a');
    expect(T.max(a).eval({ a: [[1, 2], [3, 4]] }).toArray()).toBe(4);
    expect(T.max(a, { axis: 0 }).eval({ a: [[1, 2], [3, 4]] }).toArray()).toEqual([3, 4]);
    expect(T.max(a, { axis: 1 }).eval({ a: [[1, 2], [3, 4]] }).toArray()).toEqual([2, 4]);
  });

  it('concatenate and stack', () => {
    const a = T.arange(10).reshape([5, 2]);
    const b = T.subtensor(a, [T.slice(null, null, -1)]);
    expect(b.eval().toArray()).toEqual([[8, 9], [6, 7], [4, 5], [2, 3], [0, 1]]);
    expect(T.concatenate([a, b]).eval().toArray()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9], [8, 9], [6, 7], [4, 5], [2, 3], [0, 1]]);
    expect(T.concatenate([a, b], { axis: 1 }).eval().toArray()).toEqual([[0, 1, 8, 9], [2, 3, 6, 7], [4, 5, 4, 5], [6, 7, 2, 3], [8, 9, 0, 1]]);
    expect(T.stack([a, b]).eval().toArray()).toEqual([
      [[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]],
      [[8, 9], [6, 7], [4, 5], [2, 3], [0, 1]],
    ]);
  });

  it('set_subtensor and inc_subtensor', () => {
    const a = T.arange(10).reshape([5, 2]);
    expect(T.set_subtensor(T.tensor`${a}[3:]`, [1, 1]).eval().toArray()).toEqual([[0, 1], [2, 3], [4, 5], [1, 1], [1, 1]]);
    expect(T.inc_subtensor(T.tensor`${a}[3:]`, [1, 1]).eval().toArray()).toEqual([[0, 1], [2, 3], [4, 5], [7, 8], [9, 10]]);
    expect(a.eval().toArray()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
  });

  it('function with outputs and no outputs; updates only', () => {
    const a = T.matrix();
    const ex = T.fn([a], [T.exp(a), T.log(a), T.tensor`${a}**2`]);
    const [e, l, sq] = ex([[1, 2], [3, 4]]);
    expect(e!.get(0, 1)).toBeCloseTo(Math.exp(2), 12);
    expect(l!.get(1, 1)).toBeCloseTo(Math.log(4), 12);
    expect(sq!.toArray()).toEqual([[1, 4], [9, 16]]);
    const w = T.shared(1.0);
    const x = T.scalar('x');
    const mul = T.fn([x], undefined, { updates: [[w, T.mul(w, x)]] });
    expect(mul(4)).toEqual([]);
    expect(w.getValue().toArray()).toBe(4);
  });
});
