// T.grad: reverse mode over the graph IR. One walk from the cost back to the wrt variables,
// asking each node's gradient rule (the op table's `grad`) for its inputs' gradients and
// summing the contributions of a variable used more than once.
import { runPhase } from '../rewrite/engine.ts';
import { cloneReplace } from '../clone.ts';
import { STABILIZE } from '../rewrite/stabilize.ts';
import { type FloatDType, isFloat } from '../../runtime/dtype.ts';
import { Variable } from '../graph.ts';
import { OPS } from '../ops/table.ts';
import type { OpKind } from '../ops/params.ts';
import type { OpDef } from '../ops/opdef.ts';
import { toposort } from '../compile/schedule.ts';
import { constant } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import { isNoGrad } from './nograd.ts';
import { fitGrad, zerosFor } from './helpers.ts';

export type DisconnectedPolicy = 'raise' | 'warn' | 'ignore';
type Pairs = ReadonlyMap<Variable, Variable> | readonly (readonly [Variable, Variable])[];

export interface GradOptions {
  /** Variables treated as constants: no gradient flows through them to what they are computed from. */
  considerConstant?: readonly Variable[];
  /** When the cost does not depend on a wrt variable: throw (default), warn and return zeros, or return zeros. */
  disconnectedInputs?: DisconnectedPolicy;
  /** Gradients already known for some variables (added to what flows from the cost; the cost may be null). */
  knownGrads?: Pairs;
  /** Theano's spellings of the same options. */
  consider_constant?: readonly Variable[];
  disconnected_inputs?: DisconnectedPolicy;
  known_grads?: Pairs;
}

/** A gradient has its variable's type; integer and bool variables get floatX gradients. */
export type GradOf<W> = W extends Variable<infer D, infer N> ? Variable<D extends FloatDType ? D : FloatDType, N> : Variable;

const describe = (v: Variable) => (v.name ? `'${v.name}'` : `an unnamed ${v.type}`);

/**
 * The cost with the stabilize rules applied (`log(sigmoid z)` -> `-softplus(-z)`, ...), so its
 * gradient is the stable one: differentiating `log(p)` literally divides by p, which is 0 when
 * a sigmoid saturates. Variables the gradient must reach stay leaves of the graph.
 */
function stabilized(cost: Variable, keep: readonly Variable[]): Variable {
  // rules match patterns through their inputs' owners, so a computed variable the gradient
  // must reach is swapped for a fresh leaf during the rewrite, then put back
  const leaves = new Map<Variable, Variable>();
  for (const v of keep) if (v.owner) leaves.set(v, new Variable(v.type, null, 0, v.name));
  const cut = leaves.size ? cloneReplace([cost], leaves)[0]! : cost;
  const out = runPhase([cut], STABILIZE, new Set([...keep, ...leaves.values()]), []).outputs[0]!;
  if (out === cut) return cost;
  return leaves.size ? cloneReplace([out], new Map([...leaves].map(([v, l]) => [l, v])))[0]! : out;
}

/**
 * The gradient of a 0-d `cost` with respect to `wrt` (one variable, or a list giving a list),
 * as a graph of the same inputs: print it, compile it, differentiate it again.
 */
export function grad<const W extends Variable>(cost: Variable | null, wrt: W, options?: GradOptions): GradOf<W>;
export function grad<const W extends readonly Variable[]>(cost: Variable | null, wrt: W, options?: GradOptions): { -readonly [K in keyof W]: GradOf<W[K]> };
export function grad(cost: Variable | null, wrt: Variable | readonly Variable[], options: GradOptions = {}): Variable | Variable[] {
  const list = Array.isArray(wrt) ? (wrt as readonly Variable[]) : [wrt as Variable];
  list.forEach((w, i) => {
    if (!(w instanceof Variable)) throw new TypeError(`grad: wrt ${i} must be a variable, got ${w === null ? 'null' : typeof w}`);
  });
  const consider = options.considerConstant ?? options.consider_constant ?? [];
  consider.forEach((v, i) => {
    if (!(v instanceof Variable)) throw new TypeError(`grad: considerConstant entry ${i} must be a variable`);
  });
  const policy = options.disconnectedInputs ?? options.disconnected_inputs ?? 'raise';
  if (!['raise', 'warn', 'ignore'].includes(policy)) throw new TypeError(`grad: disconnectedInputs must be 'raise', 'warn' or 'ignore', got ${JSON.stringify(policy)}`);

  const seeds = new Map<Variable, Variable | null>();
  if (cost !== null) {
    if (!(cost instanceof Variable)) throw new TypeError(`grad: the cost must be a variable, got ${typeof cost}`);
    if (cost.ndim !== 0) {
      throw new TypeError(`grad: the cost must be a scalar (0-d tensor), got ${cost.type}; reduce it first, e.g. T.sum(cost) or cost.mean()`);
    }
    cost = stabilized(cost, [...list, ...consider, ...pairsOf(options.knownGrads ?? options.known_grads).map(([v]) => v as Variable)]);
    // Theano's readable start: fill(cost, 1.0), the gradient of the cost with respect to itself
    seeds.set(cost, isFloat(cost.dtype) ? E.fill(cost, constant(1, { dtype: cost.dtype })) : null);
  }
  for (const [v, g] of pairsOf(options.knownGrads ?? options.known_grads)) {
    if (!(v instanceof Variable) || !(g instanceof Variable)) throw new TypeError('grad: knownGrads must map variables to gradient variables');
    seeds.set(v, isFloat(v.dtype) ? fitGrad(g, v, 'knownGrads') : null);
  }
  if (seeds.size === 0) throw new TypeError('grad: give a cost, or knownGrads when the cost is null');

  const { total, connected } = backprop(seeds, list, new Set(consider));
  const out = list.map((w, i) => {
    if (!connected.has(w)) {
      const msg = `grad: the cost does not depend on ${describe(w)} (wrt ${i}): it is not part of the cost's graph, ` +
        `or reaches it only through shapes, indices or constants. Pass disconnectedInputs: 'ignore' (or 'warn') to get zeros instead`;
      if (policy === 'raise') throw new Error(msg);
      if (policy === 'warn') console.warn(msg);
      return zerosFor(w);
    }
    return (isFloat(w.dtype) ? total(w) : null) ?? zerosFor(w);
  });
  return Array.isArray(wrt) ? out : out[0]!;
}

function pairsOf(p: Pairs | undefined): [Variable, Variable][] {
  if (p === undefined) return [];
  if (p instanceof Map) return [...p.entries()];
  if (!Array.isArray(p)) throw new TypeError('grad: knownGrads must be a Map or a list of [variable, gradient] pairs');
  return p.map((e) => [e[0], e[1]] as [Variable, Variable]);
}

interface Backprop {
  /** The summed gradient of a variable, or null when only zeros reach it. */
  total(v: Variable): Variable | null;
  /** Variables the seeds depend on through differentiable inputs. */
  connected: ReadonlySet<Variable>;
}

/** The table is keyed by kind; a node's params always match its kind's. */
const ruleOf = (kind: OpKind) => OPS[kind] as unknown as OpDef<OpKind>;

function backprop(seeds: ReadonlyMap<Variable, Variable | null>, wrt: readonly Variable[], consider: ReadonlySet<Variable>): Backprop {
  const order = toposort([...seeds.keys()], new Set());
  // only nodes on a path from a wrt variable matter; a considered-constant output cuts the path
  const live = new Set<Variable>(wrt);
  for (const node of order) {
    if (!node.inputs.some((i) => live.has(i))) continue;
    for (const o of node.outputs) if (!consider.has(o)) live.add(o);
  }

  const terms = new Map<Variable, Variable[]>();
  const connected = new Set<Variable>();
  const add = (v: Variable, g: Variable) => {
    const list = terms.get(v);
    if (list) list.push(g); else terms.set(v, [g]);
  };
  for (const [v, g] of seeds) {
    connected.add(v);
    if (g) add(v, g);
  }
  const totals = new Map<Variable, Variable | null>();
  const total = (v: Variable): Variable | null => {
    if (totals.has(v)) return totals.get(v)!;
    const list = terms.get(v);
    const sum = list ? list.reduce((a, b) => E.add(a, b)) : null;
    totals.set(v, sum);
    return sum;
  };

  for (let k = order.length - 1; k >= 0; k--) {
    const node = order[k]!;
    if (!node.outputs.some((o) => connected.has(o) && live.has(o))) continue;
    const flowing = node.outputs.map(total);
    const gouts = flowing.map((g, i) => g ?? zerosFor(node.outputs[i]!));
    const res = ruleOf(node.op.kind).grad(node.inputs, node.outputs, gouts, node.op.params);
    if (res.length !== node.inputs.length) {
      throw new Error(`grad: the gradient rule of ${node.op.label} returned ${res.length} entries for ${node.inputs.length} inputs`);
    }
    // with only zeros flowing in, a rule is asked just which inputs it connects
    const real = flowing.some((g) => g !== null);
    node.inputs.forEach((input, i) => {
      if (!live.has(input)) return;
      const r = res[i]!;
      if (isNoGrad(r) && r.disconnected) return;
      connected.add(input);
      if (isNoGrad(r) || !real || !isFloat(input.dtype)) return;
      add(input, fitGrad(r, input, node.op.label));
    });
  }
  return { total, connected };
}
