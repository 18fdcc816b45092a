// Specialize: cheaper spellings of the same computation for the CPU loops (as PyTensor's
// specialize phase): powers by small constants, division by a constant.
import type { Variable } from '../graph.ts';
import { elem as build } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import { constValue, flt, is } from './match.ts';
import { elem, type Rule } from './rule.ts';

/** 1/c for a float constant c other than 0 (whose reciprocal would change inf into nan). */
function reciprocalConst(c: Variable): number | null {
  const v = constValue(c);
  return v === null || v === 0 || !flt(c) ? null : 1 / v;
}

const onNumber = (x: number | null, f: (x: number) => Variable) => (x === null ? null : f(x));

export const SPECIALIZE: Rule[] = [
  elem('pow', 'pow_2', ([x, e]) => (flt(x) && is(e, 2) ? E.sqr(x) : null)), // x**2 -> sqr(x)
  elem('pow', 'pow_half', ([x, e]) => (flt(x) && is(e, 0.5) ? E.sqrt(x) : null)), // x**0.5 -> sqrt(x)
  elem('pow', 'pow_one', ([x, e]) => (is(e, 1) ? x : null)), // x**1 -> x
  elem('pow', 'pow_zero', ([x, e]) => (is(e, 0) ? build('second', [x, 1]) : null)), // x**0 -> 1
  elem('pow', 'pow_minus_one', ([x, e]) => (flt(x) && is(e, -1) ? E.true_div(1, x) : null)), // x**-1 -> 1/x
  elem('pow', 'pow_minus_half', ([x, e]) => (flt(x) && is(e, -0.5) ? E.true_div(1, E.sqrt(x)) : null)), // x**-0.5 -> 1/sqrt(x)
  elem('mul', 'mul_self', ([a, b]) => (a === b && flt(a) ? E.sqr(a) : null)), // x*x -> sqr(x)
  // not for float16, whose rounded reciprocal would cost the quotient up to an ulp
  elem('true_div', 'div_const', ([a, b]) => (flt(a) && a.dtype === b.dtype && a.dtype !== 'float16' ? onNumber(reciprocalConst(b), (r) => E.mul(a, r)) : null)), // x/c -> x*(1/c)
];
