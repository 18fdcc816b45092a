// Every specialize rule: the rewritten graph, and FAST_RUN's numbers against FAST_COMPILE's.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { type RuleCase, checkRule, rewritten } from './helpers.ts';

const CASES: RuleCase[] = [
  ['pow_2', (x) => T.tensor`${x} ** 2`, 'sqr(x)'],
  ['pow_half', (x) => T.tensor`${x} ** 0.5`, 'sqrt(x)', 'positive'],
  ['pow_one', (x) => T.tensor`${x} ** 1`, 'x'],
  ['pow_zero', (x) => T.tensor`${x} ** 0`, 'fill(x, TensorConstant{1})'],
  ['pow_minus_one', (x) => T.tensor`${x} ** -1`, '(TensorConstant{1} / x)', 'positive'],
  ['pow_minus_half', (x) => T.tensor`${x} ** -0.5`, '(TensorConstant{1} / sqrt(x))', 'positive'],
  ['mul_self', (x, y) => T.tensor`(${x} + ${y}) * (${x} + ${y})`, 'sqr((x + y))'],
  ['div_const', (x) => T.tensor`${x} / 4`, '(x * TensorConstant{0.25})'],
];

describe('specialize', () => {
  for (const c of CASES) it(`${c[0]}: ${c[2]}`, () => checkRule(c));

  it('leaves integer powers and division by zero alone', () => {
    const i = T.imatrix('i'), x = T.dmatrix('x');
    expect(rewritten(T.tensor`${i} ** 2`).rules).not.toContain('pow_2');
    expect(rewritten(T.tensor`${x} / 0`).rules).not.toContain('div_const');
    expect(T.fn([x], T.tensor`${x} / 0`)([[1, -1, 0]]).toArray()).toEqual([[Infinity, -Infinity, NaN]]);
  });

  it('division by a float32 constant keeps float32', () => {
    const f = T.fmatrix('f');
    const out = T.tensor`${f} / 4`;
    expect(rewritten(out).pp).toBe('(f * TensorConstant{0.25})');
    expect(T.fn([f], out)(T.asarray([[2]], { dtype: 'float32' })).dtype).toBe('float32');
  });
});
