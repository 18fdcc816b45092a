// The rewrite engine: one phase is a set of rules applied bottom-up until nothing fires.
// Every pass also hash-conses nodes (same op, same inputs: one node) and merges equal
// constants, so common subexpressions merge in every phase, not only in the merge phase.
import { Apply, Constant, type Variable } from '../graph.ts';
import { elem as elemNode } from '../api/core.ts';
import { cast } from '../api/elemwise.ts';
import type { OpParams } from '../ops/params.ts';
import type { Rule, RuleKey } from './rule.ts';

/** One rule application, for logs, tests and DebugMode's blame. */
export interface RewriteEvent { rule: string; before: Variable; after: Variable }

export interface PhaseResult {
  outputs: Variable[];
  /** Every variable of the incoming graph to the one that now computes it. */
  map: Map<Variable, Variable>;
}

/** Rules by the key they look at, so a node only meets rules that could match it. */
function indexRules(rules: readonly Rule[]): Map<RuleKey, Rule[]> {
  const m = new Map<RuleKey, Rule[]>();
  for (const r of rules) m.set(r.on, [...(m.get(r.on) ?? []), r]);
  return m;
}

function rulesFor(index: Map<RuleKey, Rule[]>, n: Apply): Rule[] {
  const own = n.op.kind === 'elemwise'
    ? [...(index.get(`elemwise:${(n.op.params as OpParams['elemwise']).scalar}`) ?? []), ...(index.get('elemwise:*') ?? [])]
    : index.get(n.op.kind) ?? [];
  return [...own, ...(index.get('*') ?? [])];
}

/** Large constants merge by identity only: hashing their data would cost more than it saves. */
const MERGE_LIMIT = 256;
function constantKey(c: Constant): string | null {
  if (c.value.size > MERGE_LIMIT) return null;
  // Object.is keeps -0 and NaN distinct from 0 and from each other's spelling
  const data = Array.from(c.value.data, (x) => (Object.is(x, -0) ? '-0' : String(x))).join(',');
  return `${c.dtype}|${c.broadcastable.join(',')}|${c.value.shape.join(',')}|${data}`;
}

/**
 * Bring a rule's result to the exact type of what it replaces: cast the dtype, and where the
 * result broadcasts an axis the original does not, fill it to the shape of an input of the
 * (elementwise) node that spans that axis. Anything else is a bug in the rule.
 */
function fit(r: Variable, v: Variable, n: Apply, rule: string): Variable {
  if (r.ndim === v.ndim && n.op.kind === 'elemwise') {
    for (let d = 0; d < v.ndim; d++) {
      if (!r.broadcastable[d] || v.broadcastable[d]) continue;
      const model = n.inputs.find((i) => !i.broadcastable[d]);
      if (model) r = elemNode('second', [model, r]);
    }
  }
  if (r.ndim === v.ndim && r.dtype !== v.dtype) r = cast(r, v.dtype);
  if (!r.type.equals(v.type)) {
    throw new Error(`internal: rewrite rule '${rule}' replaced ${v.owner?.op.label ?? v} of type ${v.type} by ${r.type}`);
  }
  return r;
}

/** Copy what the user's template recorded (source positions) onto the nodes a rule created. */
function copyTags(r: Variable, v: Variable, old: ReadonlyMap<Variable, Variable>): void {
  const stack = [r];
  const seen = new Set<Variable>();
  while (stack.length) {
    const x = stack.pop()!;
    if (seen.has(x) || old.has(x) || !x.owner) continue;
    seen.add(x);
    for (const [k, val] of Object.entries(v.tag)) if (!(k in x.tag)) x.tag[k] = val;
    stack.push(...x.owner.inputs);
  }
  if (!old.has(r) && r.owner && !r.name && v.name) r.name = v.name;
}

/** How many rule firings per node a pass allows before it calls the rules cyclic. */
const FIRINGS_PER_NODE = 50;

function countNodes(outputs: readonly Variable[]): number {
  const seen = new Set<Apply>();
  const stack = outputs.slice();
  while (stack.length) {
    const n = stack.pop()!.owner;
    if (!n || seen.has(n)) continue;
    seen.add(n);
    stack.push(...n.inputs);
  }
  return seen.size;
}

function cyclic(log: readonly RewriteEvent[]): Error {
  const recent = [...new Set(log.slice(-20).map((e) => e.rule))].join(', ');
  return new Error(`internal: rewrite rules do not reach a fixed point (recently fired: ${recent})`);
}

function pass(outputs: readonly Variable[], index: Map<RuleKey, Rule[]>, cut: ReadonlySet<Variable>, log: RewriteEvent[]): PhaseResult & { fired: number } {
  const memo = new Map<Variable, Variable>();
  const built = new Map<Apply, Apply>();
  const nodes = new Map<string, Apply>();
  const consts = new Map<string, Constant>();
  let fired = 0;
  let budget = 1000 + FIRINGS_PER_NODE * countNodes(outputs);

  const visit = (v: Variable): Variable => {
    const hit = memo.get(v);
    if (hit) return hit;
    if (cut.has(v) || (!v.owner && !(v instanceof Constant))) { memo.set(v, v); return v; }
    if (v instanceof Constant) {
      const key = constantKey(v);
      const c = key === null ? v : consts.get(key) ?? v;
      if (key !== null && !consts.has(key)) consts.set(key, v);
      memo.set(v, c);
      return c;
    }
    const n = build(v.owner!);
    const out0 = n.outputs[v.index]!;
    if (memo.has(out0)) { memo.set(v, memo.get(out0)!); return memo.get(out0)!; }
    // while its rules run, the node stands for itself: a replacement may contain it
    memo.set(out0, out0);
    memo.set(v, out0);
    const out = applyRules(out0, n);
    memo.set(out0, out);
    memo.set(v, out);
    return out;
  };

  // the node with visited inputs, merged with an equal node seen before
  const build = (node: Apply): Apply => {
    const done = built.get(node);
    if (done) return done;
    const ins = node.inputs.map(visit);
    let n = node;
    if (ins.some((x, i) => x !== node.inputs[i])) {
      n = new Apply(node.op, ins, node.outputs.map((o) => o.type));
      n.outputs.forEach((o, i) => { Object.assign(o.tag, node.outputs[i]!.tag); o.name = node.outputs[i]!.name; });
    }
    const key = `${n.op.key}(${ins.map((x) => x.id).join(',')})`;
    const twin = nodes.get(key);
    if (twin) n = twin;
    else nodes.set(key, n);
    built.set(node, n);
    return n;
  };

  const applyRules = (v: Variable, n: Apply): Variable => {
    for (const rule of rulesFor(index, n)) {
      const raw = rule.rewrite(v, n);
      if (raw === null || raw === v) continue;
      const r = fit(raw, v, n, rule.name);
      copyTags(r, v, memo);
      log.push({ rule: rule.name, before: v, after: r });
      fired++;
      if (--budget < 0) throw cyclic(log);
      return visit(r);
    }
    return v;
  };

  let outs: Variable[];
  try {
    outs = outputs.map(visit);
  } catch (e) {
    // rules that keep growing the graph recurse deeper with every firing
    if (e instanceof RangeError && /call stack/.test(e.message)) throw cyclic(log);
    throw e;
  }
  return { outputs: outs, map: memo, fired };
}

/** Apply `rules` to the graph of `outputs` until none fires; `cut` variables are leaves. */
export function runPhase(outputs: readonly Variable[], rules: readonly Rule[], cut: ReadonlySet<Variable>, log: RewriteEvent[], maxPasses = 8): PhaseResult {
  const index = indexRules(rules);
  let cur = outputs.slice();
  let map: Map<Variable, Variable> | null = null;
  for (let k = 0; k < maxPasses; k++) {
    const r = pass(cur, index, cut, log);
    map = map === null ? r.map : compose(map, r.map);
    const same = r.outputs.every((o, i) => o === cur[i]);
    cur = r.outputs;
    if (r.fired === 0 && same) break;
  }
  return { outputs: cur, map: map ?? new Map() };
}

/** a then b: where each variable ended up after both. */
export function compose(a: ReadonlyMap<Variable, Variable>, b: ReadonlyMap<Variable, Variable>): Map<Variable, Variable> {
  const out = new Map<Variable, Variable>();
  for (const [k, v] of a) out.set(k, b.get(v) ?? v);
  return out;
}
