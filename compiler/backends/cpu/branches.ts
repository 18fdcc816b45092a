// The CPU's branch scopes (../shared/branches.ts): loop fusion keeps to one branch (loops.ts);
// code generation nests the steps (codegen.ts).
import type { Apply, Variable } from '../../graph.ts';
import { type Branches, type Scope, assign, ifElseArity } from '../shared/branches.ts';
import { type CpuStep, cpuStepOutputs, cpuStepReads } from './loops.ts';

export type { Branches, Scope };

export function branchScopes(steps: readonly CpuStep[], targets: readonly Variable[]): Branches {
  const ifElse = (s: CpuStep) => (s.kind === 'node' && ifElseArity(s.node) !== null ? s.node : null);
  return assign(steps, cpuStepOutputs, cpuStepReads, ifElse, targets);
}

/** Each node's scope, or null when the graph has no ifelse (then everything is top level). */
export function nodeScopes(order: readonly Apply[], targets: readonly Variable[]): Map<Apply, Scope> | null {
  if (!order.some((n) => ifElseArity(n) !== null)) return null;
  const b = assign(order, (n) => n.outputs, (n) => n.inputs, (n) => (ifElseArity(n) !== null ? n : null), targets);
  return new Map(order.map((n, k) => [n, b.scopeOf[k]!]));
}
