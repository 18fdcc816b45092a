// Stabilization: each rule's rewritten graph and unchanged numbers where the literal formula
// is finite, and the seed's cross-entropy staying finite where the literal one overflows.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { type RuleCase, checkRule, randn, rewritten, rng, sameNumbers } from './helpers.ts';

const CASES: RuleCase[] = [
  ['softplus', (x) => T.tensor`log(1 + exp(${x}))`, 'softplus(x)'],
  ['log1p_exp', (x) => T.tensor`log1p(exp(${x}))`, 'softplus(x)'],
  ['log_sigmoid', (x) => T.tensor`log(sigmoid(${x}))`, '-softplus(-x)'],
  ['log_1m_sigmoid', (x) => T.tensor`log(1 - sigmoid(${x}))`, '-softplus(x)'],
  ['sigmoid', (x) => T.tensor`1 / (1 + exp(-${x}))`, 'sigmoid(x)'],
  ['sigmoid', (x) => T.tensor`1 / (1 + exp(${x}))`, 'sigmoid(-x)'],
  ['log1p', (x) => T.tensor`log(1 + ${x})`, 'log1p(x)', 'positive'],
  ['log1p', (x) => T.tensor`log(${x} + 1)`, 'log1p(x)', 'positive'],
  ['expm1', (x) => T.tensor`exp(${x}) - 1`, 'expm1(x)'],
];

const LSE = (axis: string, keep: string) =>
  `(log(sum(exp((x - switch(isinf(max(x${axis}, keepdims=True)), TensorConstant{0}, max(x${axis}, keepdims=True))))${axis}${keep})) + ` +
  `switch(isinf(max(x${axis}, keepdims=True)), TensorConstant{0}, max(x${axis}, keepdims=True))`;

describe('stabilize', () => {
  for (const c of CASES) it(`${c[0]}: ${c[2]}`, () => checkRule(c));

  it('logsumexp: log(sum(exp(x))) with the max trick, over all axes and over one', () => {
    checkRule(['logsumexp', (x) => T.tensor`log(sum(exp(${x}), axis=1, keepdims=true))`, `${LSE(', axis=1', ', keepdims=True')})`]);
    checkRule(['logsumexp', (x) => T.tensor`log(sum(exp(${x}), axis=1))`, `${LSE(', axis=1', '')}.dimshuffle(0))`]);
    const x = T.dmatrix('x');
    const all = T.tensor`log(sum(exp(${x})))`;
    expect(rewritten(all).rules.filter((r) => r === 'logsumexp')).toHaveLength(1);
    // large values: the literal form overflows to inf, the rewritten one does not
    const big = T.asarray([[1000, 1001], [999, -Infinity]]);
    expect(T.fn([x], all, { mode: 'FAST_COMPILE' })(big).toArray()).toBe(Infinity);
    expect(T.fn([x], all)(big).toArray()).toBeCloseTo(1001 + Math.log(1 + Math.exp(-1) + Math.exp(-2)), 10);
    // all -inf: the max is not subtracted (inf - inf), the result is -inf as the literal form's
    const none = T.asarray([[-Infinity, -Infinity]]);
    expect(T.fn([x], all)(none).toArray()).toBe(-Infinity);
  });

  it('softplus stays finite where log(1+exp(x)) overflows', () => {
    const x = T.dvector('x');
    const f = T.fn([x], T.tensor`log(1 + exp(${x}))`);
    expect(f([800, -800, 0]).toArray()).toEqual([800, 0, Math.log(2)]);
    expect(T.fn([x], T.tensor`log(1 + exp(${x}))`, { mode: 'FAST_COMPILE' })([800]).toArray()).toEqual([Infinity]);
  });

  it("the seed's cross-entropy stays finite with large random weights", () => {
    const N = 64, F = 20;
    const next = rng(2024);
    const D = randn(next, N * F);
    const labels = Float64Array.from({ length: N }, () => (next() < 0.5 ? 0 : 1));
    // weights 30 times randn: |x @ w| reaches the hundreds, where exp overflows
    const wv = randn(next, F).map((v) => v * 30);
    const x = T.dmatrix('x'), y = T.dvector('y');
    const w = T.shared(wv, { name: 'w' }), b = T.shared(0, { name: 'b' });
    const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
    const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
    expect(rewritten(xent).pp).toBe('((y * softplus(-(dot(x, w) + b))) + ((TensorConstant{1} - y) * softplus((dot(x, w) + b))))');
    const args = [T.asarray(D, { shape: [N, F] }), labels] as const;
    const literal = T.fn([x, y], xent, { mode: 'FAST_COMPILE' })(...args) as NDArray;
    const stable = T.fn([x, y], xent)(...args) as NDArray;
    const bad = Array.from(literal.data).filter((v) => !Number.isFinite(v)).length;
    expect(bad).toBeGreaterThan(0);
    expect(Array.from(stable.data).every(Number.isFinite)).toBe(true);
    // the stable values are the exact cross-entropy: y softplus(-z) + (1 - y) softplus(z)
    const softplus = (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    for (let i = 0; i < N; i++) {
      let z = 0;
      for (let j = 0; j < F; j++) z += D[i * F + j]! * wv[j]!;
      const want = labels[i]! * softplus(-z) + (1 - labels[i]!) * softplus(z);
      expect(stable.data[i]).toBeCloseTo(want, 8);
      if (Number.isFinite(literal.data[i]!)) expect(stable.data[i]).toBeCloseTo(literal.data[i]!, 6);
    }
    // and the mean cost the seed minimizes is finite too
    const cost = T.fn([x, y], T.mean(xent))(...args);
    expect(Number.isFinite(cost.toArray() as number)).toBe(true);
    sameNumbers([x, y], T.tensor`log(1 + exp(${x} @ ${w}))`, [T.asarray(D.map((v) => v / 100), { shape: [N, F] }), labels], 1e-10);
  });
});
