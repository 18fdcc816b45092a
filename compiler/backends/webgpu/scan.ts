// A scan on the device: its step graph is optimized and rendered once as a nested plan over the
// step's placeholders, with kernels, constants and host code in the program's tables. The
// runtime encodes that plan once per call and replays it for every step
// (runtime/webgpu/ops/scan.ts), which is right only when every step launches the same kernels
// with the same parameters: the step graph may read on the host only what is the same at every
// step (shapes, constants, non-sequences), never a sequence row or an earlier state.
//
// Otherwise the scan stays a host step (the CPU backend's compiled loop, its inputs read back):
// a step reading a value on the host that changes per step (a random draw's generator state,
// an index taken from a sequence, an ifelse on a state), or a step graph the device cannot
// hold (float64, int64 arithmetic).
import type { GpuPlan, GpuStep, ScanRole } from '../../../runtime/webgpu/code.ts';
import { RUNNERS } from '../../../runtime/webgpu/ops/index.ts';
import type { Runner } from '../../../runtime/webgpu/ops/runner.ts';
import type { Apply, Variable } from '../../graph.ts';
import type { ScanParams } from '../../ops/params.ts';
import { optimize } from '../../rewrite/optimize.ts';
import { plan, toposort } from '../../compile/schedule.ts';
import { innerGraph } from '../../scan/registry.ts';
import { layoutOf } from '../../scan/layout.ts';
import { type Tables, renderPlan } from './codegen.ts';
import { checkKernelNode, checkStored } from './policy.ts';

export interface DeviceScan {
  /** Inputs of the scan node read on the host: the step count, and non-sequences the body reads there. */
  params: number[];
  body: GpuPlan;
  hostNonSeqs: number[];
  roles: ScanRole[];
  /** Per map: its index in the body's results, null when unused. */
  mapResults: (number | null)[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Slots a step writes. */
function writes(s: GpuStep): number[] {
  switch (s.op) {
    case 'scan': return [...s.stacked, ...s.maps, ...s.finals].filter((k): k is number => k !== null);
    case 'branch': return [];
    case 'host': case 'ifelse': return s.outs;
    default: return [s.out];
  }
}

/**
 * The step-graph inputs whose values the plan reads on the host (directly or through host
 * steps and views), or null when it reads a value only a kernel computes (a readback per step).
 */
function hostInputs(p: GpuPlan): Set<number> | null {
  const producer = new Map<number, GpuStep>();
  for (const s of p.steps) for (const o of writes(s)) producer.set(o, s);
  const stack = p.steps.flatMap((s) => [...(RUNNERS[s.op] as Runner<GpuStep>).hostNeeds(s)]);
  const seen = new Set<number>();
  const found = new Set<number>();
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    const src = p.slots[k]!.source;
    if (src.from === 'const') continue;
    if (src.from === 'input') { found.add(src.index); continue; }
    const s = producer.get(k);
    if (src.from === 'shared' || !s) return null;
    switch (s.op) {
      case 'shape': break;
      case 'host': case 'ifelse': stack.push(...s.ins); break;
      case 'reshape': case 'broadcast': stack.push(s.in); break;
      default: return null;
    }
  }
  return found;
}

/** Errors of the device's dtype policy: such a scan runs on the host instead. */
const refused = (e: unknown) => e instanceof TypeError && e.message.startsWith('webgpu:');

/** The step graph as a device plan, or null when this scan must run on the host. */
export function deviceScan(t: Tables, node: Apply, read: ReadonlySet<Variable>, outerInputs: readonly Variable[]): DeviceScan | null {
  const p = node.op.params as ScanParams;
  const L = layoutOf(p);
  const g = innerGraph(p.id);
  const R = L.states;
  const usedMaps = range(p.maps).map((m) => read.has(node.outputs[L.map(m)]!));
  const wanted = [...g.outputs.slice(0, R), ...g.outputs.slice(R).filter((_, m) => usedMaps[m])];
  const cut = new Set(g.inputs);
  const targets = optimize(wanted, 'fast_run', cut).outputs;
  const steps = plan(toposort(targets, cut), targets, { fuse: true });

  const roles: ScanRole[] = new Array<ScanRole>(L.innerInputs);
  range(p.seqs).forEach((j) => { roles[L.innerSeq(j)] = { kind: 'seq', j }; });
  p.taps.forEach((taps, i) => taps.forEach((k, r) => { roles[L.innerTap(i, r)] = { kind: 'tap', i, k }; }));
  range(p.nonSeqs).forEach((k) => { roles[L.innerNonSeq(k)] = { kind: 'nonseq', k }; });

  const mark = t.mark();
  try {
    const body = renderPlan(t, steps, g.inputs, [], targets).plan;
    const needs = hostInputs(body);
    if (needs === null || [...needs].some((i) => roles[i]!.kind !== 'nonseq')) {
      t.rollback(mark);
      return null;
    }
    const hostNonSeqs = [...needs].map((i) => (roles[i] as Extract<ScanRole, { kind: 'nonseq' }>).k).sort((a, b) => a - b);
    const params = [0, ...hostNonSeqs.map((k) => L.nonSeq(k))];
    node.inputs.forEach((v, i) => { if (!params.includes(i)) checkStored(v, outerInputs); });
    checkKernelNode(node, outerInputs, new Set(params));
    let used = R;
    const mapResults = usedMaps.map((u) => (u ? used++ : null));
    return { params, body, hostNonSeqs, roles, mapResults };
  } catch (e) {
    if (!refused(e)) throw e;
    t.rollback(mark);
    return null;
  }
}

/** The launch step of a device scan; outputs no one reads get no slot. */
export function lowerScan(node: Apply, d: DeviceScan, slot: (v: Variable) => number, read: ReadonlySet<Variable>): GpuStep {
  const p = node.op.params as ScanParams;
  const L = layoutOf(p);
  const input = (i: number) => slot(node.inputs[i]!);
  const output = (o: number) => (read.has(node.outputs[o]!) ? slot(node.outputs[o]!) : null);
  return {
    op: 'scan', name: p.name, body: d.body, n: input(0),
    seqs: range(p.seqs).map((j) => input(L.seq(j))),
    inits: p.taps.map((_, i) => input(L.init(i))),
    taps: p.taps.map((taps) => [...taps]),
    nonSeqs: range(p.nonSeqs).map((k) => input(L.nonSeq(k))),
    hostNonSeqs: d.hostNonSeqs, roles: d.roles,
    stacked: p.taps.map((_, i) => output(L.stacked(i))),
    maps: range(p.maps).map((m) => output(L.map(m))),
    finals: p.taps.map((_, i) => output(L.final(i))),
    mapResults: d.mapResults,
    mapRows: range(p.maps).map((m) => node.outputs[L.map(m)]!.type.shape.slice(1).map((s) => s ?? 0)),
  };
}
