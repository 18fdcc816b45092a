// Reference evaluation of a graph, node by node with each op's `perform`: the meaning the
// optimized, compiled function must keep. DebugMode and NanGuardMode use it.
import type { NDArray } from '../../runtime/ndarray.ts';
import { type Apply, Constant, type Variable } from '../graph.ts';
import { OPS } from '../ops/table.ts';
import type { OpKind, OpParams } from '../ops/params.ts';
import { toposort } from '../compile/schedule.ts';

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

/** Every variable of the graph of `targets`, from the values of its leaves (`known`). */
export function evaluateGraph(targets: readonly Variable[], known: ReadonlyMap<Variable, NDArray>): Map<Variable, NDArray> {
  const vals = new Map(known);
  for (const n of toposort(targets, new Set(known.keys()))) {
    const outs = performNode(n, vals);
    n.outputs.forEach((o, i) => vals.set(o, outs[i]!));
  }
  return vals;
}

/**
 * Add to `vals` whatever the inputs of `n` need that is not there yet (a loop reads a shape
 * straight from its array, so the shape node itself never ran).
 */
export function fillInputs(n: Apply, vals: Map<Variable, NDArray>): void {
  const missing = n.inputs.filter((i) => !vals.has(i) && !(i instanceof Constant));
  if (missing.length) for (const [v, a] of evaluateGraph(missing, vals)) vals.set(v, a);
}
