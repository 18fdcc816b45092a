// Rebuilding a graph with some variables replaced (givens, copy's swap, rewrites).
import { type Variable } from './graph.ts';
import { applyOp } from './ops/table.ts';
import type { OpKind, OpParams } from './ops/params.ts';

/**
 * The targets with every occurrence of a key of `replace` substituted by its value. Nodes
 * whose inputs are unchanged are reused, so unaffected subgraphs keep their identity.
 */
export function cloneReplace(targets: readonly Variable[], replace: ReadonlyMap<Variable, Variable>): Variable[] {
  const memo = new Map<Variable, Variable>(replace);
  const visit = (v: Variable): Variable => {
    const hit = memo.get(v);
    if (hit) return hit;
    const node = v.owner;
    if (!node) { memo.set(v, v); return v; }
    const ins = node.inputs.map(visit);
    let out: Variable;
    if (ins.every((x, i) => x === node.inputs[i])) out = v;
    else {
      const fresh = applyOp(node.op.kind as OpKind, node.op.params as OpParams[OpKind], ins);
      fresh.outputs.forEach((o, i) => { Object.assign(o.tag, node.outputs[i]!.tag); if (node.outputs[i]!.name) o.name = node.outputs[i]!.name; });
      out = fresh.outputs[v.index]!;
      node.outputs.forEach((o, i) => memo.set(o, fresh.outputs[i]!));
    }
    memo.set(v, out);
    return out;
  };
  return targets.map(visit);
}
