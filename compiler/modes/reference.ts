// Reference evaluation of a graph, node by node with each op's `perform`: the meaning the
// optimized, compiled function must keep. DebugMode and NanGuardMode use it.
import type { NDArray } from '../../runtime/ndarray.ts';
import { type Apply, Constant, type Variable } from '../graph.ts';
import { OPS } from '../ops/table.ts';
import type { OpKind, OpParams } from '../ops/params.ts';

/** The value of `v` among `vals`, constants included. */
export function valueOf(vals: ReadonlyMap<Variable, NDArray>, v: Variable): NDArray {
  const x = vals.get(v);
  if (x) return x;
  if (v instanceof Constant) return v.value;
  throw new Error(`internal: no value for ${v} in a reference evaluation`);
}

/** Evaluate one node from the values of its inputs. */
export function performNode(n: Apply, vals: ReadonlyMap<Variable, NDArray>): NDArray[] {
  return OPS[n.op.kind].perform(n.inputs.map((i) => valueOf(vals, i)), n.op.params as OpParams[OpKind] as never);
}

/**
 * The variables `targets` need, from the values of its leaves (`known`). As in compiled code,
 * an ifelse evaluates only the branch its condition picks: the other may well fail.
 */
export function evaluateGraph(targets: readonly Variable[], known: ReadonlyMap<Variable, NDArray>): Map<Variable, NDArray> {
  const vals = new Map(known);
  const has = (v: Variable) => vals.has(v) || v instanceof Constant;
  // depth-first on an explicit stack: graphs can be deeper than the call stack
  const stack = [...targets].reverse();
  while (stack.length) {
    const v = stack[stack.length - 1]!;
    if (has(v)) { stack.pop(); continue; }
    const n = v.owner;
    if (!n) throw new Error(`internal: no value for ${v} in a reference evaluation`);
    const needed = n.op.kind === 'ifelse' ? branchInputs(n, vals) : n.inputs;
    const missing = needed.filter((i) => !has(i));
    if (missing.length) { stack.push(...missing.reverse()); continue; }
    stack.pop();
    const outs = n.op.kind === 'ifelse' ? n.outputs.map((_, i) => valueOf(vals, needed[1 + i]!)) : performNode(n, vals);
    n.outputs.forEach((o, i) => vals.set(o, outs[i]!));
  }
  return vals;
}

/** An ifelse's condition, then (once the condition is known) the values of the chosen branch. */
function branchInputs(n: Apply, vals: ReadonlyMap<Variable, NDArray>): Variable[] {
  const [cond, ...rest] = n.inputs;
  const c = vals.get(cond!) ?? (cond instanceof Constant ? cond.value : null);
  if (!c) return [cond!];
  const k = rest.length / 2;
  return [cond!, ...(c.data[0] !== 0 ? rest.slice(0, k) : rest.slice(k))];
}

/**
 * Add to `vals` whatever the inputs of `n` need that is not there yet (a loop reads a shape
 * straight from its array, so the shape node itself never ran).
 */
export function fillInputs(n: Apply, vals: Map<Variable, NDArray>): void {
  const missing = n.inputs.filter((i) => !vals.has(i) && !(i instanceof Constant));
  if (missing.length) for (const [v, a] of evaluateGraph(missing, vals)) vals.set(v, a);
}
