// Which steps run on the host. Kernels need sizes, index bounds and shapes before they are
// dispatched, so values used as parameters (a reshape's target shape, alloc's sizes, slice
// bounds, a random draw's state) are computed on the CPU, along with the small shape
// arithmetic feeding them. Everything else is a kernel.
import type { Apply, Variable } from '../../graph.ts';
import { Constant } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import type { Step } from '../../compile/schedule.ts';

export const stepInputs = (s: Step): Variable[] => (s.kind === 'fused' ? s.inputs : s.node.inputs);
export const stepOutputs = (s: Step): Variable[] => (s.kind === 'fused' ? [s.output] : s.node.outputs);
export const stepNodes = (s: Step): Apply[] => (s.kind === 'fused' ? s.nodes : [s.node]);

/** Positions of a node's inputs the host must know (never read by a kernel). */
export function paramInputs(node: Apply): number[] {
  const all = () => node.inputs.map((_, i) => i);
  switch (node.op.kind) {
    case 'reshape': return [1];
    case 'ifelse': return [0];
    case 'alloc': return all().slice(1);
    case 'arange': case 'eye': case 'random': case 'rng_advance': case 'scan': return all();
    case 'subtensor': case 'set_subtensor': {
      const p = node.op.params as OpParams['subtensor'];
      const first = node.op.kind === 'subtensor' ? 1 : 2;
      const refs: number[] = [];
      const ref = (b: unknown) => { if (b !== null && typeof b === 'object') refs.push(first + (b as { input: number }).input); };
      for (const e of p.index) {
        if (e.kind === 'int') ref(e.at);
        else if (e.kind === 'slice') { ref(e.start); ref(e.stop); ref(e.step); }
        else if (e.kind === 'array' && node.inputs[first + e.input]!.dtype === 'bool') refs.push(first + e.input);
      }
      return refs;
    }
    default: return [];
  }
}

/**
 * Kinds that always run on the host: shapes need no data, generator states are host values.
 * A scan runs on the host too unless its step graph can run on the device (compiler/backends/
 * webgpu/scan.ts); then it is a device step whose parameters are the step count and the
 * non-sequences its step graph reads on the host.
 */
const ALWAYS_HOST = new Set(['shape', 'rng_advance', 'scan']);

/** Kinds cheap enough to evaluate on the CPU when their inputs are already there. */
const HOSTABLE = new Set(['elemwise', 'dimshuffle', 'reshape', 'subtensor', 'concatenate', 'shape']);
const cheap = (s: Step) => stepNodes(s).every((n) => HOSTABLE.has(n.op.kind)) && stepOutputs(s).every((o) => o.ndim <= 1);

/**
 * The host steps: `shape` (known without data), generator state advances, scans not run on the
 * device (`deviceScans` gives the parameters of those that are), steps whose output
 * a kernel needs as a parameter (and, through cheap steps, what those read), and cheap steps
 * fed only by constants and other host steps.
 */
export function placeSteps(steps: readonly Step[], deviceScans: ReadonlyMap<Apply, number[]> = new Map()): Set<Step> {
  const host = new Set<Step>();
  const producer = new Map<Variable, Step>();
  for (const s of steps) for (const o of stepOutputs(s)) producer.set(o, s);
  const demanded = new Set<Variable>();
  for (const s of steps) {
    for (const n of stepNodes(s)) {
      const params = deviceScans.get(n);
      if (ALWAYS_HOST.has(n.op.kind) && !params) host.add(s);
      for (const i of params ?? paramInputs(n)) demanded.add(n.inputs[i]!);
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
