// A WGSL kernel may bind only so many storage buffers (8 is the default limit, one of them the
// output), so fused groups with more array inputs are cut into several kernels.
import type { Apply, Variable } from '../../graph.ts';
import { type Step, scalarConstant } from '../../compile/schedule.ts';

export type FusedStep = Extract<Step, { kind: 'fused' }>;

/** Array inputs a kernel may read: 8 storage bindings minus the output. */
export const MAX_ARRAY_INPUTS = 7;

const arraysOf = (vs: Iterable<Variable>) => [...new Set(vs)].filter((v) => scalarConstant(v) === null);

/** The fused step computing `root` from its group members in `members`. */
function stepFor(root: Apply, members: ReadonlySet<Apply>, order: readonly Apply[]): FusedStep {
  const sub = new Set<Apply>();
  const walk = (n: Apply) => {
    if (sub.has(n)) return;
    sub.add(n);
    for (const i of n.inputs) if (i.owner && members.has(i.owner)) walk(i.owner);
  };
  walk(root);
  const nodes = order.filter((n) => sub.has(n));
  const produced = new Set(nodes.map((n) => n.outputs[0]!));
  const inputs: Variable[] = [];
  for (const n of nodes) for (const i of n.inputs) if (!produced.has(i) && !inputs.includes(i)) inputs.push(i);
  return { kind: 'fused', nodes, output: root.outputs[0]!, inputs };
}

/**
 * Split a fused step until every part reads at most `max` arrays. The group is a tree (each
 * member feeds one other), so cutting the subtree with the most inputs off the root always
 * makes progress; the cut-off part becomes a step of its own, run first.
 */
export function splitFused(step: FusedStep, max = MAX_ARRAY_INPUTS): FusedStep[] {
  if (arraysOf(step.inputs).length <= max) return [step];
  const members = new Set(step.nodes);
  const root = step.output.owner!;
  const children = root.inputs.map((i) => i.owner).filter((o): o is Apply => o !== null && members.has(o));
  if (children.length === 0) return [step];
  const parts = children.map((c) => stepFor(c, members, step.nodes));
  parts.sort((a, b) => arraysOf(b.inputs).length - arraysOf(a.inputs).length);
  const cut = parts[0]!;
  const cutNodes = new Set(cut.nodes);
  const rest = new Set(step.nodes.filter((n) => !cutNodes.has(n)));
  const remaining = stepFor(root, rest, step.nodes);
  return [...splitFused(cut, max), ...splitFused(remaining, max)];
}
