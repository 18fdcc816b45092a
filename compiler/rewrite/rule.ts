// A rewrite rule: a pattern on one node and the graph that replaces its output. Rules are
// small declarative entries in the phase tables (canonicalize.ts, stabilize.ts, ...).
import type { Apply, Variable } from '../graph.ts';
import type { OpKind, OpParams } from '../ops/params.ts';
import type { ScalarOpName } from '../ops/scalar.ts';

/** What a rule looks at: one op kind, one elementwise scalar op, or every node. */
export type RuleKey = OpKind | `elemwise:${ScalarOpName}` | 'elemwise:*' | '*';

export interface Rule {
  name: string;
  on: RuleKey;
  /**
   * The replacement of `v` (an output of `node`), or null when the pattern does not match.
   * It may differ from `v` in dtype or in broadcasting along axes where another input of an
   * elementwise node gives the shape: the engine casts and fills; any other type change is
   * an internal error naming the rule.
   */
  rewrite(v: Variable, node: Apply): Variable | null;
}

/** A rule on the elementwise `scalar` op; `f` gets the node's inputs. */
export function elem(scalar: ScalarOpName | '*', name: string, f: (ins: Variable[], v: Variable) => Variable | null): Rule {
  return { name, on: `elemwise:${scalar}`, rewrite: (v, node) => f(node.inputs, v) };
}

/** A rule on nodes of `kind`; `f` gets the inputs and the op's parameters. */
export function node<K extends OpKind>(kind: K, name: string, f: (ins: Variable[], p: OpParams[K], v: Variable) => Variable | null): Rule {
  return { name, on: kind, rewrite: (v, n) => f(n.inputs, n.op.params as OpParams[K], v) };
}
