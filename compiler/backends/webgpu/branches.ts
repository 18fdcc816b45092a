// Lazy ifelse on the device: which steps belong to one branch only, and an order that puts
// them behind a `branch` step. A step belongs to a branch when everything reading it is in
// that branch (directly, or through steps that are themselves there). Such steps move to just
// before their ifelse, after the condition is known: that is always a valid order, since only
// their branch reads them and they read only what was computed before them.
import type { Apply, Variable } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import type { OpParams } from '../../ops/params.ts';
import { stepInputs, stepOutputs } from './placement.ts';

interface Scope { readonly parent: Scope | null; readonly depth: number }

/** A step, or the start of an ifelse's arms: `arms` counts the items of each (nested starts included). */
export type Ordered =
  | { kind: 'step'; step: Step }
  | { kind: 'branch'; node: Apply; arms: [number, number] };

function common(a: Scope, b: Scope): Scope {
  let x = a, y = b;
  while (x.depth > y.depth) x = x.parent!;
  while (y.depth > x.depth) y = y.parent!;
  while (x !== y) { x = x.parent!; y = y.parent!; }
  return x;
}

/**
 * The steps in run order, each lazy ifelse's own steps grouped behind a branch item. An ifelse
 * computed on the host (its value is some kernel's parameter) reads both branches: not lazy.
 */
export function branchOrder(steps: readonly Step[], targets: readonly Variable[], lazy: (s: Step) => boolean): Ordered[] {
  const ifElseOf = (s: Step): Apply | null => (s.kind === 'node' && s.node.op.kind === 'ifelse' && lazy(s) ? s.node : null);
  if (!steps.some((s) => ifElseOf(s) !== null)) return steps.map((step) => ({ kind: 'step', step }));
  const root: Scope = { parent: null, depth: 0 };
  const producer = new Map<Variable, number>();
  steps.forEach((s, k) => { for (const o of stepOutputs(s)) producer.set(o, k); });
  const uses: (Scope | null)[] = steps.map(() => null);
  const use = (v: Variable, scope: Scope) => {
    const k = producer.get(v);
    if (k !== undefined) uses[k] = uses[k] ? common(uses[k]!, scope) : scope;
  };
  for (const t of targets) use(t, root);
  const scopeOf: Scope[] = new Array<Scope>(steps.length);
  const arms = new Map<number, [Scope, Scope]>();
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    const scope = uses[k] ?? root;
    scopeOf[k] = scope;
    const node = ifElseOf(s);
    if (!node) {
      for (const v of stepInputs(s)) use(v, scope);
      continue;
    }
    const n = (node.op.params as OpParams['ifelse']).n;
    const arm: [Scope, Scope] = [{ parent: scope, depth: scope.depth + 1 }, { parent: scope, depth: scope.depth + 1 }];
    arms.set(k, arm);
    node.inputs.forEach((v, i) => use(v, i === 0 ? scope : arm[i <= n ? 0 : 1]));
  }
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
