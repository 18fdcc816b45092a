// T.ifelse: Theano's lazy conditional. Unlike T.switch, the condition is one scalar and only
// the chosen branch is computed.
import { promote } from '../../runtime/dtype.ts';
import { Variable } from '../graph.ts';
import { applyOp } from '../ops/table.ts';
import { asTensor, operands } from './core.ts';
import { cast } from './elemwise.ts';
import type { TensorLike, Up } from './types.ts';

type Branch = TensorLike | readonly Variable[];
type IfElseResult<A, B> = A extends readonly Variable[] ? Variable[] : Variable<Up<A, B>, A extends Variable<never, infer N> ? N : number>;

const isList = (x: unknown): x is readonly Variable[] => Array.isArray(x) && x.some((e) => e instanceof Variable);

/**
 * `cond ? then : otherwise` for a 0-d condition (nonzero is true), where each branch is a
 * tensor or a list of them (then the result is a list). The branches must agree in ndim;
 * differing dtypes are promoted.
 */
export function ifelse<A extends Branch, B extends Branch>(cond: TensorLike, then: A, otherwise: B): IfElseResult<A, B> {
  const c = asTensor(cond, 'ifelse: the condition');
  const many = isList(then) || isList(otherwise);
  const a = many ? [...(then as readonly unknown[])] : [then];
  const b = many ? [...(otherwise as readonly unknown[])] : [otherwise];
  if (a.length !== b.length) throw new TypeError(`ifelse: the true branch has ${a.length} values and the false branch ${b.length}; they must match`);
  const pairs = a.map((x, i) => {
    const [u, v] = operands([x, b[i]], 'ifelse') as [Variable, Variable];
    if (u.dtype === v.dtype) return [u, v];
    const d = promote(u.dtype, v.dtype);
    return [cast(u, d), cast(v, d)];
  });
  const outs = applyOp('ifelse', { n: a.length }, [c, ...pairs.map((p) => p[0]!), ...pairs.map((p) => p[1]!)]).outputs;
  return (many ? outs : outs[0]!) as IfElseResult<A, B>;
}
