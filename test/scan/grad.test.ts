// Gradients through T.scan: backpropagation through time (a backward scan), truncated BPTT,
// second derivatives, and an RNN trained by gradient descent.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { Random } from '../../samples/lib/random.ts';
import { verifyGrad } from '../grad/verify-grad.ts';

const one = (o: Variable | Variable[]): Variable => {
  if (Array.isArray(o)) throw new Error('expected one output');
  return o;
};
const rng = new Random(8);
const rand = (shape: number[], scale = 1) => {
  const a = new NDArray('float64', shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform(-scale, scale);
  return a;
};
const nums = (a: NDArray) => Array.from(a.data);

/** s_t = a * s_{t-1} + x_t; the cost is the last state. */
function linear(truncateGradient?: number) {
  const x = T.dvector('x'), s0 = T.dscalar('s0'), a = T.dscalar('a');
  const [s] = T.scan({ fn: (xt, prev, k) => T.add(T.mul(k, prev), xt), sequences: x, outputsInfo: s0, nonSequences: a, ...(truncateGradient ? { truncateGradient } : {}) });
  const cost = T.subtensor(one(s), -1);
  return T.fn([x, s0, a], T.grad(cost, [x, s0, a]));
}

describe('scan gradients', () => {
  it('backpropagates through time: d s_last / d x_t = a^(n-1-t)', () => {
    const [gx, gs0, ga] = linear()([1, 2, 3, 4], 0.5, 2);
    expect(nums(gx!)).toEqual([8, 4, 2, 1]);
    expect(nums(gs0!)).toEqual([16]);
    // s4 = a^4 s0 + a^3 x0 + a^2 x1 + a x2 + x3, differentiated in a at a = 2
    expect(nums(ga!)).toEqual([4 * 8 * 0.5 + 3 * 4 * 1 + 2 * 2 * 2 + 3]);
  });

  it('truncateGradient keeps only the last steps of the backward pass', () => {
    const [gx, gs0, ga] = linear(2)([1, 2, 3, 4], 0.5, 2);
    expect(nums(gx!)).toEqual([0, 0, 2, 1]);
    // the initial state lies outside the two steps
    expect(nums(gs0!)).toEqual([0]);
    // only the last two steps' dependence on a: s4 = a * s3 + x3, s3 = a * s2 + x2 with s2 held fixed
    const s2 = 2 * (2 * 0.5 + 1) + 2, s3 = 2 * s2 + 3;
    expect(nums(ga!)).toEqual([s3 + 2 * s2]);
    const [gxAll] = linear(10)([1, 2, 3, 4], 0.5, 2);
    expect(nums(gxAll!)).toEqual([8, 4, 2, 1]);
  });

  it('checks against finite differences: taps, maps, non-sequences and closures together', () => {
    const w0 = rand([2, 2], 0.7);
    verifyGrad((x, init, w) => {
      const [outs] = T.scan({
        fn: (xt, p2, p1, W) => [T.tanh(T.add(T.dot(p1, W), T.mul(p2, xt))), T.sum(T.mul(p1, xt))],
        sequences: x, outputsInfo: [{ initial: init!, taps: [-2, -1] }, null], nonSequences: w!,
      });
      const [h, m] = outs as Variable[];
      return T.add(T.sum(h!, { axis: 0 }), T.mul(T.sum(m!), w0.data[0]!));
    }, [rand([5, 2]), rand([2, 2]), w0]);
  });

  it('second derivatives: the gradient of the backward scan is a scan too', () => {
    verifyGrad((x, c) => {
      const [s] = T.scan({ fn: (xt, prev, k) => T.add(T.mul(T.sin(k), prev), T.mul(xt, xt)), sequences: x, outputsInfo: T.constant(0.3, { dtype: 'float64' }), nonSequences: c! });
      const cost = T.sum(T.mul(one(s), one(s)));
      const [gx, gc] = T.grad(cost, [x!, c!]);
      return T.add(T.sum(T.mul(gx!, gx!)), gc!);
    }, [rand([4]), rand([])], { tol: 1e-5 });
  });

  it('random draws inside the loop are replayed by the backward pass', () => {
    const srng = new T.RandomStreams(11);
    const x = T.dvector('x');
    const [out, updates] = T.scan({ fn: (xt) => T.mul(xt, srng.uniform([], 1, 2)), sequences: x });
    const g = T.grad(T.sum(one(out)), x);
    const f = T.fn([x], [one(out), g], { updates });
    const [o, gx] = f([2, 2, 2, 2]);
    // out = x * u, so the gradient is u = out / x: the same draws
    expect(nums(gx!)).toEqual(nums(o!).map((v) => v / 2));
  });

  it('gradients are disconnected from what the loop does not read', () => {
    const x = T.dvector('x'), y = T.dvector('y');
    const [out] = T.scan({ fn: (xt, _yt) => T.mul(xt, 2), sequences: [x, y] });
    expect(() => T.grad(T.sum(one(out)), y)).toThrow(/does not depend on 'y'/);
    expect(nums(T.fn([x, y], T.grad(T.sum(one(out)), x))([1, 2], [3, 4]))).toEqual([2, 2]);
  });
});

describe('an RNN trained by gradient descent', () => {
  it('the loss decreases, and its gradients match finite differences', () => {
    const nIn = 3, nHid = 4, steps = 6;
    const data = new Random(5);
    const param = (shape: number[], scale: number, name: string) => {
      const a = new NDArray('float64', shape);
      for (let i = 0; i < a.size; i++) a.data[i] = data.uniform(-scale, scale);
      return T.shared(a, { name });
    };
    const Win = param([nIn, nHid], 0.5, 'Win'), Wrec = param([nHid, nHid], 0.3, 'Wrec'), b = param([nHid], 0.1, 'b'), wOut = param([nHid], 0.5, 'wOut');
    const x = T.dmatrix('x'), y = T.dvector('y');
    const h0 = T.zeros([nHid], { dtype: 'float64' });
    const [hs] = T.scan({
      fn: (xt, h, wi, wr, bb) => T.tanh(T.add(T.add(T.dot(xt, wi), T.dot(h, wr)), bb)),
      sequences: x, outputsInfo: h0, nonSequences: [Win, Wrec, b],
    });
    const pred = T.dot(one(hs), wOut);
    const loss = T.mean(T.sqr(T.sub(pred, y)));
    const params = [Win, Wrec, b, wOut];
    const grads = T.grad(loss, params);
    const lr = 0.2;
    const train = T.fn([x, y], loss, { updates: params.map((p, i) => [p, T.sub(p, T.mul(lr, grads[i]!))] as const) });

    const xs = rand([steps, nIn]);
    const target = new NDArray('float64', [steps], Float64Array.from({ length: steps }, (_, t) => Math.sin(t)));
    const losses = Array.from({ length: 40 }, () => train(xs, target).toArray() as number);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    for (let i = 1; i < losses.length; i++) expect(losses[i]!).toBeLessThan(losses[i - 1]! + 1e-12);

    // the same network with the trained weights as inputs, against finite differences
    const values = params.map((p) => p.getValue());
    verifyGrad((wi, wr, bb, wo) => {
      const [h] = T.scan({ fn: (xt, hp, a, r, c) => T.tanh(T.add(T.add(T.dot(xt, a), T.dot(hp, r)), c)), sequences: T.constant(xs), outputsInfo: h0, nonSequences: [wi!, wr!, bb!] });
      return T.mean(T.sqr(T.sub(T.dot(one(h), wo!), T.constant(target))));
    }, values);
  });
});
