// Graph pieces the gradient rules share. They build with the public T.* functions, which
// import the op table that imports the rules: only call these from inside a rule.
import { type DType, type FloatDType, isFloat } from '../../runtime/dtype.ts';
import { config } from '../config.ts';
import type { Variable } from '../graph.ts';
import { op1 } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import * as R from '../api/reduce.ts';
import * as C from '../api/creation.ts';
import * as S from '../api/shape.ts';

/** Gradients are real-valued: a float variable's own dtype, floatX for integer and bool ones. */
export const gradDType = (v: Variable): FloatDType => (isFloat(v.dtype) ? v.dtype : config.floatX);

export const zerosFor = (v: Variable): Variable => C.zeros_like(v, { dtype: gradDType(v) });

/** Cast to a float dtype when it differs (integer targets keep g's dtype: they get no gradient). */
export function castGrad(g: Variable, dtype: DType): Variable {
  return isFloat(dtype) && g.dtype !== dtype ? E.cast(g, dtype) : g;
}

/**
 * Undo broadcasting: where `like` broadcasts an axis that g does not, the forward pass reused
 * like's single element along it, so its gradient is the sum of g over that axis.
 */
export function undoBroadcast(g: Variable, like: Variable): Variable {
  const axes = like.broadcastable.flatMap((b, d) => (b && !g.broadcastable[d] ? [d] : []));
  const summed = axes.length ? R.sum(g, { axis: axes, keepdims: true }) : g;
  return castGrad(summed, like.dtype);
}

/**
 * Give g exactly v's type (ndim, broadcastable pattern, dtype), as every gradient must have.
 * A rule whose term is broadcastable where v is not gets it spread over v's shape.
 */
export function fitGrad(g: Variable, v: Variable, from: string): Variable {
  if (g.ndim !== v.ndim) {
    throw new Error(`grad: the gradient rule of ${from} returned a ${g.ndim}-d gradient for a ${v.ndim}-d input (${v.type}); this is a bug in that rule`);
  }
  let out = undoBroadcast(g, v);
  if (v.broadcastable.some((b, d) => !b && out.broadcastable[d])) out = E.fill(v, out);
  return out;
}

/** A reduction's result with its reduced axes put back as broadcastable ones. */
export function keepReduced(v: Variable, axes: readonly number[], ndim: number): Variable {
  if (v.ndim === ndim) return v;
  let k = 0;
  const pattern = Array.from({ length: ndim }, (_, d) => (axes.includes(d) ? 'x' as const : k++));
  return op1('dimshuffle', { pattern, inputNdim: v.ndim }, [v]);
}

/** Reorder axes: output axis j is input axis order[j] (no axes added or dropped). */
export const permute = (v: Variable, order: readonly number[]): Variable =>
  order.every((a, i) => a === i) ? v : op1('dimshuffle', { pattern: [...order], inputNdim: v.ndim }, [v]);

/** x's shape for reshape: JS numbers where static, else the symbolic shape vector. */
export function shapeLike(x: Variable): number[] | Variable {
  return x.type.shape.every((s) => s !== null) ? (x.type.shape as number[]) : S.shape(x);
}
