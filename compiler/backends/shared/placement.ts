// Host/device placement common to the GPU backends. A kernel's sizes and bounds must be known
// before it runs, so values used as parameters are computed on the CPU along with the small
// shape arithmetic feeding them; each backend says which kinds always run on the host and
// which inputs of a node are parameters.
import { Constant, type Apply, type Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import { type Step, stepNodes, stepOutputs } from '../../compile/schedule.ts';

export { stepNodes, stepOutputs };
export const stepInputs = (s: Step): Variable[] => (s.kind === 'fused' ? s.inputs : s.node.inputs);

/** Every input position of a node. */
export const allInputs = (node: Apply): number[] => node.inputs.map((_, i) => i);

/**
 * The input positions of a subtensor's or set_subtensor's index entries that are host values:
 * integer indices and slice bounds, plus any array entry `hostArray` claims (in index order).
 */
export function subtensorParams(node: Apply, hostArray: (input: number) => boolean = () => false): number[] {
  const p = node.op.params as OpParams['subtensor'];
  const first = node.op.kind === 'subtensor' ? 1 : 2;
  const refs: number[] = [];
  const ref = (b: unknown) => { if (b !== null && typeof b === 'object') refs.push(first + (b as { input: number }).input); };
  for (const e of p.index) {
    if (e.kind === 'int') ref(e.at);
    else if (e.kind === 'slice') { ref(e.start); ref(e.stop); ref(e.step); }
    else if (e.kind === 'array' && hostArray(first + e.input)) refs.push(first + e.input);
  }
  return refs;
}

/** Kinds cheap enough to evaluate on the CPU when their inputs are already there. */
const HOSTABLE = new Set(['elemwise', 'dimshuffle', 'reshape', 'subtensor', 'concatenate', 'shape']);
const cheap = (s: Step) => stepNodes(s).every((n) => HOSTABLE.has(n.op.kind)) && stepOutputs(s).every((o) => o.ndim <= 1);

export interface PlacementRules {
  /** Nodes that run on the host whatever feeds them. */
  alwaysHost(n: Apply): boolean;
  /** Positions of a node's inputs the host must know (never read by a kernel). */
  params(n: Apply): readonly number[];
}

/**
 * The host steps: those `alwaysHost` names, steps whose output a kernel needs as a parameter
 * (and, through cheap steps, what those read), and cheap steps fed only by constants and other
 * host steps.
 */
export function placeHostSteps(steps: readonly Step[], rules: PlacementRules): Set<Step> {
  const host = new Set<Step>();
  const producer = new Map<Variable, Step>();
  for (const s of steps) for (const o of stepOutputs(s)) producer.set(o, s);
  const demanded = new Set<Variable>();
  for (const s of steps) {
    for (const n of stepNodes(s)) {
      if (rules.alwaysHost(n)) host.add(s);
      for (const i of rules.params(n)) demanded.add(n.inputs[i]!);
    }
  }
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (!stepOutputs(s).some((o) => demanded.has(o))) continue;
    host.add(s);
    // a shape is known without its input's data
    if (stepNodes(s).some((n) => n.op.kind === 'shape')) continue;
    for (const i of stepInputs(s)) {
      const p = producer.get(i);
      if (p && cheap(p)) demanded.add(i);
    }
  }
  for (const s of steps) {
    if (host.has(s) || !cheap(s)) continue;
    const fed = stepInputs(s).every((i) => i instanceof Constant || (producer.has(i) && host.has(producer.get(i)!)));
    if (fed) host.add(s);
  }
  return host;
}
