// NanGuardMode: after every step, look for NaN, infinities and magnitudes above 1e10 in what
// it produced. A fused kernel is then replayed node by node with the reference evaluation,
// to name the node where the bad value first appears, with its inputs.
import type { NDArray } from '../../runtime/ndarray.ts';
import type { RunFn } from '../../runtime/function.ts';
import type { SharedVariable, Variable } from '../graph.ts';
import { type CpuStep, cpuStepNodes as stepNodes, cpuStepOutputs as stepOutputs } from '../backends/cpu/loops.ts';
import { fillInputs, performNode } from './reference.ts';
import type { Hooks } from './hooks.ts';
import { BIG, type Problem, describeInputs, describeNode, firstProblem } from './report.ts';

export class NanGuardError extends Error {
  override name = 'NanGuardError';
}

const WHAT: Record<Problem, string> = { NaN: 'NaN', Inf: 'an infinite value', big: `a value above ${BIG} in magnitude` };

export interface NanGuardInfo {
  inputs: readonly Variable[];
  shared: readonly SharedVariable[];
  steps: readonly CpuStep[];
}

function raise(v: Variable, out: NDArray, vals: ReadonlyMap<Variable, NDArray>, at: string): never {
  const p = firstProblem(out)!;
  throw new NanGuardError(`NanGuardMode: ${WHAT[p.problem]} (${out.data[p.index]} at element ${p.index}) in the output of ${describeNode(v)}\n` +
    `${describeInputs(v, (i) => vals.get(i) ?? (i as { value?: NDArray }).value)}\n  (${at})`);
}

/** Wrap a compiled run so every step's outputs are checked; `hooks` is what its code reports to. */
export function nanGuardRun(run: RunFn, hooks: Hooks, info: NanGuardInfo): RunFn {
  let vals = new Map<Variable, NDArray>();
  hooks.listen((step, outputs) => {
    const s = info.steps[step]!;
    stepOutputs(s).forEach((v, i) => vals.set(v, outputs[i]!));
    const bad = outputs.findIndex((o) => firstProblem(o) !== null);
    if (bad < 0) return;
    // replay the step's nodes to find the first one that produces the bad value
    const local = new Map(vals);
    for (const n of stepNodes(s)) {
      fillInputs(n, local);
      const outs = performNode(n, local);
      for (let k = 0; k < outs.length; k++) {
        local.set(n.outputs[k]!, outs[k]!);
        if (firstProblem(outs[k]!)) raise(n.outputs[k]!, outs[k]!, local, `kernel ${step}`);
      }
    }
    raise(stepOutputs(s)[bad]!, outputs[bad]!, local, `kernel ${step}; its nodes evaluated one by one stay clean, so the compiled kernel differs from them`);
  });
  return (inputs, state) => {
    vals = new Map();
    const given = [...info.inputs.map((v, i) => [v, inputs[i]!, `input ${i}`] as const), ...info.shared.map((s, i) => [s, state[i]!, 'shared variable'] as const)];
    for (const [v, a, what] of given) {
      vals.set(v, a);
      const p = firstProblem(a);
      if (p) throw new NanGuardError(`NanGuardMode: ${WHAT[p.problem]} (${a.data[p.index]} at element ${p.index}) in ${what} '${v.name ?? v}' before any node ran`);
    }
    return run(inputs, state);
  };
}
