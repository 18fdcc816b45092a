// The rewrite engine: merging, constant folding, fixed points, exact types, source positions.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { Constant } from '../../compiler/graph.ts';
import { runPhase } from '../../compiler/rewrite/engine.ts';
import { elem } from '../../compiler/rewrite/rule.ts';
import { compiledOf } from '../../compiler/function.ts';
import { rewritten, sameNumbers } from './helpers.ts';

describe('merge', () => {
  it('equal subexpressions become one node', () => {
    const x = T.dmatrix('x');
    const out = T.add(T.exp(x), T.exp(x));
    const [o] = T.optimize([out], 'fast_compile').outputs;
    expect(o!.owner!.inputs[0]).toBe(o!.owner!.inputs[1]);
    // and x - x built from two copies is recognised once merged
    expect(rewritten(T.sub(T.exp(x), T.exp(x))).pp).toBe('fill(exp(x), TensorConstant{0})');
  });

  it('equal constants merge; distinct ones (and -0) do not', () => {
    const x = T.dvector('x');
    const a = T.constant([1, 2, 3]), b = T.constant([1, 2, 3]), c = T.constant([1, 2, -0]), d = T.constant([1, 2, 0]);
    const [o1, o2] = T.optimize([T.add(x, a), T.add(x, b)], 'fast_compile').outputs;
    expect(o1).toBe(o2);
    const [o3, o4] = T.optimize([T.add(x, c), T.add(x, d)], 'fast_compile').outputs;
    expect(o3).not.toBe(o4);
  });

  it('outputs that merge are still separate arrays', () => {
    const x = T.dvector('x');
    const f = T.fn([x], [T.exp(x), T.exp(x)]);
    const [a, b] = f([1, 2]);
    expect(a!.toArray()).toEqual(b!.toArray());
    expect(a!.data).not.toBe(b!.data);
  });
});

describe('constant folding', () => {
  it('folds nodes whose inputs are all constants, with the reference evaluation', () => {
    const x = T.dvector('x');
    const out = T.tensor`${x} + exp(0.5) * (3 - 1)`;
    const [o] = T.optimize([out], 'fast_compile').outputs;
    const c = o!.owner!.inputs[1]!;
    expect(c).toBeInstanceOf(Constant);
    expect((c as Constant).value.data[0]).toBe(Math.exp(0.5) * 2);
    expect(T.fn([x], out)([1]).toArray()).toEqual([1 + Math.exp(0.5) * 2]);
  });

  it('a fully constant output is folded and returned as a fresh array each call', () => {
    const f = T.fn([], T.tensor`arange(4) * 2`);
    expect(compiledOf(f)!.steps).toHaveLength(0);
    const a = f();
    a.data[0] = 99;
    expect(f().toArray()).toEqual([0, 2, 4, 6]);
  });

  it('does not fold large allocations into the program', () => {
    const big = T.zeros([1000, 1000]);
    const [o] = T.optimize([big]).outputs;
    expect(o).not.toBeInstanceOf(Constant);
    expect(T.fn([], T.zeros([2, 2]), { mode: 'FAST_RUN' }).program.constants.some((c) => c.shape.length === 2)).toBe(true);
  });

  it('leaves a constant computation that fails for run time to report', () => {
    // the shape is constant only after folding, so building the graph cannot check it
    const out = T.reshape(T.arange(6), T.mul(T.constant([4, 4], { dtype: 'int64' }), 1));
    expect(() => T.optimize([out])).not.toThrow();
    expect(() => T.fn([], out)()).toThrow(/cannot reshape/);
  });
});

describe('the engine', () => {
  it('runs a phase to a fixed point', () => {
    const x = T.dmatrix('x');
    // each rewrite exposes the next: ----x -> --x -> x
    expect(rewritten(T.neg(T.neg(T.neg(T.neg(T.mul(x, 1)))))).pp).toBe('x');
  });

  it('refuses a rule that changes the type, naming the rule', () => {
    const x = T.dmatrix('x');
    const bad = elem('exp', 'bad_rule', ([a]) => T.sum(a!, { axis: 0 }));
    expect(() => runPhase([T.exp(x)], [bad], new Set(), [])).toThrow(/internal: rewrite rule 'bad_rule' replaced Elemwise\{exp,no_inplace\} of type TensorType\(float64, matrix\) by TensorType\(float64, vector\)/);
  });

  it('refuses rules that never settle', () => {
    const x = T.dmatrix('x');
    const flip = elem('neg', 'flip', ([a]) => T.neg(T.neg(T.neg(a!))));
    expect(() => runPhase([T.neg(x)], [flip], new Set(), [])).toThrow(/fixed point.*flip/);
  });

  it('source positions survive rewrites', () => {
    const x = T.dvector('x');
    const out = T.tensor`log(1 + exp(${x}))`;
    const loc = out.tag.loc;
    expect(loc).toBeDefined();
    const [o] = T.optimize([out]).outputs;
    expect(o!.owner!.op.name).toBe('softplus');
    expect(o!.tag.loc).toBe(loc);
    // every node a rule creates carries the position of what it replaced
    const nested = T.tensor`log(sigmoid(${x})) * 2`;
    const [n] = T.optimize([nested]).outputs;
    const stack = [n!];
    while (stack.length) {
      const v = stack.pop()!;
      if (!v.owner) continue;
      expect(v.tag.loc, `${v.owner.op.label}`).toBeDefined();
      stack.push(...v.owner.inputs);
    }
  });

  it('FAST_COMPILE only merges and folds; None leaves the graph alone', () => {
    const x = T.dmatrix('x');
    const out = T.tensor`log(1 + exp(${x})) * 1`;
    expect(rewritten(out, 'fast_compile').pp).toBe('(log((TensorConstant{1} + exp(x))) * TensorConstant{1})');
    expect(T.optimize([out], 'None').outputs[0]).toBe(out);
    sameNumbers([x], out, [[[0.5, -2]]]);
  });

  it('inputs are leaves: a rewrite never looks through a variable given as input', () => {
    const x = T.dmatrix('x');
    const mid = T.mul(x, 1);
    const f = T.fn([mid], T.neg(T.neg(mid)));
    expect(f([[1, 2]]).toArray()).toEqual([[1, 2]]);
  });
});
