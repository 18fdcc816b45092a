// T.grad differentiates the stabilized cost: the seed's literal cross-entropy has a finite
// gradient where its sigmoid saturates, equal to the softplus form's.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';

describe('gradients of saturating formulas', () => {
  it("the seed's cross-entropy: finite where p rounds to 0 or 1, equal to the softplus form", () => {
    const z = T.dvector('z'), y = T.dvector('y');
    const p = T.tensor`1 / (1 + exp(-${z}))`;
    const literal = T.tensor`mean(-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p}))`;
    const stable = T.tensor`mean(${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z}))`;
    const f = T.fn([z, y], [literal, T.grad(literal, z)]);
    const g = T.fn([z, y], [stable, T.grad(stable, z)]);
    const zs = [-80, -40, -3, 0, 3, 40, 80], ys = [1, 0, 1, 0, 0, 1, 0];
    const [c1, g1] = f(zs, ys), [c2, g2] = g(zs, ys);
    expect(Number.isFinite(c1.data[0])).toBe(true);
    expect(c1.data[0]).toBeCloseTo(c2.data[0]!, 12);
    Array.from(g1.data).forEach((v, i) => {
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(g2.data[i]!, 12);
    });
  });

  it('pp of a plain gradient is unchanged by stabilization', () => {
    const x = T.dscalar('x');
    expect(T.pp(T.grad(T.tensor`${x} ** 2`, x))).toBe('((fill((x ** TensorConstant{2}), TensorConstant{1}) * TensorConstant{2}) * (x ** (TensorConstant{2} - TensorConstant{1})))');
  });

  it('an intermediate variable as wrt survives the rewrite', () => {
    const x = T.dscalar('x');
    const s = T.sigmoid(x);
    const c = T.log(s);
    const g = T.grad(c, s);
    expect(T.fn([x], g)(0).toArray()).toBeCloseTo(2, 12);
  });
});
