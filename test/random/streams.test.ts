// Seed 000's random numbers section, statistics of the draws, and random variables in training.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

const arr = (a: NDArray) => Array.from(a.data);

describe('seed 000: using random numbers', () => {
  const srng = new T.RandomStreams(234);
  const rv_u = srng.uniform([2, 2]);
  const rv_n = srng.normal([2, 2]);
  const f = T.fn([], rv_u);
  const g = T.fn([], rv_n, { noDefaultUpdates: true });
  const nearly_zeros = T.fn([], T.tensor`${rv_u} + ${rv_u} - 2 * ${rv_u}`);

  it('f advances the state; g with noDefaultUpdates repeats; a variable is drawn once per call', () => {
    const f0 = f(), f1 = f();
    expect(f0.shape).toEqual([2, 2]);
    expect(arr(f1)).not.toEqual(arr(f0));
    const g0 = g(), g1 = g();
    expect(arr(g1)).toEqual(arr(g0));
    expect(arr(g0)).not.toEqual(arr(f0));
    expect(arr(nearly_zeros())).toEqual([0, 0, 0, 0]);
  });

  it('seeding one variable through rng.setValue, and all through srng.seed', () => {
    const rngVal = rv_u.rng.getValue({ borrow: true });
    rngVal.seed(89234);
    rv_u.rng.setValue(rngVal, { borrow: true });
    const a = f();
    rv_u.rng.getValue({ borrow: true }).seed(89234);
    expect(arr(f())).toEqual(arr(a));
    srng.seed(902340);
    const u1 = f(), n1 = g();
    srng.seed(902340);
    expect(arr(f())).toEqual(arr(u1));
    expect(arr(g())).toEqual(arr(n1));
    expect(rv_u.rng.getValue().getState().key).not.toEqual(rv_n.rng.getValue().getState().key);
  });

  it('sharing streams between functions: replaying a saved state', () => {
    const stateAfterV0 = rv_u.rng.getValue().getState();
    nearly_zeros(); // advances rv_u's generator too
    const v1 = f();
    const rng = rv_u.rng.getValue({ borrow: true });
    rng.setState(stateAfterV0);
    rv_u.rng.setValue(rng, { borrow: true });
    const v2 = f();
    const v3 = f();
    expect(arr(v2)).not.toEqual(arr(v1));
    expect(arr(v3)).toEqual(arr(v1));
  });

  it('copying random state between graphs via stateUpdates', () => {
    class Graph {
      rng: T.RandomStreams;
      y: T.RandomVariable<'float64', 1>;
      constructor(seed = 123) {
        this.rng = new T.RandomStreams(seed);
        this.y = this.rng.uniform([1]) as T.RandomVariable<'float64', 1>;
      }
    }
    const g1 = new Graph(123), g2 = new Graph(987);
    const f1 = T.fn([], g1.y), f2 = T.fn([], g2.y);
    expect(arr(f1())).not.toEqual(arr(f2()));
    g1.rng.stateUpdates.forEach(([su1], i) => g2.rng.stateUpdates[i]![0].setValue(su1.getValue()));
    expect(arr(f1())).toEqual(arr(f2()));
    expect(T.MRG_RandomStreams.prototype).toBeInstanceOf(T.RandomStreams);
  });
});

/** Kolmogorov–Smirnov statistic of sorted samples against a CDF. */
function ks(xs: number[], cdf: (x: number) => number): number {
  const s = xs.slice().sort((a, b) => a - b);
  let d = 0;
  s.forEach((x, i) => {
    const c = cdf(x);
    d = Math.max(d, Math.abs(c - i / s.length), Math.abs(c - (i + 1) / s.length));
  });
  return d;
}
function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26, accurate to 1.5e-7: far below the KS threshold used here
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => { const m = mean(xs); return xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length; };
// 1% critical value of the KS statistic for n = 100 000: 1.628 / sqrt(n)
const KS_CRIT = 1.628 / Math.sqrt(100_000);

describe('distributions', () => {
  const srng = new T.RandomStreams(2024);

  it('uniform(low, high): mean, variance, KS on 100 000 draws, float64 and float32', () => {
    for (const dtype of ['float64', 'float32'] as const) {
      const xs = arr(T.fn([], srng.uniform([100_000], -1, 3, { dtype }))());
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(-1);
      expect(Math.max(...xs)).toBeLessThan(3);
      expect(Math.abs(mean(xs) - 1)).toBeLessThan(0.02);
      expect(Math.abs(variance(xs) - 16 / 12)).toBeLessThan(0.03);
      expect(ks(xs, (x) => (x + 1) / 4)).toBeLessThan(KS_CRIT);
    }
  });

  it('normal(avg, std): mean, variance, KS on 100 000 draws', () => {
    const xs = arr(T.fn([], srng.normal([100_000], 2, 3))());
    expect(Math.abs(mean(xs) - 2)).toBeLessThan(0.05);
    expect(Math.abs(variance(xs) - 9)).toBeLessThan(0.15);
    expect(ks(xs, (x) => 0.5 * (1 + erf((x - 2) / (3 * Math.SQRT2))))).toBeLessThan(KS_CRIT);
  });

  it('binomial(n, p) frequencies', () => {
    const xs = arr(T.fn([], srng.binomial([50_000], 4, 0.25))());
    const freq = [0, 1, 2, 3, 4].map((k) => xs.filter((x) => x === k).length / xs.length);
    const pmf = [0, 1, 2, 3, 4].map((k) => [1, 4, 6, 4, 1][k]! * 0.25 ** k * 0.75 ** (4 - k));
    freq.forEach((f, k) => expect(Math.abs(f - pmf[k]!)).toBeLessThan(0.01));
  });

  it('integers(low, high) frequencies, high exclusive', () => {
    const xs = arr(T.fn([], srng.integers([60_000], 5, 11))());
    for (let k = 5; k < 11; k++) expect(Math.abs(xs.filter((x) => x === k).length / xs.length - 1 / 6)).toBeLessThan(0.01);
    expect(xs.includes(11)).toBe(false);
  });

  it('symbolic sizes and parameters', () => {
    const x = T.dmatrix('x');
    const lo = T.dscalar('lo');
    const rv = srng.uniform(x.shape, lo, T.tensor`${lo} + 1`);
    const r = T.fn([x, lo], rv)([[1, 2, 3], [4, 5, 6]], 10);
    expect(r.shape).toEqual([2, 3]);
    expect(arr(r).every((v) => v >= 10 && v < 11)).toBe(true);
  });

  it('bad parameters are clear errors', () => {
    expect(() => srng.integers([2], 3, 3)).toThrow(/expected integers low < high/);
    expect(() => srng.binomial([2], 1.5)).toThrow(/n must be a non-negative integer/);
    expect(() => T.fn([], srng.normal([2], 0, -1))()).toThrow(/std must be >= 0/);
    expect(() => srng.uniform([2, -1])).toThrow(/size entry 1 must be a non-negative integer/);
  });
});

describe('random variables in training', () => {
  it('dropout inside a trained function: masks change per step, state is shared, training converges', () => {
    const srng = new T.RandomStreams(7);
    const x = T.dmatrix('x'), y = T.dvector('y');
    const w = T.shared(T.asarray([0, 0, 0], { dtype: 'float64' }), { name: 'w' });
    const mask = srng.binomial([3], 1, 0.8, { dtype: 'float64' });
    const pred = T.tensor`${x} @ (${w} * ${mask} / 0.8)`;
    const cost = T.tensor`mean((${pred} - ${y}) ** 2)`;
    const gw = T.grad(cost, w);
    const train = T.fn([x, y], [cost, mask], { updates: [[w, T.tensor`${w} - 0.1 * ${gw}`]] });
    const X = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]];
    const Y = [1, 2, 3, 6];
    const masks = new Set<string>();
    let last = Infinity;
    for (let i = 0; i < 400; i++) {
      const [c, m] = train(X, Y);
      masks.add(arr(m).join());
      last = c.data[0]!;
    }
    expect(masks.size).toBeGreaterThan(1);
    expect(last).toBeLessThan(5);
    const predict = T.fn([x], T.dot(x, w));
    const p = arr(predict(X));
    expect(p[3]).toBeGreaterThan(3);
  });

  it('noDefaultUpdates with explicit updates keeps the explicit ones', () => {
    const srng = new T.RandomStreams(3);
    const rv = srng.uniform([2]);
    const s = T.shared(0);
    const h = T.fn([], rv, { noDefaultUpdates: true, updates: [[s, T.add(s, 1)]] });
    const a = h(), b = h();
    expect(arr(a)).toEqual(arr(b));
    expect(s.getValue().toArray()).toBe(2);
  });
});
