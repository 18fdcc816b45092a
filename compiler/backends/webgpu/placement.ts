// Which steps run on the host. Kernels need sizes, index bounds and shapes before they are
// dispatched, so values used as parameters (a reshape's target shape, alloc's sizes, slice
// bounds, a random draw's state) are computed on the CPU, along with the small shape
// arithmetic feeding them. Everything else is a kernel.
import type { Apply } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { allInputs, placeHostSteps, subtensorParams } from '../shared/placement.ts';

export { stepInputs, stepNodes, stepOutputs } from '../shared/placement.ts';

/** Positions of a node's inputs the host must know (never read by a kernel). */
export function paramInputs(node: Apply): number[] {
  switch (node.op.kind) {
    case 'reshape': return [1];
    case 'ifelse': return [0];
    case 'alloc': return allInputs(node).slice(1);
    case 'arange': case 'eye': case 'random': case 'rng_advance': case 'scan': return allInputs(node);
    // a boolean mask's true count sizes the result, so the host reads the mask
    case 'subtensor': case 'set_subtensor': return subtensorParams(node, (i) => node.inputs[i]!.dtype === 'bool');
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

/**
 * The host steps: `shape` (known without data), generator state advances, scans not run on the
 * device (`deviceScans` gives the parameters of those that are), steps whose output
 * a kernel needs as a parameter (and, through cheap steps, what those read), and cheap steps
 * fed only by constants and other host steps.
 */
export function placeSteps(steps: readonly Step[], deviceScans: ReadonlyMap<Apply, number[]> = new Map()): Set<Step> {
  return placeHostSteps(steps, {
    alwaysHost: (n) => ALWAYS_HOST.has(n.op.kind) && !deviceScans.has(n),
    params: (n) => deviceScans.get(n) ?? paramInputs(n),
  });
}
