// T.jacobian and T.hessian by differentiating one element at a time: unrolled while building
// the graph when the length is static, else a scan over the elements (as Theano does).
import { Variable } from '../graph.ts';
import { op1 } from '../api/core.ts';
import * as C from '../api/creation.ts';
import * as L from '../api/linalg.ts';
import * as S from '../api/shape.ts';
import { scan } from '../scan/api.ts';
import { gradDType } from './helpers.ts';
import { grad, type GradOptions } from './grad.ts';

type JacobianOptions = Pick<GradOptions, 'considerConstant' | 'consider_constant' | 'disconnectedInputs' | 'disconnected_inputs'>;

/** d expr[i] / d w for every i, stacked on a new first axis: shape (n, ...w.shape). */
function jacobianOf(expr: Variable, wrt: readonly Variable[], n: number | null, options: JacobianOptions): Variable[] {
  if (n === null) {
    const [rows] = scan({ fn: (i) => grad(op1('subtensor', { index: [{ kind: 'int', at: { input: 0 } }] }, [expr, i]), wrt, options), sequences: C.arange(S.dimSize(expr, 0)), name: 'jacobian' });
    return Array.isArray(rows) ? rows : [rows];
  }
  if (n === 0) return wrt.map((w) => C.zeros([0, ...w.type.shape.map((s, d) => s ?? S.dimSize(w, d))], { dtype: gradDType(w) }));
  const rows = Array.from({ length: n }, (_, i) => grad(op1('subtensor', { index: [{ kind: 'int', at: i }] }, [expr]), wrt, options));
  return wrt.map((_, k) => L.stack(rows.map((r) => r[k]!)));
}

/**
 * The Jacobian of a vector expression (a 0-d one gives its gradient) with respect to one
 * variable or a list of them.
 */
export function jacobian(expr: Variable, wrt: Variable, options?: JacobianOptions): Variable;
export function jacobian(expr: Variable, wrt: readonly Variable[], options?: JacobianOptions): Variable[];
export function jacobian(expr: Variable, wrt: Variable | readonly Variable[], options: JacobianOptions = {}): Variable | Variable[] {
  if (!(expr instanceof Variable)) throw new TypeError(`jacobian: the expression must be a variable, got ${typeof expr}`);
  const list = Array.isArray(wrt) ? (wrt as readonly Variable[]) : [wrt as Variable];
  let out: Variable[];
  if (expr.ndim === 0) out = grad(expr, list, options);
  else if (expr.ndim === 1) out = jacobianOf(expr, list, expr.type.shape[0] ?? null, options);
  else throw new TypeError(`jacobian: the expression must be a scalar or a vector, got ${expr.type}; flatten it first`);
  return Array.isArray(wrt) ? out : out[0]!;
}

/** The Hessian of a 0-d cost with respect to a vector (or each vector of a list): the Jacobian of its gradient. */
export function hessian(cost: Variable, wrt: Variable, options?: JacobianOptions): Variable;
export function hessian(cost: Variable, wrt: readonly Variable[], options?: JacobianOptions): Variable[];
export function hessian(cost: Variable, wrt: Variable | readonly Variable[], options: JacobianOptions = {}): Variable | Variable[] {
  const list = Array.isArray(wrt) ? (wrt as readonly Variable[]) : [wrt as Variable];
  const out = list.map((w, i) => {
    if (!(w instanceof Variable) || w.ndim !== 1) throw new TypeError(`hessian: wrt ${i} must be a vector, got ${w instanceof Variable ? w.type : typeof w}`);
    const g = grad(cost, w, options);
    return jacobianOf(g, [w], g.type.shape[0] ?? w.type.shape[0] ?? null, options)[0]!;
  });
  return Array.isArray(wrt) ? out : out[0]!;
}
