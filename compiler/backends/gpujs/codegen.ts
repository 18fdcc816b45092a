// Renders a scheduled graph for GPU.js: kernel functions plus the launch plan the runtime
// interprets (runtime/gpujs/code.ts). Host steps (parameters, shapes, random draws) are
// compiled by the CPU backend one step at a time.
import type { KernelInfo } from '../../../runtime/program.ts';
import type { GpuJsCode, GpuJsHostCode, GpuJsKernel, GpuJsStep } from '../../../runtime/gpujs/code.ts';
import { Constant, type Variable } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { liveSteps, renderHostCpu, slotTable, stepName } from '../shared/codegen.ts';
import { mergeRuns } from './merge.ts';
import { renderElemwise } from './kernels/elemwise.ts';
import { GPUJS_NODES, type LowerContext } from './nodes.ts';
import { paramInputs, placeSteps, stepOutputs } from './placement.ts';
import { checkKernelNode, checkStored } from './policy.ts';

export interface GpuJsInput {
  steps: readonly Step[];
  inputs: readonly Variable[];
  shared: readonly Variable[];
  /** Outputs, then update values. */
  targets: readonly Variable[];
}

export interface GpuJsModule {
  code: GpuJsCode;
  /** The program's constants, in `{ from: 'const', index }` order. */
  constants: Constant[];
  steps: Step[];
  kernels: KernelInfo[];
}

export function renderGpuJs({ steps: scheduled, inputs, shared, targets }: GpuJsInput): GpuJsModule {
  const steps = liveSteps(scheduled, targets);
  const host = placeSteps(steps);
  const constants: Constant[] = [];
  // slots list their constants without a lookup (unlike host code), as GPU.js plans always have
  const { slots, slot } = slotTable(inputs, shared, (c) => constants.push(c) - 1);

  const kernels: GpuJsKernel[] = [];
  const bySource = new Map<string, number>();
  const ctx: LowerContext = {
    slot,
    kernel(k) {
      const have = bySource.get(k.source);
      if (have !== undefined) {
        for (const o of k.ops) if (!kernels[have]!.ops.includes(o)) kernels[have]!.ops.push(o);
        return have;
      }
      kernels.push(k);
      bySource.set(k.source, kernels.length - 1);
      return kernels.length - 1;
    },
  };

  const hostCode: GpuJsHostCode[] = [];
  const plan: GpuJsStep[] = [];
  const infos: KernelInfo[] = [];
  const ran: Step[] = [];
  for (const item of mergeRuns(steps, host, targets)) {
    if (item.kind === 'run') {
      const { members, arrays, exported } = item.run;
      // inputs first, so a float64 input is named as such rather than as an op's operand
      for (const v of arrays) checkStored(v, inputs);
      for (const m of members) for (const n of m.nodes) checkKernelNode(n, inputs);
      const k = ctx.kernel(renderElemwise(item.run));
      const ops = members.flatMap((m) => m.nodes.map((n) => n.op.name));
      plan.push({ op: 'elemwise', kernel: k, ins: arrays.map(slot), out: slot(exported.at(-1)!), more: exported.slice(0, -1).map(slot), name: ops.join(',') });
      infos.push({ name: `k${plan.length - 1}`, kind: 'elemwise', ops });
      ran.push(...members);
      continue;
    }
    const s = item.step;
    ran.push(s);
    if (host.has(s)) {
      plan.push(hostStep(s, slot, hostCode, constants));
      continue;
    }
    if (s.kind === 'fused') throw new Error('internal: a fused device step outside a run');
    const n = s.node;
    checkKernelNode(n, inputs, new Set(paramInputs(n)));
    const lower = GPUJS_NODES[n.op.kind] as (p: unknown, node: typeof n, c: LowerContext) => GpuJsStep;
    plan.push(lower(n.op.params, n, ctx));
    infos.push({ name: `${n.op.kind}${plan.length - 1}`, kind: n.op.kind, ops: [n.op.name] });
  }
  const results = targets.map(slot);
  return { code: { kernels, slots, steps: plan, results, host: hostCode }, constants, steps: ran, kernels: infos };
}

/** A step for the CPU: `shape` is read from the runtime's shapes; anything else is CPU code. */
function hostStep(s: Step, slot: (v: Variable) => number, hostCode: GpuJsHostCode[], constants: Constant[]): GpuJsStep {
  const out = stepOutputs(s)[0]!;
  if (s.kind === 'node' && s.node.op.kind === 'shape') return { op: 'shape', in: slot(s.node.inputs[0]!), out: slot(out) };
  const { ins, cpu } = renderHostCpu(s, [out]);
  const consts = cpu.constants.map((c) => {
    const k = constants.indexOf(c);
    if (k >= 0) return k;
    constants.push(c);
    return constants.length - 1;
  });
  hostCode.push({ source: cpu.source, constants: consts });
  return { op: 'host', fn: hostCode.length - 1, ins: ins.map(slot), out: slot(out), name: stepName(s) };
}
