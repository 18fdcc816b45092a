// Stabilize: formulas that overflow or cancel in floating point become the forms that do
// not (as PyTensor's stabilize phase). Values agree wherever the literal formula is finite.
import type { Variable } from '../graph.ts';
import { op1 } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import * as R from '../api/reduce.ts';
import type { OpParams } from '../ops/params.ts';
import { arg, elemArgs, flt, is, on, paramsOf } from './match.ts';
import { elem, type Rule } from './rule.ts';

/** x when `v` is 1 + x (either order). */
function onePlus(v: Variable): Variable | null {
  const s = elemArgs(v, 'add');
  return s === null ? null : is(s[0]!, 1) ? s[1]! : is(s[1]!, 1) ? s[0]! : null;
}
/** x when `v` is 1 - x. */
const oneMinus = (v: Variable): Variable | null => { const s = elemArgs(v, 'sub'); return s && is(s[0]!, 1) ? s[1]! : null; };
/** x when `v` is 1 + exp(x). */
const onePlusExp = (v: Variable): Variable | null => on(onePlus(v), (s) => arg(s, 'exp'));
/** -x, without a double negation. */
const minus = (x: Variable): Variable => arg(x, 'neg') ?? E.neg(x);

/** Does `m` (a few nodes deep) read max(x)? Then exp(x - m) is already shifted by the max. */
function readsMaxOf(m: Variable, x: Variable, depth = 6): boolean {
  const n = m.owner;
  if (!n || depth === 0) return false;
  if (paramsOf(m, 'reduce')?.op === 'max' && n.inputs[0] === x) return true;
  return n.inputs.some((i) => readsMaxOf(i, x, depth - 1));
}

/** log(sum(exp(x))) as max(x) + log(sum(exp(x - max(x)))); an infinite max shifts by 0. */
function logSumExp(s: Variable): Variable | null {
  const p = paramsOf(s, 'reduce');
  const x = p?.op === 'sum' ? arg(s.owner!.inputs[0]!, 'exp') : null;
  if (!p || !x || !flt(x)) return null;
  const shift = elemArgs(x, 'sub');
  if (shift && readsMaxOf(shift[1]!, shift[0]!)) return null;
  const m = R.max(x, { axis: p.axes, keepdims: true });
  const safe = E.switch_(E.isinf(m), 0, m);
  const sum = R.sum(E.exp(E.sub(x, safe)), { axis: p.axes, keepdims: p.keepdims });
  const kept = Array.from({ length: x.ndim }, (_, k) => k).filter((k) => !p.axes.includes(k));
  const offset = p.keepdims ? safe : op1('dimshuffle', { pattern: kept, inputNdim: x.ndim } satisfies OpParams['dimshuffle'], [safe]);
  return E.add(E.log(sum), offset);
}

/** x when `v` is 1 - sigmoid(x). */
const oneMinusSigmoid = (v: Variable): Variable | null => on(oneMinus(v), (s) => arg(s, 'sigmoid'));
/** x when `v` is 1 + x with x a float tensor (an integer 1 + x can wrap around; log1p would not). */
const onePlusFloat = (v: Variable): Variable | null => { const x = onePlus(v); return x && flt(x) ? x : null; };

export const STABILIZE: Rule[] = [
  elem('log', 'softplus', ([a]) => on(onePlusExp(a), (x) => E.softplus(x))), // log(1+exp(x)) -> softplus(x)
  elem('log1p', 'log1p_exp', ([a]) => on(arg(a, 'exp'), (x) => E.softplus(x))), // log1p(exp(x)) -> softplus(x)
  elem('log', 'log_sigmoid', ([a]) => on(arg(a, 'sigmoid'), (x) => E.neg(E.softplus(minus(x))))), // log(sigmoid(x)) -> -softplus(-x)
  elem('log', 'log_1m_sigmoid', ([a]) => on(oneMinusSigmoid(a), (x) => E.neg(E.softplus(x)))), // log(1-sigmoid(x)) -> -softplus(x)
  elem('true_div', 'sigmoid', ([a, b]) => (is(a, 1) ? on(onePlusExp(b), (x) => E.sigmoid(minus(x))) : null)), // 1/(1+exp(-x)) -> sigmoid(x)
  elem('log', 'log1p', ([a]) => on(onePlusFloat(a), (x) => E.log1p(x))), // log(1+x) -> log1p(x)
  elem('sub', 'expm1', ([a, b]) => (is(b, 1) ? on(arg(a, 'exp'), (x) => E.expm1(x)) : null)), // exp(x)-1 -> expm1(x)
  elem('log', 'logsumexp', ([a]) => logSumExp(a)), // log(sum(exp(x))) -> m + log(sum(exp(x-m))), m = max(x)
];
