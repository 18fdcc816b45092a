// T.ifelse: only the taken branch runs (kernel call counts from the profile, and a branch
// that would throw), gradients go to the taken branch, and the branch code is placed right.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

const one = (o: Variable | Variable[]): Variable => {
  if (Array.isArray(o)) throw new Error('expected one output');
  return o;
};
/** Calls per kernel, by the kernel's profile label. */
const calls = (f: { profile?: T.CompiledFunction<never, never>['profile'] }) =>
  Object.fromEntries(f.profile!.steps.map((s, k) => [s.op, f.profile!.stepCalls[k]!]));

describe('ifelse is lazy', () => {
  const c = T.dscalar('c'), x = T.dvector('x'), y = T.dvector('y');
  const z = T.ifelse(T.gt(c, 0), T.exp(T.sum(T.mul(x, 2))), T.log(T.sum(T.mul(y, 3))));

  it('runs only the kernels of the taken branch (the profile counts them)', () => {
    const f = T.fn([c, x, y], T.add(z, 1), { profile: true });
    expect(f(1, [1, 2], [3, 4]).toArray()).toBeCloseTo(Math.exp(6) + 1, 10);
    let n = calls(f);
    // each branch is one kernel: the sum, then its exp or log after the accumulation
    expect(n['Elemwise{Composite{exp(sum((i0 * 2)))}}']).toBe(1);
    expect(n['Elemwise{Composite{log(sum((i0 * 3)))}}']).toBe(0);
    f(-1, [1, 2], [3, 4]);
    f(-1, [1, 2], [3, 4]);
    n = calls(f);
    expect(n['Elemwise{Composite{exp(sum((i0 * 2)))}}']).toBe(1);
    expect(n['Elemwise{Composite{log(sum((i0 * 3)))}}']).toBe(2);
    expect(n['if{}']).toBe(3);
  });

  it('the branch not taken never runs: one that would fail is harmless', () => {
    const v = T.dvector('v');
    const bad = T.reshape(v, [5]);
    const f = T.fn([c, v], T.ifelse(T.gt(c, 0), T.mul(v, 2), T.add(bad, 1)));
    expect(f(1, [1, 2, 3]).toArray()).toEqual([2, 4, 6]);
    expect(() => f(-1, [1, 2, 3])).toThrow(/cannot reshape/);
    // switch is elementwise and computes both sides
    expect(() => T.fn([c, v], T.switch(T.gt(c, 0), T.mul(v, 2), T.add(bad, 1)))(1, [1, 2, 3])).toThrow(/cannot reshape/);
  });

  it('DebugMode and NanGuardMode check only the branch that ran', () => {
    const v = T.dvector('v');
    const g = T.ifelse(T.gt(c, 0), T.mul(v, 2), T.add(T.reshape(v, [5]), T.log(-1)));
    for (const mode of ['DebugMode', 'NanGuardMode'] as const) expect(T.fn([c, v], g, { mode })(1, [1, 2, 3]).toArray()).toEqual([2, 4, 6]);
  });

  it('work both branches need runs before the choice, once', () => {
    const shared = T.mul(x, 3);
    const f = T.fn([c, x], T.ifelse(T.gt(c, 0), T.sum(T.exp(shared)), T.sum(T.sin(shared))), { profile: true });
    expect(f(1, [0, 1]).toArray()).toBeCloseTo(1 + Math.exp(3), 10);
    f(1, [0, 1]);
    // x * 3 is not fused into either branch's sum, so neither sum is computed eagerly
    expect(calls(f)).toEqual({ 'Elemwise{gt,no_inplace}': 2, 'Elemwise{mul,no_inplace}': 2, 'Sum{axis=[0]}{Composite{exp(i0)}}': 2, 'Sum{axis=[0]}{Composite{sin(i0)}}': 0, 'if{}': 2 });
  });

  it('nested conditions keep each level lazy', () => {
    const a = T.dscalar('a'), b = T.dscalar('b');
    const inner = T.ifelse(T.gt(b, 0), T.exp(a), T.cos(a));
    const f = T.fn([a, b, c], T.ifelse(T.gt(c, 0), T.mul(inner, 2), T.neg(a)), { profile: true });
    expect(f(0, 1, 1).toArray()).toBe(2);
    expect(f(0, -1, 1).toArray()).toBe(2);
    expect(f(3, 1, -1).toArray()).toBe(-3);
    const n = calls(f);
    expect(n['Elemwise{exp,no_inplace}']).toBe(1);
    expect(n['Elemwise{cos,no_inplace}']).toBe(1);
  });

  it('a constant condition is resolved at compile time', () => {
    const f = T.fn([x, y], T.ifelse(1, T.exp(x), T.log(y)));
    expect(f.program.kernels.some((k) => k.kind === 'ifelse')).toBe(false);
    expect(f([0], [1]).toArray()).toEqual([1]);
  });
});

describe('ifelse values', () => {
  const c = T.dscalar('c');
  it('chooses lists of values, of any shapes per branch', () => {
    const x = T.dvector('x'), m = T.dmatrix('m');
    const outs = T.ifelse(T.gt(c, 0), [x, m], [T.mul(x, 2), T.transpose(m)]);
    const f = T.fn([c, x, m], outs);
    const [a, b] = f(-1, [1, 2], [[1, 2, 3]]);
    expect(a!.toArray()).toEqual([2, 4]);
    expect(b!.toArray()).toEqual([[1], [2], [3]]);
  });

  it('promotes differing dtypes; a JS number takes the other side\'s', () => {
    const i = T.iscalar('i'), f32 = T.fscalar('f');
    expect(T.ifelse(c, i, f32).dtype).toBe('float64');
    expect(T.ifelse(c, i, 0).dtype).toBe('int32');
  });

  it('hands out its own arrays: results do not alias inputs or last call\'s results', () => {
    const x = T.dvector('x');
    const f = T.fn([c, x], T.ifelse(T.gt(c, 0), x, T.mul(x, 2)));
    const input = T.asarray([1, 2], { dtype: 'float64' });
    const r1 = f(1, input);
    r1.data[0] = 99;
    expect(input.toArray()).toEqual([1, 2]);
    const r2 = f(-1, [1, 2]);
    const r3 = f(-1, [5, 5]);
    expect(r2.toArray()).toEqual([2, 4]);
    expect(r3.toArray()).toEqual([10, 10]);
  });

  it('decides per step inside a scan (Collatz)', () => {
    const s0 = T.lscalar('s0');
    const [seq] = T.scan({
      fn: (s) => T.ifelse(T.eq(T.mod(s, 2), 0), T.int_div(s, 2), T.add(T.mul(s, 3), 1)),
      outputsInfo: s0, nSteps: 8,
    });
    expect(T.fn([s0], one(seq))(6).toArray()).toEqual([3, 10, 5, 16, 8, 4, 2, 1]);
  });

  it('refuses a condition that is not a scalar, and branches that disagree', () => {
    expect(() => T.ifelse(T.dvector(), 1, 2)).toThrow(/the condition must be a scalar \(0-d\).*T\.switch/);
    expect(() => T.ifelse(c, T.dvector(), T.dmatrix())).toThrow(/value 0 is TensorType\(float64, vector\) when true but TensorType\(float64, matrix\) when false/);
    expect(() => T.ifelse(c, [T.dvector()], [T.dvector(), T.dvector()])).toThrow(/the true branch has 1 values and the false branch 2/);
  });
});

describe('ifelse gradients', () => {
  it('flow to the taken branch only', () => {
    const c = T.dscalar('c'), a = T.dvector('a'), b = T.dvector('b');
    const z = T.ifelse(T.gt(c, 0), T.mul(a, 3), T.sin(b));
    const f = T.fn([c, a, b], T.grad(T.sum(z), [a, b]), { profile: true });
    const [ga, gb] = f(1, [1, 2], [0, 0]) as NDArray[];
    expect(ga!.toArray()).toEqual([3, 3]);
    expect(gb!.toArray()).toEqual([0, 0]);
    const [ga2, gb2] = f(-1, [1, 2], [0, 0]) as NDArray[];
    expect(ga2!.toArray()).toEqual([0, 0]);
    expect(gb2!.toArray()).toEqual([1, 1]);
  });

  it('the condition is not differentiable', () => {
    const c = T.dscalar('c'), a = T.dscalar('a');
    expect(() => T.grad(T.ifelse(c, a, a), c)).toThrow(/does not depend on 'c'/);
  });
});
