// Where work runs: at the top level, or inside one branch of an ifelse. A unit (a node, a
// CPU step, a device step) goes into a branch when everything that reads it is in that branch
// (directly, or through work that is itself there), so a branch's own work runs only when the
// branch is taken. The CPU backend nests its code by these scopes, the WebGPU backend orders
// its steps behind a branch item.
import type { Apply, Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';

export interface Scope { readonly parent: Scope | null; readonly depth: number }

export interface Branches {
  root: Scope;
  /** The scope of each unit. */
  scopeOf: Scope[];
  /** For each ifelse unit: the scopes of its true and false branches. */
  arms: Map<number, [Scope, Scope]>;
}

function common(a: Scope, b: Scope): Scope {
  let x = a, y = b;
  while (x.depth > y.depth) x = x.parent!;
  while (y.depth > x.depth) y = y.parent!;
  while (x !== y) { x = x.parent!; y = y.parent!; }
  return x;
}

/** The values per branch of an ifelse node, or null for any other node. */
export const ifElseArity = (n: Apply): number | null => (n.op.kind === 'ifelse' ? (n.op.params as OpParams['ifelse']).n : null);

/** Scopes of `units` (in an order where each follows what it reads), read by `targets` at the top. */
export function assign<U>(units: readonly U[], outputs: (u: U) => readonly Variable[], reads: (u: U) => readonly Variable[], ifElse: (u: U) => Apply | null, targets: readonly Variable[]): Branches {
  const root: Scope = { parent: null, depth: 0 };
  const producer = new Map<Variable, number>();
  units.forEach((u, k) => { for (const o of outputs(u)) producer.set(o, k); });
  const uses: (Scope | null)[] = units.map(() => null);
  const use = (v: Variable, scope: Scope) => {
    const k = producer.get(v);
    if (k !== undefined) uses[k] = uses[k] ? common(uses[k]!, scope) : scope;
  };
  for (const t of targets) use(t, root);
  const scopeOf = new Array<Scope>(units.length);
  const arms = new Map<number, [Scope, Scope]>();
  for (let k = units.length - 1; k >= 0; k--) {
    const u = units[k]!;
    const scope = uses[k] ?? root;
    scopeOf[k] = scope;
    const node = ifElse(u);
    if (node) {
      const n = ifElseArity(node)!;
      const arm: [Scope, Scope] = [{ parent: scope, depth: scope.depth + 1 }, { parent: scope, depth: scope.depth + 1 }];
      arms.set(k, arm);
      node.inputs.forEach((v, i) => use(v, i === 0 ? scope : arm[i <= n ? 0 : 1]));
      continue;
    }
    for (const v of reads(u)) use(v, scope);
  }
  return { root, scopeOf, arms };
}

