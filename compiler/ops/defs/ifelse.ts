// Theano's IfElse: a 0-d condition picks one of two lists of values. Only the chosen list is
// computed by compiled code (the CPU renderer puts what each branch alone needs inside it);
// the reference evaluation here has both at hand.
import { TensorType } from '../../type.ts';
import type { Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import { applyOp } from '../table.ts';
import * as C from '../../api/creation.ts';
import { disconnected } from '../../grad/nograd.ts';

/** The type both branches fit: shared dtype and ndim, broadcastable and sized where both agree. */
function joinType(a: Variable, b: Variable, i: number): TensorType {
  if (a.dtype !== b.dtype || a.ndim !== b.ndim) {
    throw new TypeError(`ifelse: value ${i} is ${a.type} when true but ${b.type} when false; both branches must have the same dtype and ndim`);
  }
  const shape = a.type.shape.map((s, d) => (s === b.type.shape[d] ? s : null));
  return new TensorType(a.dtype, a.broadcastable.map((x, d) => x && b.broadcastable[d]!), shape);
}

export const ifelse: OpDef<'ifelse'> = {
  name: () => 'ifelse',
  label: () => 'if{}',
  infer([cond, ...rest], p) {
    if (cond!.ndim !== 0) throw new TypeError(`ifelse: the condition must be a scalar (0-d), got ${cond!.type}; use T.switch for an elementwise choice`);
    if (rest.length !== 2 * p.n) throw new TypeError(`ifelse: expected ${p.n} values per branch, got ${rest.length} in all`);
    return rest.slice(0, p.n).map((a, i) => joinType(a, rest[p.n + i]!, i));
  },
  perform: ([cond, ...rest], p) => (cond!.data[0] !== 0 ? rest.slice(0, p.n) : rest.slice(p.n)),
  grad([cond, ...rest], _outs, gouts, p) {
    // each branch gets the gradient when it was taken, zeros otherwise, chosen as lazily
    const zeros = rest.map((v, i) => C.zeros_like(v, { dtype: gouts[i % p.n]!.dtype }));
    const whenTrue = applyOp('ifelse', p, [cond!, ...gouts, ...zeros.slice(0, p.n)]).outputs;
    const whenFalse = applyOp('ifelse', p, [cond!, ...zeros.slice(p.n), ...gouts]).outputs;
    return [disconnected('ifelse: the condition only chooses'), ...whenTrue, ...whenFalse];
  },
};
