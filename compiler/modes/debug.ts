// DebugMode: every call also evaluates the original graph and the optimized graph node by
// node with the ops' reference implementations, and compares, in this order: each rewrite
// (original vs optimized graph), each compiled step (kernel vs optimized graph), and the
// results. The first disagreement raises, naming the node and where the template wrote it.
import type { NDArray } from '../../runtime/ndarray.ts';
import type { RunFn } from '../../runtime/function.ts';
import { Constant, type SharedVariable, type Variable } from '../graph.ts';
import { toposort } from '../compile/schedule.ts';
import { type CpuStep, cpuStepNodes as stepNodes, cpuStepOutputs as stepOutputs } from '../backends/cpu/loops.ts';
import type { Optimized } from '../rewrite/optimize.ts';
import { evaluateGraph, valueOf } from './reference.ts';
import type { Hooks } from './hooks.ts';
import { describeNode, shortPp } from './report.ts';

/** Theano's DebugMode tolerances: what counts as the same number after a rewrite. */
const TOL: Record<string, { atol: number; rtol: number }> = { float64: { atol: 1e-8, rtol: 1e-5 }, float32: { atol: 1e-5, rtol: 1e-4 }, float16: { atol: 1e-3, rtol: 1e-2 } };

export class DebugModeError extends Error {
  override name = 'DebugModeError';
}

/**
 * The first element where `got` differs from `want`, or null. A non-finite reference value
 * that became finite is a stabilization, not a disagreement.
 */
export function disagreement(got: NDArray, want: NDArray): string | null {
  if (got.shape.join() !== want.shape.join()) return `shape (${got.shape.join(', ')}) instead of (${want.shape.join(', ')})`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype} instead of ${want.dtype}`;
  const tol = TOL[want.dtype];
  for (let i = 0; i < want.size; i++) {
    const a = got.data[i]!, b = want.data[i]!;
    if (a === b || (a !== a && b !== b)) continue;
    if (tol && !Number.isFinite(b) && Number.isFinite(a)) continue;
    if (tol && Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= tol.atol + tol.rtol * Math.abs(b)) continue;
    return `element ${i} is ${a} instead of ${b}`;
  }
  return null;
}

export interface DebugInfo {
  inputs: readonly Variable[];
  shared: readonly SharedVariable[];
  /** Outputs then update values, as given and as optimized. */
  original: readonly Variable[];
  rewrites: Optimized;
  steps: readonly CpuStep[];
}

/** Which rules rewrote `v` (by identity of the result, or by the template position they carry). */
function blame(v: Variable, o: Variable, r: Optimized): string {
  const loc = v.tag.loc;
  // folding the constants a rule made is not what changed the value
  const hits = r.events.filter((e) => e.after === o || (loc !== undefined && e.before.tag.loc === loc && !(e.after instanceof Constant)));
  const rules = [...new Set(hits.map((e) => e.rule))];
  return rules.length ? `rewrite${rules.length > 1 ? 's' : ''} ${rules.map((x) => `'${x}'`).join(', ')}` : 'merging or constant folding';
}

function checkRewrites(info: DebugInfo, ref: ReadonlyMap<Variable, NDArray>, opt: ReadonlyMap<Variable, NDArray>): void {
  const cut = new Set<Variable>([...info.inputs, ...info.shared]);
  for (const n of toposort(info.original, cut)) {
    for (const v of n.outputs) {
      const o = info.rewrites.origin.get(v);
      const want = ref.get(v), got = o && opt.get(o);
      if (!want || !got || !o) continue;
      const why = disagreement(got, want);
      if (why) {
        throw new DebugModeError(`DebugMode: the optimized graph computes a different value for ${describeNode(v)}\n` +
          `  ${why} (after ${blame(v, o, info.rewrites)}; now computed by ${shortPp(o)})`);
      }
    }
  }
}

/** Wrap a compiled run so every call is checked; `hooks` is the object its code reports steps to. */
export function debugRun(run: RunFn, hooks: Hooks, info: DebugInfo): RunFn {
  const optimized = info.rewrites.outputs;
  let seen: { step: number; outputs: NDArray[] }[] = [];
  hooks.listen((step, outputs) => { seen.push({ step, outputs: outputs.map((o) => o.copy()) }); });
  return (vals, state) => {
    const known = new Map<Variable, NDArray>();
    info.inputs.forEach((v, i) => known.set(v, vals[i]!));
    info.shared.forEach((s, i) => known.set(s, state[i]!));
    const ref = evaluateGraph(info.original, known);
    const opt = evaluateGraph(optimized, known);
    checkRewrites(info, ref, opt);
    seen = [];
    const res = run(vals, state);
    for (const { step, outputs } of seen) {
      const s = info.steps[step]!;
      stepOutputs(s).forEach((v, i) => {
        const want = opt.get(v);
        const why = want && disagreement(outputs[i]!, want);
        if (why) {
          const label = stepNodes(s).length > 1 ? `fused kernel ${step} (${stepNodes(s).map((m) => m.op.name).join(', ')})` : `kernel ${step}`;
          throw new DebugModeError(`DebugMode: ${label} disagrees with the reference evaluation of ${describeNode(v)}\n  ${why}`);
        }
      });
    }
    info.original.forEach((v, i) => {
      const why = disagreement(res[i]!, valueOf(ref, v));
      if (why) throw new DebugModeError(`DebugMode: result ${i} differs from the reference evaluation of ${describeNode(v)}\n  ${why}`);
    });
    return res;
  };
}
