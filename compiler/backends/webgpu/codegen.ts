// Renders a scheduled graph for WebGPU: WGSL kernels plus the launch plan the runtime
// interprets (runtime/webgpu/code.ts). Steps that compute kernel parameters run on the host,
// compiled by the CPU backend one step at a time. A scan whose step graph can run on the
// device gets a nested plan of its own (scan.ts); an ifelse's own steps run only when their
// branch is taken (branches.ts).
import type { KernelInfo } from '../../../runtime/program.ts';
import type { GpuPlan, GpuStep, HostCode, WebGpuCode, WgslKernel } from '../../../runtime/webgpu/code.ts';
import { type Apply, Constant, type Variable } from '../../graph.ts';
import { type Step, scalarConstant } from '../../compile/schedule.ts';
import { liveSteps, renderHostCpu, slotTable, stepName } from '../shared/codegen.ts';
import { branchOrder } from './branches.ts';
import { renderElemwise } from './kernels/elemwise.ts';
import { WGSL_NODES, type LowerContext } from './nodes.ts';
import { paramInputs, placeSteps, stepInputs, stepNodes, stepOutputs } from './placement.ts';
import { checkKernelNode, checkStored } from './policy.ts';
import { type DeviceScan, deviceScan, lowerScan } from './scan.ts';
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

/** What every plan of a program shares: kernels (one pipeline per source), constants, host code. */
export class Tables {
  readonly kernels: WgslKernel[] = [];
  private readonly bySource = new Map<string, number>();
  readonly constants: Constant[] = [];
  readonly host: HostCode[] = [];

  kernel(name: string, source: string, ops: readonly string[]): number {
    const have = this.bySource.get(source);
    if (have !== undefined) {
      for (const o of ops) if (!this.kernels[have]!.ops.includes(o)) this.kernels[have]!.ops.push(o);
      return have;
    }
    this.kernels.push({ name, source, ops: [...ops] });
    this.bySource.set(source, this.kernels.length - 1);
    return this.kernels.length - 1;
  }

  constant(c: Constant): number {
    const k = this.constants.indexOf(c);
    if (k >= 0) return k;
    return this.constants.push(c) - 1;
  }

  /** How long each table is, to undo a nested plan that turned out not to run on the device. */
  mark(): [number, number, number] { return [this.kernels.length, this.constants.length, this.host.length]; }

  rollback([k, c, h]: [number, number, number]): void {
    for (const dropped of this.kernels.splice(k)) this.bySource.delete(dropped.source);
    this.constants.length = c;
    this.host.length = h;
  }
}

export interface RenderedPlan {
  plan: GpuPlan;
  /** The steps that run, after splitting wide fused groups (in schedule order). */
  steps: Step[];
  kernels: KernelInfo[];
}

/**
 * One plan over its own slots: `inputs` are a function's inputs, or a step graph's
 * placeholders. Kernels, constants and host code go into the shared tables.
 */
export function renderPlan(t: Tables, scheduled: readonly Step[], inputs: readonly Variable[], shared: readonly Variable[], targets: readonly Variable[]): RenderedPlan {
  const steps = liveSteps(scheduled, targets).flatMap((s): Step[] => (s.kind === 'fused' ? splitFused(s) : [s]));
  const read = new Set<Variable>(targets);
  for (const s of steps) for (const v of stepInputs(s)) read.add(v);
  const scans = new Map<Apply, DeviceScan>();
  for (const s of steps) {
    if (s.kind !== 'node' || s.node.op.kind !== 'scan') continue;
    const d = deviceScan(t, s.node, read, inputs);
    if (d) scans.set(s.node, d);
  }
  const host = placeSteps(steps, new Map([...scans].map(([n, d]) => [n, d.params])));

  const { slots, slot } = slotTable(inputs, shared, (c) => t.constant(c));
  // the runtime moves values where steps read them; the compiler only checks what may go to the device
  const onHost = (v: Variable) => { slot(v); };
  const onDevice = (v: Variable) => {
    checkStored(v, inputs);
    slot(v);
  };
  const ctx: LowerContext = { slot, kernel: (name, source, ops) => t.kernel(name, source, ops) };

  const plan: GpuStep[] = [];
  const infos: KernelInfo[] = [];
  for (const item of branchOrder(steps, targets, (s) => !host.has(s))) {
    if (item.kind === 'branch') {
      plan.push({ op: 'branch', cond: slot(item.node.inputs[0]!), arms: item.arms });
      continue;
    }
    const s = item.step;
    const nodes = stepNodes(s);
    if (host.has(s)) {
      plan.push(hostStep(s, slot, onHost, t));
      continue;
    }
    if (s.kind === 'fused') {
      const arrays = s.inputs.filter((v) => scalarConstant(v) === null);
      const lits = new Map(s.inputs.filter((v) => scalarConstant(v) !== null).map((v) => [v, scalarConstant(v)!] as const));
      // inputs first, so a float64 input is named as such rather than as an op's operand
      arrays.forEach(onDevice);
      for (const n of nodes) checkKernelNode(n, inputs);
      const ops = nodes.map((n) => n.op.name);
      const kernel = t.kernel(`elemwise_${ops.join('_').slice(0, 40)}`, renderElemwise(s, arrays, lits), ops);
      plan.push({ op: 'elemwise', kernel, ins: arrays.map(slot), out: slot(s.output), name: ops.join(',') });
      infos.push({ name: `k${plan.length - 1}`, kind: 'elemwise', ops });
      continue;
    }
    const n = s.node;
    const scan = scans.get(n);
    const params = new Set(scan ? scan.params : paramInputs(n));
    n.inputs.forEach((v, i) => {
      if (params.has(i)) onHost(v);
      else if (n.op.kind !== 'shape') onDevice(v);
    });
    checkKernelNode(n, inputs, params);
    if (scan) plan.push(lowerScan(n, scan, slot, read));
    else {
      const lower = WGSL_NODES[n.op.kind] as (p: unknown, node: typeof n, c: LowerContext) => GpuStep;
      plan.push(lower(n.op.params, n, ctx));
    }
    infos.push({ name: `${n.op.kind}${plan.length - 1}`, kind: n.op.kind, ops: [n.op.name] });
  }
  return { plan: { slots, steps: plan, results: targets.map(slot) }, steps, kernels: infos };
}

/** Whether a plan (or a plan nested in it) has kernels that report out-of-bounds indices. */
function checkedPlan(p: GpuPlan): boolean {
  return p.steps.some((s) => ((s.op === 'subtensor' || s.op === 'set_subtensor') && s.spec.index.some((e) => e.kind === 'array'))
    || (s.op === 'scan' && checkedPlan(s.body)));
}

export function renderWebGpu({ steps: scheduled, inputs, shared, targets }: WebGpuInput): WebGpuModule {
  const t = new Tables();
  const { plan, steps, kernels } = renderPlan(t, scheduled, inputs, shared, targets);
  const code: WebGpuCode = { kernels: t.kernels, ...plan, host: t.host, checked: checkedPlan(plan) };
  return { code, constants: t.constants, steps, kernels };
}

/** A step for the CPU: `shape` is read from the runtime's shapes; anything else is CPU code. */
function hostStep(s: Step, slot: (v: Variable) => number, onHost: (v: Variable) => void, t: Tables): GpuStep {
  const outs = stepOutputs(s);
  if (s.kind === 'node' && s.node.op.kind === 'shape') return { op: 'shape', in: slot(s.node.inputs[0]!), out: slot(outs[0]!) };
  const { ins, cpu } = renderHostCpu(s, outs);
  ins.forEach(onHost);
  t.host.push({ source: cpu.source, constants: cpu.constants.map((c) => t.constant(c)) });
  return { op: 'host', fn: t.host.length - 1, ins: ins.map(slot), outs: outs.map(slot), name: stepName(s) };
}

