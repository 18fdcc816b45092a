// Which steps run on the host. A kernel's sizes and bounds must be known before it runs, so
// values used as parameters (a reshape's target shape, alloc's sizes, slice bounds) are computed
// on the CPU, with the small shape arithmetic feeding them. Random draws run there too: their
// Philox generator needs exact 32-bit integer products, which GPU.js kernels (float32, and
// bitwise ops emulated bit by bit) cannot compute, and drawing on the host keeps every draw
// bit-identical to the CPU backend's.
import type { Apply } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { allInputs, placeHostSteps, subtensorParams } from '../shared/placement.ts';

export { stepInputs, stepNodes, stepOutputs } from '../shared/placement.ts';

/** Positions of a node's inputs the host must know (never read by a kernel). */
export function paramInputs(node: Apply): number[] {
  switch (node.op.kind) {
    case 'reshape': return [1];
    case 'alloc': return allInputs(node).slice(1);
    case 'arange': case 'eye': case 'random': case 'rng_advance': return allInputs(node);
    case 'subtensor': case 'set_subtensor': return subtensorParams(node);
    default: return [];
  }
}

/** Nodes that run on the host whatever feeds them. */
const onHost = (n: Apply) => n.op.kind === 'shape' || n.op.kind === 'random' || n.op.kind === 'rng_advance';

/**
 * The host steps: those of `onHost`, steps whose output a kernel needs as a parameter (and,
 * through cheap steps, what those read), and cheap steps fed only by constants and host steps.
 */
export function placeSteps(steps: readonly Step[]): Set<Step> {
  return placeHostSteps(steps, { alwaysHost: onHost, params: paramInputs });
}
