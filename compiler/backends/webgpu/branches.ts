// Lazy ifelse on the device: which steps belong to one branch only, and an order that puts
// them behind a `branch` step. A step belongs to a branch when everything reading it is in
// that branch (directly, or through steps that are themselves there). Such steps move to just
// before their ifelse, after the condition is known: that is always a valid order, since only
// their branch reads them and they read only what was computed before them.
import type { Apply, Variable } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { type Scope, assign } from '../shared/branches.ts';
import { stepInputs, stepOutputs } from './placement.ts';

/** A step, or the start of an ifelse's arms: `arms` counts the items of each (nested starts included). */
export type Ordered =
  | { kind: 'step'; step: Step }
  | { kind: 'branch'; node: Apply; arms: [number, number] };

/**
 * The steps in run order, each lazy ifelse's own steps grouped behind a branch item. An ifelse
 * computed on the host (its value is some kernel's parameter) reads both branches: not lazy.
 */
export function branchOrder(steps: readonly Step[], targets: readonly Variable[], lazy: (s: Step) => boolean): Ordered[] {
  const ifElseOf = (s: Step): Apply | null => (s.kind === 'node' && s.node.op.kind === 'ifelse' && lazy(s) ? s.node : null);
  if (!steps.some((s) => ifElseOf(s) !== null)) return steps.map((step) => ({ kind: 'step', step }));
  const { root, scopeOf, arms } = assign(steps, stepOutputs, stepInputs, ifElseOf, targets);
  const members = new Map<Scope, number[]>();
  steps.forEach((_, k) => {
    const list = members.get(scopeOf[k]!);
    if (list) list.push(k); else members.set(scopeOf[k]!, [k]);
  });
  const out: Ordered[] = [];
  const emit = (scope: Scope): number => {
    const start = out.length;
    for (const k of members.get(scope) ?? []) {
      const arm = arms.get(k);
      if (arm) {
        const at = out.length;
        const item: Ordered = { kind: 'branch', node: ifElseOf(steps[k]!)!, arms: [0, 0] };
        out.push(item);
        item.arms = [emit(arm[0]), emit(arm[1])];
        // both branches read only values computed anyway: nothing to skip
        if (item.arms[0] + item.arms[1] === 0) out.splice(at, 1);
      }
      out.push({ kind: 'step', step: steps[k]! });
    }
    return out.length - start;
  };
  emit(root);
  return out;
}
