// `v.eval(bindings)`: compile (once per variable and input set) and run.
import type { NDArray } from '../runtime/ndarray.ts';
import { Constant, SharedVariable, Variable } from './graph.ts';
import { roots } from './compile/schedule.ts';
import { fn } from './function.ts';

const cache = new WeakMap<Variable, Map<string, (...a: unknown[]) => unknown>>();

/** Evaluate with inputs bound by name (`{ x: [[1, 2]] }`) or by variable (a Map). */
export function evaluate(v: Variable, bindings: Record<string, unknown> | Map<Variable, unknown> = {}): NDArray {
  const free = roots([v], new Set()).filter((r) => !(r instanceof Constant) && !(r instanceof SharedVariable));
  const byVar = new Map<Variable, unknown>();
  if (bindings instanceof Map) {
    for (const [k, val] of bindings) {
      if (!(k instanceof Variable)) throw new TypeError('eval: Map keys must be variables');
      byVar.set(k, val);
    }
  } else {
    for (const [name, val] of Object.entries(bindings)) {
      const hits = free.filter((r) => r.name === name);
      if (hits.length === 0) {
        const known = free.map((r) => (r.name ? `'${r.name}'` : '<unnamed>')).join(', ') || 'none';
        throw new TypeError(`eval: no input named '${name}' in this graph (its inputs: ${known})`);
      }
      if (hits.length > 1) throw new TypeError(`eval: ${hits.length} inputs are named '${name}'; pass a Map keyed by variable`);
      byVar.set(hits[0]!, val);
    }
  }
  for (const r of free) {
    if (!byVar.has(r)) throw new TypeError(`eval: no value given for input ${r.name ? `'${r.name}'` : `of type ${r.type}`}`);
  }
  const inputs = [...byVar.keys()];
  const key = inputs.map((x) => x.id).join(',');
  let perVar = cache.get(v);
  if (!perVar) { perVar = new Map(); cache.set(v, perVar); }
  let f = perVar.get(key);
  if (!f) {
    f = fn(inputs, v, { onUnusedInput: 'ignore' }) as unknown as (...a: unknown[]) => unknown;
    perVar.set(key, f);
  }
  return f(...inputs.map((x) => byVar.get(x))) as NDArray;
}

declare module './graph.ts' {
  interface Variable<D, N> {
    /** Compute this variable's value; bindings by input name or a Map by variable. */
    eval(bindings?: Record<string, unknown> | Map<Variable, unknown>): NDArray<D, N>;
  }
}
Object.defineProperty(Variable.prototype, 'eval', {
  value(this: Variable, b?: Record<string, unknown> | Map<Variable, unknown>) { return evaluate(this, b); },
  writable: true, configurable: true,
});
