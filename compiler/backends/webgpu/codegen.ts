// Renders a scheduled graph for WebGPU: WGSL kernels plus the launch plan the runtime
// interprets (runtime/webgpu/code.ts). Steps that compute kernel parameters run on the host,
// compiled by the CPU backend one step at a time.
import type { KernelInfo } from '../../../runtime/program.ts';
import type { GpuStep, HostCode, SlotInfo, WebGpuCode } from '../../../runtime/webgpu/code.ts';
import { Constant, type Variable } from '../../graph.ts';
import { type Step, scalarConstant } from '../../compile/schedule.ts';
import { renderCpu } from '../cpu/codegen.ts';
import { cpuStepOutputs, cpuStepReads, formLoops } from '../cpu/loops.ts';
import { renderElemwise } from './kernels/elemwise.ts';
import { WGSL_NODES, type LowerContext } from './nodes.ts';
import { paramInputs, placeSteps, stepNodes, stepOutputs } from './placement.ts';
import { checkKernelNode, checkStored } from './policy.ts';
import { splitFused } from './split.ts';

export interface WebGpuInput {
  steps: readonly Step[];
  inputs: readonly Variable[];
  shared: readonly Variable[];
  /** Outputs, then update values. */
  targets: readonly Variable[];
}

export interface WebGpuModule {
  code: WebGpuCode;
  /** The program's constants, in `{ from: 'const', index }` order. */
  constants: Constant[];
  /** The steps that run, after splitting wide fused groups. */
  steps: Step[];
  kernels: KernelInfo[];
}

/** Steps whose results someone reads (scalar constants are inlined, so their broadcasts are not). */
function liveSteps(steps: readonly Step[], targets: readonly Variable[]): Step[] {
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

export function renderWebGpu({ steps: scheduled, inputs, shared, targets }: WebGpuInput): WebGpuModule {
  const steps = liveSteps(scheduled, targets).flatMap((s): Step[] => (s.kind === 'fused' ? splitFused(s) : [s]));
  const host = placeSteps(steps);

  const constants: Constant[] = [];
  const slots: SlotInfo[] = [];
  const slotOf = new Map<Variable, number>();
  const slot = (v: Variable): number => {
    const have = slotOf.get(v);
    if (have !== undefined) return have;
    let source: SlotInfo['source'];
    const i = inputs.indexOf(v), s = shared.indexOf(v);
    if (i >= 0) source = { from: 'input', index: i };
    else if (s >= 0) source = { from: 'shared', index: s };
    else if (v instanceof Constant) {
      constants.push(v);
      source = { from: 'const', index: constants.length - 1 };
    } else source = { from: 'step' };
    slots.push({ dtype: v.dtype, ndim: v.ndim, broadcastable: [...v.broadcastable], source });
    slotOf.set(v, slots.length - 1);
    return slots.length - 1;
  };
  // the runtime moves values where steps read them; the compiler only checks what may go to the device
  const onHost = (v: Variable) => { slot(v); };
  const onDevice = (v: Variable) => {
    checkStored(v, inputs);
    slot(v);
  };

  const kernels: WebGpuCode['kernels'] = [];
  const bySource = new Map<string, number>();
  const ctx: LowerContext = {
    slot,
    kernel(name, source, ops) {
      const have = bySource.get(source);
      if (have !== undefined) {
        for (const o of ops) if (!kernels[have]!.ops.includes(o)) kernels[have]!.ops.push(o);
        return have;
      }
      kernels.push({ name, source, ops: [...ops] });
      bySource.set(source, kernels.length - 1);
      return kernels.length - 1;
    },
  };

  const hostCode: HostCode[] = [];
  const plan: GpuStep[] = [];
  const infos: KernelInfo[] = [];
  for (const s of steps) {
    const nodes = stepNodes(s);
    if (host.has(s)) {
      plan.push(hostStep(s, slot, onHost, hostCode, constants));
      continue;
    }
    if (s.kind === 'fused') {
      const arrays = s.inputs.filter((v) => scalarConstant(v) === null);
      const lits = new Map(s.inputs.filter((v) => scalarConstant(v) !== null).map((v) => [v, scalarConstant(v)!] as const));
      // inputs first, so a float64 input is named as such rather than as an op's operand
      arrays.forEach(onDevice);
      for (const n of nodes) checkKernelNode(n, inputs);
      const ops = nodes.map((n) => n.op.name);
      const kernel = ctx.kernel(`elemwise_${ops.join('_').slice(0, 40)}`, renderElemwise(s, arrays, lits), ops);
      plan.push({ op: 'elemwise', kernel, ins: arrays.map(slot), out: slot(s.output), name: ops.join(',') });
      infos.push({ name: `k${plan.length - 1}`, kind: 'elemwise', ops });
      continue;
    }
    const n = s.node;
    const params = new Set(paramInputs(n));
    n.inputs.forEach((v, i) => {
      if (params.has(i)) onHost(v);
      else if (n.op.kind !== 'shape') onDevice(v);
    });
    checkKernelNode(n, inputs, params);
    const lower = WGSL_NODES[n.op.kind] as (p: unknown, node: typeof n, c: LowerContext) => GpuStep;
    plan.push(lower(n.op.params, n, ctx));
    infos.push({ name: `${n.op.kind}${plan.length - 1}`, kind: n.op.kind, ops: [n.op.name] });
  }
  const results = targets.map(slot);
  const checked = plan.some((p) => (p.op === 'subtensor' || p.op === 'set_subtensor') && p.spec.index.some((e) => e.kind === 'array'));
  const code: WebGpuCode = { kernels, slots, steps: plan, results, host: hostCode, checked };
  return { code, constants, steps, kernels: infos };
}

/** A step for the CPU: `shape` is read from the runtime's shapes; anything else is CPU code. */
function hostStep(s: Step, slot: (v: Variable) => number, onHost: (v: Variable) => void, hostCode: HostCode[], constants: Constant[]): GpuStep {
  const outs = stepOutputs(s);
  if (s.kind === 'node' && s.node.op.kind === 'shape') return { op: 'shape', in: slot(s.node.inputs[0]!), out: slot(outs[0]!) };
  const steps = formLoops(stepNodes(s), outs, { fuse: false });
  // CPU loops read size-1 values through their dimshuffles: what they read is the input
  const produced = new Set(steps.flatMap(cpuStepOutputs));
  const ins = [...new Set(steps.flatMap(cpuStepReads))].filter((v) => !produced.has(v) && !(v instanceof Constant));
  ins.forEach(onHost);
  const cpu = renderCpu({ steps, inputs: ins, shared: [], targets: outs });
  const consts = cpu.constants.map((c) => {
    const k = constants.indexOf(c);
    if (k >= 0) return k;
    constants.push(c);
    return constants.length - 1;
  });
  hostCode.push({ source: cpu.source, constants: consts });
  const name = stepNodes(s).map((n) => n.op.name).join(',');
  return { op: 'host', fn: hostCode.length - 1, ins: ins.map(slot), outs: outs.map(slot), name };
}
