// Ordering the nodes a function runs, and grouping elementwise chains into fused kernels.
import { type Apply, Constant, type Variable } from '../graph.ts';

/** Nodes needed for `targets`, in an order where every node follows its inputs' owners. */
export function toposort(targets: readonly Variable[], cut: ReadonlySet<Variable>): Apply[] {
  const order: Apply[] = [];
  const state = new Map<Apply, 1 | 2>();
  const visit = (v: Variable) => {
    if (cut.has(v) || !v.owner) return;
    const node = v.owner;
    const s = state.get(node);
    if (s === 2) return;
    if (s === 1) throw new Error('graph has a cycle');
    state.set(node, 1);
    for (const i of node.inputs) visit(i);
    state.set(node, 2);
    order.push(node);
  };
  // iterative deepening would avoid recursion limits; graphs from formulas stay shallow enough
  for (const t of targets) visit(t);
  return order;
}

/** Root variables a graph depends on (inputs with no owner, or cut points). */
export function roots(targets: readonly Variable[], cut: ReadonlySet<Variable>): Variable[] {
  const seen = new Set<Variable>();
  const out: Variable[] = [];
  const stack = [...targets];
  while (stack.length) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (cut.has(v) || !v.owner) { out.push(v); continue; }
    stack.push(...v.owner.inputs);
  }
  return out;
}

export type Step =
  | { kind: 'fused'; nodes: Apply[]; output: Variable; inputs: Variable[] }
  | { kind: 'node'; node: Apply };

/** The variables a step computes, in the order its instrumentation reports them. */
export const stepOutputs = (s: Step): Variable[] => (s.kind === 'fused' ? [s.output] : s.node.outputs);
/** The graph nodes a step evaluates, in order. */
export const stepNodes = (s: Step): Apply[] => (s.kind === 'fused' ? s.nodes : [s.node]);

const isElem = (n: Apply | null): n is Apply => n !== null && n.op.kind === 'elemwise';

/** A dimshuffle that only inserts broadcastable axes: fused kernels read through it. */
export function isBroadcastOnly(n: Apply | null): boolean {
  if (!n || n.op.kind !== 'dimshuffle') return false;
  const p = (n.op.params as { pattern: (number | 'x')[]; inputNdim: number });
  const nums = p.pattern.filter((e): e is number => e !== 'x');
  return nums.length === p.inputNdim && nums.every((e, i) => e === i);
}

/** A 0-d constant, possibly behind broadcast-only dimshuffles: inlined as a literal. */
export function scalarConstant(v: Variable): number | null {
  let cur = v;
  while (isBroadcastOnly(cur.owner)) cur = cur.owner!.inputs[0]!;
  // folded broadcasts are size-1 constants of any ndim
  return cur instanceof Constant && cur.value.size === 1 && cur.broadcastable.every((b) => b) ? cur.value.data[0]! : null;
}

/**
 * Group nodes into steps. An elementwise node joins its single consumer's kernel when that
 * consumer is elementwise over the same broadcast pattern (so nothing is computed twice).
 */
export function plan(order: readonly Apply[], targets: readonly Variable[], options: { fuse?: boolean } = {}): Step[] {
  const fuse = options.fuse ?? true;
  const clients = new Map<Variable, number>();
  for (const n of order) for (const i of n.inputs) clients.set(i, (clients.get(i) ?? 0) + 1);
  for (const t of targets) clients.set(t, (clients.get(t) ?? 0) + 1);
  const inOrder = new Set(order);
  const groupOf = new Map<Apply, Apply[]>();
  const sameBc = (a: Variable, b: Variable) => a.ndim === b.ndim && a.broadcastable.every((x, i) => x === b.broadcastable[i]);

  for (let k = order.length - 1; k >= 0; k--) {
    const n = order[k]!;
    if (!isElem(n) || groupOf.has(n)) continue;
    const group = [n];
    groupOf.set(n, group);
    const grow = (m: Apply) => {
      for (const i of m.inputs) {
        const p = i.owner;
        if (!fuse || !isElem(p) || !inOrder.has(p) || groupOf.has(p)) continue;
        if ((clients.get(i) ?? 0) !== 1 || !sameBc(i, n.outputs[0]!)) continue;
        group.push(p);
        groupOf.set(p, group);
        grow(p);
      }
    };
    grow(n);
  }

  const steps: Step[] = [];
  const emitted = new Set<Apply[]>();
  for (const n of order) {
    const g = groupOf.get(n);
    if (!g) {
      // constant broadcasts read by fused kernels need no step of their own
      steps.push({ kind: 'node', node: n });
      continue;
    }
    // a group is emitted at its root (its last node), when every member's inputs exist
    if (n !== g[0]) continue;
    emitted.add(g);
    const members = new Set(g);
    const nodes = order.filter((m) => members.has(m));
    const produced = new Set(nodes.map((m) => m.outputs[0]!));
    const inputs: Variable[] = [];
    for (const m of nodes) for (const i of m.inputs) if (!produced.has(i) && !inputs.includes(i)) inputs.push(i);
    steps.push({ kind: 'fused', nodes, output: n.outputs[0]!, inputs });
  }
  return steps;
}
