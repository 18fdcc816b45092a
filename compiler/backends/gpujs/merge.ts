// Elementwise steps over one output space become one GPU.js kernel map: a single pass computes
// them all in registers and writes every value something else reads as an extra output. The
// schedule fuses a node into its consumer only when it has one consumer, so a value read twice
// (z in the logistic regression: by the prediction, the cost and the gradient) starts a new
// kernel; here those kernels join again. A step joins a run when it reads one of the run's
// values (so its output has the run's shape) and everything else it reads exists before the run
// starts; it then moves up to the run's place.
import type { Variable } from '../../graph.ts';
import { type Step, scalarConstant } from '../../compile/schedule.ts';
import { type FusedStep, splitFused } from '../webgpu/split.ts';
import { stepInputs, stepOutputs } from './placement.ts';

/** Textures a kernel may read: WebGL2 promises 16 units. */
export const MAX_ARRAYS = 15;
/** Outputs a kernel map may write: WebGL2 promises 4 draw buffers. */
export const MAX_OUTPUTS = 4;

/** Steps computed by one launch: elementwise members with the values they hand on. */
export interface Run { members: FusedStep[]; arrays: Variable[]; exported: Variable[] }
export type Item = { kind: 'run'; run: Run } | { kind: 'step'; step: Step };

const arraysOf = (s: FusedStep) => s.inputs.filter((v) => scalarConstant(v) === null);
const samePattern = (a: Variable, b: Variable) => a.ndim === b.ndim && a.broadcastable.every((x, d) => x === b.broadcastable[d]);

/** Values of the members read after the run, or results: what the kernel must write. */
function exportedOf(members: readonly FusedStep[], readers: ReadonlyMap<Variable, Set<Step>>, targets: ReadonlySet<Variable>): Variable[] {
  const inRun = new Set<Step>(members);
  return members.map((m) => m.output).filter((v) => targets.has(v) || [...(readers.get(v) ?? [])].some((s) => !inRun.has(s)));
}

function arraysOfRun(members: readonly FusedStep[]): Variable[] {
  const produced = new Set(members.map((m) => m.output));
  return [...new Set(members.flatMap(arraysOf))].filter((v) => !produced.has(v));
}

/** Steps in launch order, consecutive-enough elementwise device steps gathered into runs. */
export function mergeRuns(scheduled: readonly Step[], host: ReadonlySet<Step>, targets: readonly Variable[]): Item[] {
  // device groups with more arrays than texture units are cut first
  const steps: { s: Step; device: boolean }[] = scheduled.flatMap((s) => {
    const device = s.kind === 'fused' && !host.has(s);
    return (device ? splitFused(s as FusedStep, MAX_ARRAYS) : [s]).map((p) => ({ s: p, device }));
  });
  const readers = new Map<Variable, Set<Step>>();
  for (const { s } of steps) for (const v of stepInputs(s)) (readers.get(v) ?? readers.set(v, new Set()).get(v)!).add(s);
  const targetSet = new Set(targets);
  const items: Item[] = [];
  let open: { members: FusedStep[]; before: Set<Variable> } | null = null;
  // the values that exist before the step at hand runs
  const made = new Set<Variable>();

  const joins = (s: FusedStep): boolean => {
    if (!open || !samePattern(s.output, open.members[0]!.output)) return false;
    const outs = new Set(open.members.map((m) => m.output));
    const ins = arraysOf(s);
    if (!ins.some((v) => outs.has(v))) return false;
    if (!ins.every((v) => outs.has(v) || open!.before.has(v) || !v.owner)) return false;
    const members = [...open.members, s];
    return arraysOfRun(members).length <= MAX_ARRAYS && exportedOf(members, readers, targetSet).length <= MAX_OUTPUTS;
  };

  for (const { s, device } of steps) {
    if (device && s.kind === 'fused') {
      if (joins(s)) open!.members.push(s);
      else {
        const run: Run = { members: [s], arrays: [], exported: [] };
        open = { members: run.members, before: new Set(made) };
        items.push({ kind: 'run', run });
      }
    } else items.push({ kind: 'step', step: s });
    for (const v of stepOutputs(s)) made.add(v);
  }
  for (const it of items) {
    if (it.kind !== 'run') continue;
    it.run.arrays = arraysOfRun(it.run.members);
    it.run.exported = exportedOf(it.run.members, readers, targetSet);
  }
  return items;
}
