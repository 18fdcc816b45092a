// T.grad's driver: accumulation, options, integer inputs, printing, second derivatives.
import { describe, expect, it, vi } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

const vals = (a: NDArray) => Array.from(a.data);
const near = (a: NDArray, b: readonly number[], tol = 1e-12) => {
  expect(a.size).toBe(b.length);
  vals(a).forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(tol * (1 + Math.abs(b[i]!))));
};

describe('T.grad', () => {
  it('prints a readable expression for the seed example', () => {
    const x = T.dscalar('x');
    const gy = T.grad(T.tensor`${x} ** 2`, x);
    expect(T.pp(gy)).toBe('((fill((x ** TensorConstant{2}), TensorConstant{1}) * TensorConstant{2}) * (x ** (TensorConstant{2} - TensorConstant{1})))');
    const f = T.fn([x], gy);
    expect(String(f(4))).toBe('array(8.)');
    expect(String(f(94.2))).toBe('array(188.4)');
  });

  it('sums the contributions of a variable used more than once', () => {
    const x = T.dvector('x');
    const g = T.grad(T.sum(T.tensor`${x} * ${x} + sin(${x}) + ${x}`), x);
    near(g.eval({ x: [0.5, -1, 2] }), [0.5, -1, 2].map((v) => 2 * v + Math.cos(v) + 1));
  });

  it('returns one gradient per wrt, in order, for a list', () => {
    const [a, b] = T.dscalars('a', 'b');
    const [ga, gb] = T.grad(T.tensor`${a} * ${b} ** 3`, [a, b]);
    const f = T.fn([a, b], [ga, gb]);
    const [va, vb] = f(2, 3);
    expect(va.data[0]).toBe(27);
    expect(vb.data[0]).toBe(2 * 3 * 9);
  });

  it('gives the logistic function its textbook derivative', () => {
    const x = T.dmatrix('x');
    const s = T.sum(T.tensor`1 / (1 + exp(-${x}))`);
    const gs = T.grad(s, x);
    const xs = [[0, 1], [-1, -2]];
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    near(gs.eval({ x: xs }), xs.flat().map((v) => sig(v) * (1 - sig(v))));
  });

  it('takes shared variables as wrt', () => {
    const w = T.shared([1, 2, 3], { name: 'w' });
    const g = T.grad(T.sum(T.sqr(w)), w);
    near(T.fn([], g)(), [2, 4, 6]);
  });

  it('requires a 0-d cost and names its type', () => {
    const x = T.dvector('x');
    expect(() => T.grad(T.sqr(x), x)).toThrow(/cost must be a scalar \(0-d tensor\), got TensorType\(float64, vector\)/);
  });

  it('raises for a wrt the cost does not depend on, naming it', () => {
    const [x, y] = T.dvectors('x', 'y');
    const cost = T.sum(x);
    expect(() => T.grad(cost, y)).toThrow(/does not depend on 'y' \(wrt 0\)/);
    expect(() => T.grad(cost, [x, y])).toThrow(/does not depend on 'y' \(wrt 1\)/);
  });

  it('treats a wrt reached only through its shape as disconnected', () => {
    const x = T.dvector('x');
    const cost = T.sum(T.cast(T.shape(x), 'float64'));
    expect(() => T.grad(cost, x)).toThrow(/does not depend on 'x'/);
  });

  it("returns zeros for disconnected inputs with 'ignore' and 'warn'", () => {
    const [x, y] = T.dvectors('x', 'y');
    const gy = T.grad(T.sum(x), y, { disconnectedInputs: 'ignore' });
    near(gy.eval({ y: [1, 2] }), [0, 0]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const [gx, gy2] = T.grad(T.sum(x), [x, y], { disconnected_inputs: 'warn' });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/'y'/);
      near(T.fn([x, y], [gx, gy2])([1, 2], [3, 4, 5])[1], [0, 0, 0]);
    } finally {
      warn.mockRestore();
    }
  });

  it('gives integer and bool inputs zero floatX gradients, not errors', () => {
    const x = T.dvector('x');
    const i = T.iscalar('i');
    const mask = T.tensor('bool', 1, 'mask');
    const cost = T.sum(T.tensor`${x} * cast(${i}, 'float64') + ${x} * ${mask}`);
    const [gx, gi, gm] = T.grad(cost, [x, i, mask]);
    expect(gi.dtype).toBe(T.config.floatX);
    expect(gm.dtype).toBe(T.config.floatX);
    const [vx, vi, vm] = T.fn([x, i, mask], [gx, gi, gm])([1, 2], 3, [true, false]);
    near(vx, [4, 3]);
    expect(vi.ndim).toBe(0);
    near(vi, [0]);
    near(vm, [0, 0]);
  });

  it('passes zero through integer intermediates (floor division, argmax)', () => {
    const x = T.dvector('x');
    const cost = T.sum(T.tensor`${x} * cast(argmax(${x}), 'float64')`);
    near(T.grad(cost, x).eval({ x: [1, 5, 2] }), [1, 1, 1]);
  });

  it('keeps gradients in the dtype of float32 inputs', () => {
    const x = T.fvector('x');
    const g = T.grad(T.sum(T.tensor`${x} * 2.5`), x);
    expect(g.dtype).toBe('float32');
    near(g.eval({ x: new Float32Array([1, 2]) }), [2.5, 2.5]);
  });

  it('stops at considerConstant variables', () => {
    const x = T.dscalar('x');
    const y = T.sqr(x);
    const cost = T.mul(y, x);
    expect(T.grad(cost, x).eval({ x: 2 }).data[0]).toBe(12);
    expect(T.grad(cost, x, { considerConstant: [y] }).eval({ x: 2 }).data[0]).toBe(4);
    expect(T.grad(cost, x, { consider_constant: [y] }).eval({ x: 2 }).data[0]).toBe(4);
  });

  it('differentiates with respect to an intermediate variable', () => {
    const x = T.dscalar('x');
    const y = T.exp(x);
    const cost = T.sqr(y);
    const [gy, gx] = T.grad(cost, [y, x]);
    const [vy, vx] = T.fn([x], [gy, gx])(0.5);
    expect(vy.data[0]).toBeCloseTo(2 * Math.exp(0.5), 12);
    expect(vx.data[0]).toBeCloseTo(2 * Math.exp(1), 12);
  });

  it('adds knownGrads to what flows from the cost, or starts from them alone', () => {
    const x = T.dvector('x');
    const y = T.mul(x, 3);
    const g = T.grad(null, x, { knownGrads: new Map([[y, T.constant([1, 10])]]) });
    near(g.eval(), [3, 30]);
    const g2 = T.grad(T.sum(y), x, { known_grads: [[y, T.constant([1, 10])]] });
    near(g2.eval({ x: [0, 0] }), [6, 33]);
  });

  it('differentiates a gradient again', () => {
    const x = T.dscalar('x');
    const g = T.grad(T.tensor`${x} ** 3 + sin(${x})`, x);
    const h = T.grad(g, x);
    const t = T.grad(h, x);
    const f = T.fn([x], [g, h, t]);
    const [vg, vh, vt] = f(0.7);
    expect(vg.data[0]).toBeCloseTo(3 * 0.49 + Math.cos(0.7), 12);
    expect(vh.data[0]).toBeCloseTo(6 * 0.7 - Math.sin(0.7), 12);
    expect(vt.data[0]).toBeCloseTo(6 - Math.cos(0.7), 12);
  });

  it('routes max gradients to the arg-max and splits prod around zeros', () => {
    const x = T.dmatrix('x');
    near(T.grad(T.sum(T.max(x, { axis: 1 })), x).eval({ x: [[1, 3, 2], [5, 4, 0]] }), [0, 1, 0, 1, 0, 0]);
    const gp = T.grad(T.sum(T.prod(x, { axis: 1 })), x);
    near(gp.eval({ x: [[0, 3, 2], [0, 4, 0]] }), [6, 0, 0, 0, 0, 0]);
    near(gp.eval({ x: [[1, 3, 2], [2, 4, 0.5]] }), [6, 2, 3, 2, 1, 8]);
  });

  it('defines d(a ** b)/db as 0 at a = 0, as Theano', () => {
    const [a, b] = T.dvectors('a', 'b');
    const [ga, gb] = T.grad(T.sum(T.pow(a, b)), [a, b]);
    const [va, vb] = T.fn([a, b], [ga, gb])([0, 2], [3, 0.5]);
    near(va, [0, 0.5 / Math.SQRT2]);
    near(vb, [0, Math.SQRT2 * Math.log(2)]);
  });

  it('accumulates repeated integer indices', () => {
    const x = T.dvector('x');
    const g = T.grad(T.sum(T.subtensor(x, [[0, 2, 0, 0]])), x);
    near(g.eval({ x: [5, 6, 7] }), [3, 0, 1]);
  });

  it('gives the result as an ordinary graph that compiles with updates', () => {
    const w = T.shared([1, -1], { name: 'w' });
    const x = T.dvector('x');
    const cost = T.sum(T.sqr(T.sub(w, x)));
    const gw = T.grad(cost, w);
    const step = T.fn([x], cost, { updates: [[w, T.sub(w, T.mul(0.25, gw))]] });
    for (let i = 0; i < 60; i++) step([3, 4]);
    near(w.getValue(), [3, 4], 1e-9);
  });
});

/** A template lambda's first parameter, its body, then its other parameters (static shapes from `f64[3]`). */
const unpack = (lam: T.TemplateLambda): [T.Variable, T.Variable, ...T.Variable[]] => {
  const [first, ...rest] = lam.params as T.Variable[];
  return [first!, lam.body as T.Variable, ...rest];
};

describe('T.jacobian and T.hessian', () => {
  it('stacks the gradient of each element', () => {
    const [x, body] = unpack(T.tensor`(x: f64[3]) => x ** 2 * sum(x)`);
    const J = T.jacobian(body, x);
    expect(J.ndim).toBe(2);
    const xv = [1, 2, -0.5];
    const s = xv.reduce((a, b) => a + b);
    // d(x_i^2 s)/dx_j = 2 x_i s [i = j] + x_i^2
    const want = xv.flatMap((xi, i) => xv.map((_, j) => (i === j ? 2 * xi * s : 0) + xi * xi));
    near(J.eval({ x: xv }), want);
  });

  it('takes a list of wrt and returns a list', () => {
    const [a, body, b] = unpack(T.tensor`(a: f64[2], b: f64) => a * b`);
    const [Ja, Jb] = T.jacobian(body, [a, b!]);
    const [va, vb] = T.fn([a, b], [Ja, Jb])([2, 3], 5);
    near(va, [5, 0, 0, 5]);
    near(vb, [2, 3]);
  });

  it('loops with scan over an expression of unknown length', () => {
    const v = T.dvector('v'), w = T.dscalar('w');
    const [Jv, Jw] = T.jacobian(T.mul(T.sqr(v), w), [v, w]);
    expect(Jv.owner!.op.kind).toBe('scan');
    const [jv, jw] = T.fn([v, w], [Jv, Jw])([1, 2, 3], 2);
    near(jv, [4, 0, 0, 0, 8, 0, 0, 0, 12]);
    near(jw, [1, 4, 9]);
    near(T.hessian(T.sum(T.mul(T.sqr(v), v)), v).eval({ v: [1, -2] }), [6, 0, 0, -12]);
    expect(T.fn([v, w], Jv)([], 2).shape).toEqual([0, 0]);
  });

  it('gives the Hessian of a cubic and of a quadratic form', () => {
    const [x, body] = unpack(T.tensor`(x: f64[3]) => sum(x ** 3)`);
    near(T.hessian(body, x).eval({ x: [1, 2, -3] }), [6, 0, 0, 0, 12, 0, 0, 0, -18]);
    const A = T.constant([[1, 2, 0], [0, 3, 4], [5, 0, 6]]);
    const q = T.dot(x, T.dot(A, x));
    // d2(x'Ax) = A + A'
    near(T.hessian(q, x).eval({ x: [0.3, -1, 2] }), [2, 2, 5, 2, 6, 4, 5, 4, 12]);
  });
});
