// Pieces of plan rendering common to the device backends (WebGPU, GPU.js).
import type { SlotInfo } from '../../../runtime/device/code.ts';
import { Constant, type Variable } from '../../graph.ts';
import { type Step, scalarConstant, stepNodes, stepOutputs } from '../../compile/schedule.ts';
import { renderCpu, type CpuModule } from '../cpu/codegen.ts';
import { cpuStepOutputs, cpuStepReads, formLoops } from '../cpu/loops.ts';

/** Steps whose results someone reads (scalar constants are inlined, so their broadcasts are not). */
export function liveSteps(steps: readonly Step[], targets: readonly Variable[]): Step[] {
  const needed = new Set<Variable>(targets);
  const live: Step[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (!stepOutputs(s).some((o) => needed.has(o))) continue;
    live.unshift(s);
    const ins = s.kind === 'fused' ? s.inputs.filter((v) => scalarConstant(v) === null) : s.node.inputs;
    for (const v of ins) needed.add(v);
  }
  return live;
}

/**
 * A plan's slots, one per variable it touches, numbered in first-use order; `constant` gives
 * a constant's index in the program's constants.
 */
export function slotTable(inputs: readonly Variable[], shared: readonly Variable[], constant: (c: Constant) => number): { slots: SlotInfo[]; slot: (v: Variable) => number } {
  const slots: SlotInfo[] = [];
  const slotOf = new Map<Variable, number>();
  const slot = (v: Variable): number => {
    const have = slotOf.get(v);
    if (have !== undefined) return have;
    let source: SlotInfo['source'];
    const i = inputs.indexOf(v), s = shared.indexOf(v);
    if (i >= 0) source = { from: 'input', index: i };
    else if (s >= 0) source = { from: 'shared', index: s };
    else if (v instanceof Constant) source = { from: 'const', index: constant(v) };
    else source = { from: 'step' };
    slots.push({ dtype: v.dtype, ndim: v.ndim, broadcastable: [...v.broadcastable], source });
    slotOf.set(v, slots.length - 1);
    return slots.length - 1;
  };
  return { slots, slot };
}

/** A host step compiled by the CPU backend: what it reads (no constants) and its CPU module. */
export function renderHostCpu(s: Step, outs: Variable[]): { ins: Variable[]; cpu: CpuModule } {
  const steps = formLoops(stepNodes(s), outs, { fuse: false });
  // CPU loops read size-1 values through their dimshuffles: what they read is the input
  const produced = new Set(steps.flatMap(cpuStepOutputs));
  const ins = [...new Set(steps.flatMap(cpuStepReads))].filter((v) => !produced.has(v) && !(v instanceof Constant));
  return { ins, cpu: renderCpu({ steps, inputs: ins, shared: [], targets: outs }) };
}

/** A step's label in plans and listings: its nodes' op names. */
export const stepName = (s: Step): string => stepNodes(s).map((n) => n.op.name).join(',');
