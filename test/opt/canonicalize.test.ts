// Every canonicalize rule: the rewritten graph, and FAST_RUN's numbers against FAST_COMPILE's.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { op1 } from '../../compiler/api/core.ts';
import { type RuleCase, checkRule, rewritten, sameNumbers } from './helpers.ts';

const CASES: RuleCase[] = [
  ['mul_one', (x) => T.tensor`${x} * 1`, 'x'],
  ['mul_one', (x) => T.tensor`1 * ${x}`, 'x'],
  ['mul_minus_one', (x) => T.tensor`${x} * -1`, '-x'],
  ['add_zero', (x) => T.tensor`0 + ${x}`, 'x'],
  ['sub_zero', (x) => T.tensor`${x} - 0`, 'x'],
  ['zero_sub', (x) => T.tensor`0 - ${x}`, '-x'],
  ['sub_self', (x) => T.tensor`${x} - ${x}`, 'fill(x, TensorConstant{0})'],
  ['div_one', (x) => T.tensor`${x} / 1`, 'x'],
  ['neg_neg', (x) => T.tensor`--${x}`, 'x'],
  ['add_neg', (x, y) => T.tensor`${x} + -${y}`, '(x - y)'],
  ['add_neg', (x, y) => T.tensor`-${x} + ${y}`, '(y - x)'],
  ['sub_neg', (x, y) => T.tensor`${x} - -${y}`, '(x + y)'],
  ['neg_sub', (x, y) => T.tensor`-${x} - ${y}`, '-(x + y)'],
  ['mul_neg', (x, y) => T.tensor`-${x} * -${y}`, '(x * y)'],
  ['div_neg', (x, y) => T.tensor`-${x} / ${y}`, '-(x / y)', 'positive'],
  ['mul_reciprocal', (x, y) => T.tensor`${x} * (1 / ${y})`, '(x / y)', 'positive'],
  ['exp_log', (x) => T.tensor`exp(log(${x}))`, 'switch((x >= TensorConstant{0}), x, TensorConstant{NaN})'],
  ['log_exp', (x) => T.tensor`log(exp(${x}))`, 'x'],
  ['identity', (x) => op1('elemwise', { scalar: 'identity', dtype: x.dtype }, [x]), 'x'],
  // T.cast skips a cast to the same dtype; a graph built op by op can still hold one
  ['cast_same', (x) => op1('elemwise', { scalar: 'cast', dtype: x.dtype }, [x]), 'x'],
  ['fill_noop', (x, y) => T.fill(x, y), 'y'],
  ['fill_useless', (x, y) => T.mul(T.fill(x, 2), y), '(TensorConstant{2} * y)'],
  ['fill_lift', (x, y) => T.tensor`(fill(${x}, 2) * 3) * ${y}`, '(TensorConstant{6} * y)'],
  ['dimshuffle_identity', (x) => T.dimshuffle(x, 0, 1), 'x'],
  ['dimshuffle_chain', (x) => T.tensor`${x}.T.T`, 'x'],
  ['reduce_reduce', (x) => T.tensor`sum(sum(${x}, axis=1))`, 'sum(x)'],
  ['reduce_broadcast', (x) => T.tensor`sum(${x}.dimshuffle(0, 'x', 1), axis=1)`, 'x'],
];


describe('canonicalize', () => {
  for (const c of CASES) it(`${c[0]}: ${c[2]}`, () => checkRule(c));

  it('sums of sums keep the axes they mean', () => {
    const t = T.dtensor3('t');
    const out = T.sum(T.sum(t, { axis: 0 }), { axis: 1 });
    expect(rewritten(out).pp).toBe('sum(t, axis=[0, 2])');
    const data = T.asarray(Float64Array.from({ length: 24 }, (_, i) => i * 0.5), { shape: [2, 3, 4] });
    sameNumbers([t], out, [data]);
    const kept = T.sum(T.sum(t, { axis: 2, keepdims: true }), { axis: 0, keepdims: true });
    expect(rewritten(kept).pp).toBe('sum(t, axis=[0, 2], keepdims=True)');
    sameNumbers([t], kept, [data]);
  });

  it('shapes: static sizes fold, an elementwise result has its input\'s shape', () => {
    const s = T.tensor('float64', 2, 's', { shape: [2, 3] });
    expect(rewritten(T.shape(s))).toEqual({ pp: 'TensorConstant{[2,3]}', rules: ['shape_static'] });
    expect(T.fn([s], T.shape(T.exp(s)), { onUnusedInput: 'ignore' })(T.asarray(new Float64Array(6), { shape: [2, 3] })).toArray()).toEqual([2, 3]);
    const x = T.dmatrix('x'), y = T.dmatrix('y');
    const out = T.shape(T.add(T.exp(x), y));
    const r = rewritten(out);
    expect(r.rules).toContain('shape_elemwise');
    expect(r.pp).toBe('y.shape');
    sameNumbers([x, y], out, [[[1, 2, 3]], [[4, 5, 6]]]);
  });

  it('a dimshuffle chain becomes one dimshuffle', () => {
    const t = T.dtensor3('t');
    const out = T.dimshuffle(T.dimshuffle(t, 2, 'x', 0, 1), 3, 0, 2, 1);
    expect(rewritten(out).pp).toBe("t.dimshuffle(1, 2, 0, 'x')");
    sameNumbers([t], out, [T.asarray(Float64Array.from({ length: 24 }, (_, i) => i), { shape: [2, 3, 4] })]);
  });

  it('removing x*1 keeps the broadcast shape and dtype of the product', () => {
    const row = T.tensor('int8', 2, 'r', { broadcastable: [true, false] });
    const ones = T.constant([[1, 1, 1], [1, 1, 1]], { dtype: 'int32' });
    const out = T.mul(row, ones);
    expect(rewritten(out).pp).toBe('fill(TensorConstant{[[1,1,1],[1,1,1]]}, int32(r))');
    const r = T.fn([row], out, { mode: 'FAST_RUN' })([[1, -2, 3]]);
    expect(r.dtype).toBe('int32');
    expect(r.toArray()).toEqual([[1, -2, 3], [1, -2, 3]]);
  });
});
