// Making a scan node from a step graph: the graph is closed over (every outer variable it
// reads becomes a non-sequence), registered, and applied to the outer values.
import { type Apply, Constant, Variable } from '../graph.ts';
import { TensorType } from '../type.ts';
import { applyOp } from '../ops/table.ts';
import { op1 } from '../api/core.ts';
import { cloneReplace } from '../clone.ts';
import { registerInner } from './registry.ts';
import { layoutOf } from './layout.ts';

export interface Fed { outer: Variable; inner: Variable }
export interface StateSpec {
  /** The rows before the first step: lookback(taps) of them. */
  init: Variable;
  taps: number[];
  /** One placeholder per tap. */
  inner: Variable[];
  /** Its value after a step. */
  out: Variable;
}
export interface ScanSpec {
  n: Variable;
  seqs: Fed[];
  states: StateSpec[];
  /** Per-step values with no state. */
  maps: Variable[];
  nonSeqs: Fed[];
  truncate: number;
  name: string;
}

/** A leading axis of length 1: the initial buffer of a state read one step back. */
export const lead = (v: Variable): Variable => op1('dimshuffle', { pattern: ['x', ...v.type.shape.map((_, d) => d)], inputNdim: v.ndim }, [v]);

/** A fresh step placeholder of type t. */
export const placeholder = (t: TensorType, name: string | null = null): Variable => new Variable(t, null, 0, name);

/** The type of one row of x. */
export const rowType = (x: Variable): TensorType => new TensorType(x.dtype, x.broadcastable.slice(1), x.type.shape.slice(1));

/**
 * A state's type: the initial value's, but nothing broadcastable, since later steps may give
 * it full size (Theano unbroadcasts outputs_info the same way).
 */
export const stateType = (t: TensorType): TensorType =>
  new TensorType(t.dtype, t.shape.map(() => false), t.shape.map((s) => (s === 1 ? null : s)));

/**
 * The variables a step graph reads from outside: leaves other than its placeholders and
 * constants, and whatever `outer` claims (values computed before the step was built, which
 * are then computed once, outside the loop).
 */
export function freeVariables(outs: readonly Variable[], bound: ReadonlySet<Variable>, outer: (v: Variable) => boolean = () => false): Variable[] {
  const free: Variable[] = [];
  const seen = new Set<Variable>();
  const stack = outs.slice();
  while (stack.length) {
    const v = stack.pop()!;
    if (seen.has(v) || bound.has(v) || v instanceof Constant) continue;
    seen.add(v);
    if (!v.owner || outer(v)) free.push(v);
    else stack.push(...v.owner.inputs);
  }
  return free;
}

export function buildScan(spec: ScanSpec, outer?: (v: Variable) => boolean): Apply {
  const bound = new Set<Variable>([...spec.seqs.map((s) => s.inner), ...spec.states.flatMap((s) => s.inner), ...spec.nonSeqs.map((s) => s.inner)]);
  let outs = [...spec.states.map((s) => s.out), ...spec.maps];
  // outer variables the step reads without being given them are passed in as non-sequences
  const nonSeqs = spec.nonSeqs.slice();
  const replace = new Map<Variable, Variable>();
  for (const r of freeVariables(outs, bound, outer)) {
    const p = placeholder(r.type, r.name);
    replace.set(r, p);
    nonSeqs.push({ outer: r, inner: p });
  }
  if (replace.size) outs = cloneReplace(outs, replace);
  const params = { id: 0, seqs: spec.seqs.length, taps: spec.states.map((s) => s.taps.slice()), maps: spec.maps.length, nonSeqs: nonSeqs.length, truncate: spec.truncate, name: spec.name };
  const L = layoutOf(params);
  const inputs = new Array<Variable>(L.innerInputs);
  spec.seqs.forEach((s, j) => { inputs[L.innerSeq(j)] = s.inner; });
  spec.states.forEach((s, i) => s.inner.forEach((v, t) => { inputs[L.innerTap(i, t)] = v; }));
  nonSeqs.forEach((s, k) => { inputs[L.innerNonSeq(k)] = s.inner; });
  params.id = registerInner({ inputs, outputs: outs });
  return applyOp('scan', params, [spec.n, ...spec.seqs.map((s) => s.outer), ...spec.states.map((s) => s.init), ...nonSeqs.map((s) => s.outer)]);
}
