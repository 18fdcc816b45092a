// Canonicalize: remove work that does nothing and bring equal formulas to one spelling, so
// the later phases have fewer shapes to match. Every rule here is exact (same bits out).
import { Constant, type Variable } from '../graph.ts';
import { constant, elem as build, op1 } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import type { OpParams } from '../ops/params.ts';
import { arg, elemArgs, floatArg, inputOf, is, on, paramsOf } from './match.ts';
import { elem, node, type Rule } from './rule.ts';

/** Zeros shaped like `x`. */
const zerosLike = (x: Variable) => build('second', [x, 0]);
/** -x in the dtype of `like` (a bool x is cast first: bool has no negation). */
const negate = (x: Variable, like: Variable) => E.neg(x.dtype === 'bool' ? E.cast(x, like.dtype) : x);
/** b when `v` is 1/b. */
const reciprocal = (v: Variable): Variable | null => { const d = elemArgs(v, 'true_div'); return d && is(d[0]!, 1) ? d[1]! : null; };

/** An elementwise input that is `fill(model, value)` whose shape the node's other inputs already give. */
function uselessFill(ins: readonly Variable[], out: Variable): Variable[] | null {
  if (ins.length < 2) return null;
  for (let k = 0; k < ins.length; k++) {
    const fa = elemArgs(ins[k]!, 'second');
    if (!fa) continue;
    const rest = [...ins.slice(0, k), fa[1]!, ...ins.slice(k + 1)];
    // the output's non-broadcast axes must still come from some input
    if (out.broadcastable.every((b, d) => b || rest.some((x) => !x.broadcastable[d]))) return rest;
  }
  return null;
}

/** f(fill(a, b), c) as fill(a, f(b, c)): fills move up until one is useless. */
function liftFill(ins: readonly Variable[], v: Variable): Variable | null {
  const k = ins.findIndex((x) => elemArgs(x, 'second'));
  if (k < 0) return null;
  const [model, value] = elemArgs(ins[k]!, 'second')!;
  return build('second', [model!, withInputs(v, [...ins.slice(0, k), value!, ...ins.slice(k + 1)])!]);
}

/** The elementwise op of `v` applied to other inputs. */
const withInputs = (v: Variable, ins: Variable[] | null) => ins && op1('elemwise', v.owner!.op.params as OpParams['elemwise'], ins);

/** dimshuffle(dimshuffle(x, inner), outer) as one pattern on x. */
function composePatterns(inner: OpParams['dimshuffle'], outer: OpParams['dimshuffle']): (number | 'x')[] {
  return outer.pattern.map((e) => (e === 'x' ? 'x' : inner.pattern[e]!));
}

const isIdentityPattern = (p: OpParams['dimshuffle']) => p.pattern.length === p.inputNdim && p.pattern.every((e, i) => e === i);

/** sum(sum(x, inner), outer) as one reduction of x, when both drop or both keep their axes. */
function mergeReduce(x: Variable, inner: OpParams['reduce'], outer: OpParams['reduce']): Variable | null {
  if (inner.op !== outer.op || inner.dtype !== outer.dtype || inner.keepdims !== outer.keepdims) return null;
  // without keepdims, outer axes count the axes inner left; map them back to x's axes
  const left = Array.from({ length: x.ndim }, (_, d) => d).filter((d) => inner.keepdims || !inner.axes.includes(d));
  const axes = [...new Set([...inner.axes, ...outer.axes.map((a) => left[a]!)])].sort((a, b) => a - b);
  return op1('reduce', { ...outer, axes }, [x]);
}

/** An input of the elementwise `x` with x's exact broadcast pattern (so x's shape), a graph input first. */
function shapeSource(x: Variable): Variable | null {
  if (x.owner?.op.kind !== 'elemwise') return null;
  const same = x.owner.inputs.filter((i) => i.broadcastable.every((b, d) => b === x.broadcastable[d]));
  return same.find((i) => !i.owner) ?? same[0] ?? null;
}

/** The shape as a constant when every size is known statically. */
const staticShape = (x: Variable) => (x.type.shape.every((d) => d !== null) ? constant(x.type.shape as number[], { dtype: 'int64' }) : null);

/** A reduction over size-1 axes only: nothing is combined, the axes just go away. */
function trivialReduce(x: Variable, p: OpParams['reduce']): Variable | null {
  if (!p.axes.every((a) => x.broadcastable[a])) return null;
  if (p.op === 'all' || p.op === 'any') return null;
  const kept = Array.from({ length: x.ndim }, (_, d) => d).filter((d) => !p.axes.includes(d));
  const shaped = p.keepdims || p.axes.length === 0 ? x : dimshuffle(x, kept);
  return E.cast(shaped, p.dtype);
}

const unneg = (v: Variable) => arg(v, 'neg');
const dimshuffle = (x: Variable, pattern: (number | 'x')[]) => op1('dimshuffle', { pattern, inputNdim: x.ndim }, [x]);
const sameBroadcast = (a: Variable, b: Variable) => a.broadcastable.every((x, d) => x === b.broadcastable[d]);

export const CANONICALIZE: Rule[] = [
  elem('mul', 'mul_one', ([a, b]) => (is(b, 1) ? a : is(a, 1) ? b : null)), // x*1 -> x
  elem('mul', 'mul_minus_one', ([a, b], v) => (is(b, -1) ? negate(a, v) : is(a, -1) ? negate(b, v) : null)), // x*-1 -> -x
  elem('add', 'add_zero', ([a, b]) => (is(b, 0) ? a : is(a, 0) ? b : null)), // x+0 -> x
  elem('sub', 'sub_zero', ([a, b]) => (is(b, 0) ? a : null)), // x-0 -> x
  elem('sub', 'zero_sub', ([a, b], v) => (is(a, 0) ? negate(b, v) : null)), // 0-x -> -x
  elem('sub', 'sub_self', ([a, b]) => (a === b ? zerosLike(a) : null)), // x-x -> 0
  elem('true_div', 'div_one', ([a, b]) => (is(b, 1) ? a : null)), // x/1 -> x
  elem('neg', 'neg_neg', ([a]) => unneg(a)), // --x -> x
  elem('add', 'add_neg', ([a, b]) => on(unneg(b), (nb) => E.sub(a, nb)) ?? on(unneg(a), (na) => E.sub(b, na))), // a+(-b) -> a-b
  elem('sub', 'sub_neg', ([a, b]) => on(unneg(b), (nb) => E.add(a, nb))), // a-(-b) -> a+b
  elem('sub', 'neg_sub', ([a, b]) => on(unneg(a), (na) => E.neg(E.add(na, b)))), // (-a)-b -> -(a+b)
  elem('mul', 'mul_neg', ([a, b]) => on(unneg(a), (na) => E.neg(E.mul(na, b))) ?? on(unneg(b), (nb) => E.neg(E.mul(a, nb)))), // (-a)*b -> -(a*b)
  elem('true_div', 'div_neg', ([a, b]) => on(unneg(a), (na) => E.neg(E.true_div(na, b)))), // (-a)/b -> -(a/b)
  elem('mul', 'mul_reciprocal', ([a, b]) => on(reciprocal(b), (rb) => E.true_div(a, rb)) ?? on(reciprocal(a), (ra) => E.true_div(b, ra))), // a*(1/b) -> a/b
  elem('exp', 'exp_log', ([a]) => on(floatArg(a, 'log'), (x) => E.switch_(E.ge(x, 0), x, NaN))), // exp(log(x)) -> x (NaN below 0)
  elem('log', 'log_exp', ([a]) => floatArg(a, 'exp')), // log(exp(x)) -> x
  elem('identity', 'identity', ([a]) => a), // identity(x) -> x
  elem('cast', 'cast_same', ([a], v) => (a.dtype === v.dtype ? a : null)), // cast<d>(x: d) -> x
  elem('second', 'fill_noop', ([, b], v) => (sameBroadcast(b, v) ? b : null)), // fill(a, b) -> b when b has the shape
  elem('*', 'fill_useless', (ins, v) => withInputs(v, uselessFill(ins, v))), // f(fill(a, b), c) -> f(b, c) when c has a's shape
  elem('*', 'fill_lift', (ins, v) => (v.owner!.op.name === 'second' ? null : liftFill(ins, v))), // f(fill(a, b), c) -> fill(a, f(b, c))
  node('dimshuffle', 'dimshuffle_identity', ([x], p) => (isIdentityPattern(p) ? x : null)), // x.dimshuffle(0, 1) -> x
  node('dimshuffle', 'dimshuffle_chain', ([x], p) => on(paramsOf(x, 'dimshuffle'), (q) => dimshuffle(inputOf(x), composePatterns(q, p)))), // ds(ds(x)) -> ds(x)
  node('shape', 'shape_static', ([x]) => staticShape(x)), // shape(x: f64[2, 3]) -> [2, 3]
  node('shape', 'shape_elemwise', ([x]) => on(shapeSource(x), (a) => op1('shape', {}, [a]))), // shape(f(a, b)) -> shape(a)
  node('reduce', 'reduce_reduce', ([x], p) => on(paramsOf(x, 'reduce'), (q) => mergeReduce(inputOf(x), q, p))), // sum(sum(x, a), b) -> sum(x, a+b)
  node('reduce', 'reduce_broadcast', ([x], p) => trivialReduce(x, p)), // sum over size-1 (broadcast) axes -> drop them
  node('ifelse', 'ifelse_known', ([c, ...ins], p, v) => sameType(chosen(c!, ins, p.n, v.index), v)), // ifelse(1, a, b) -> a; ifelse(c, a, a) -> a
];

/** The branch value an ifelse output takes whatever happens at run time, or null. */
function chosen(c: Variable, ins: readonly Variable[], n: number, i: number): Variable | null {
  if (ins[i] === ins[n + i]) return ins[i]!;
  return c instanceof Constant ? ins[(c.value.data[0] !== 0 ? 0 : n) + i]! : null;
}
const sameType = (r: Variable | null, v: Variable) => (r && r.type.equals(v.type) ? r : null);
