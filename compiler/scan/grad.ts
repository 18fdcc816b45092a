// The gradient of a scan: another scan, running backwards over the stored states.
//
// Step t of the forward loop reads sequence rows, earlier states (row L+t+k of a state's
// buffer H = [initial rows; stacked outputs], for each tap k) and non-sequences, and writes
// row L+t. Backwards, step t needs the complete gradient of row L+t: what the caller's cost
// gives it directly plus what every later step that read it sent back. A state carries those
// pending contributions as an accumulator A of L rows (A[j] for row L+t-j); one backward
// step takes dy = g[t] + A[0], differentiates the step graph (rebuilt from the stored rows),
// and shifts A by one row, adding each tap's gradient into the row it read. What is left in
// A at the end belongs to the initial rows. Non-sequence gradients are summed over the steps.
import { isFloat } from '../../runtime/dtype.ts';
import { type Variable, Constant } from '../graph.ts';
import type { ScanParams } from '../ops/params.ts';
import { constant } from '../api/core.ts';
import * as E from '../api/elemwise.ts';
import * as C from '../api/creation.ts';
import { subtensor, set_subtensor, slice } from '../api/indexing.ts';
import { concatenate, stack } from '../api/linalg.ts';
import { cloneReplace } from '../clone.ts';
import { grad } from '../grad/grad.ts';
import { type GradTerm, disconnected, zeroGrad } from '../grad/nograd.ts';
import { innerGraph } from './registry.ts';
import { layoutOf, lookback } from './layout.ts';
import { type Fed, type StateSpec, buildScan, lead, placeholder, rowType, stateType } from './build.ts';

const rev = (x: Variable) => subtensor(x, [slice(null, null, -1)]) as Variable;
const row = (x: Variable, i: number) => subtensor(x, i) as Variable;

/** Inner inputs that some float output depends on. */
function readByFloatOutputs(outs: readonly Variable[], inputs: readonly Variable[]): Set<Variable> {
  const wanted = new Set(inputs);
  const found = new Set<Variable>();
  const seen = new Set<Variable>();
  const stack = outs.filter((o) => isFloat(o.dtype));
  while (stack.length) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (wanted.has(v)) found.add(v);
    else if (v.owner) stack.push(...v.owner.inputs);
  }
  return found;
}

export function scanGrad(inputs: readonly Variable[], outputs: readonly Variable[], gouts: readonly Variable[], p: ScanParams): GradTerm[] {
  const L = layoutOf(p);
  const g = innerGraph(p.id);
  const R = L.states;
  const n = inputs[0]!;
  const read = readByFloatOutputs(g.outputs, g.inputs);
  const floatState = p.taps.map((_, i) => isFloat(outputs[L.final(i)]!.dtype));
  const seqWanted = Array.from({ length: p.seqs }, (_, j) => isFloat(inputs[L.seq(j)]!.dtype) && read.has(g.inputs[L.innerSeq(j)]!));
  const nsWanted = Array.from({ length: p.nonSeqs }, (_, k) => isFloat(inputs[L.nonSeq(k)]!.dtype) && read.has(g.inputs[L.innerNonSeq(k)]!));
  const result: GradTerm[] = inputs.map((x, i) => (i === 0 ? disconnected('scan: the number of steps') : isFloat(x.dtype) ? disconnected(`scan '${p.name}': the loop does not read it`) : zeroGrad('scan: not a float input')));
  if (!floatState.some(Boolean) && !seqWanted.some(Boolean) && !nsWanted.some(Boolean)) return result;

  // the step's gradient, with the gradients of its outputs as placeholders
  const gOut = g.outputs.map((o, r) => (!isFloat(o.dtype) ? null : placeholder(rowType(outputs[r < R ? L.stacked(r) : L.map(r - R)]!))));
  const known = new Map<Variable, Variable>();
  g.outputs.forEach((o, r) => {
    const gp = gOut[r];
    if (gp) known.set(o, known.has(o) ? E.add(known.get(o)!, gp) : gp);
  });
  if (known.size === 0) return result;
  const stepGrads = grad(null, [...g.inputs], { knownGrads: known, disconnectedInputs: 'ignore' });

  // backward sequences, time reversed: forward rows, the state rows each tap read, output gradients
  const seqs: Fed[] = [];
  for (let j = 0; j < p.seqs; j++) seqs.push({ outer: rev(subtensor(inputs[L.seq(j)]!, [slice(null, n)]) as Variable), inner: g.inputs[L.innerSeq(j)]! });
  p.taps.forEach((taps, i) => {
    const back = lookback(taps);
    const H = concatenate([inputs[L.init(i)]!, outputs[L.stacked(i)]!]) as Variable;
    taps.forEach((k, r) => {
      const stop = E.add(n, back + k);
      seqs.push({ outer: rev(subtensor(H, [slice(back + k, stop)]) as Variable), inner: g.inputs[L.innerTap(i, r)]! });
    });
  });
  const dy = new Map<Variable, Variable>();
  const states: StateSpec[] = [];
  const stateOf: number[] = [];
  p.taps.forEach((taps, i) => {
    if (!gOut[i]) return;
    const gy: Fed = { outer: rev(gouts[L.stacked(i)]!), inner: placeholder(rowType(gouts[L.stacked(i)]!)) };
    seqs.push(gy);
    const init = inputs[L.init(i)]!;
    const a0 = set_subtensor(row(C.zeros_like(init), 0) as Variable, gouts[L.final(i)]!) as Variable;
    const aPrev = placeholder(stateType(a0.type));
    dy.set(gOut[i]!, E.add(gy.inner, row(aPrev, 0)));
    stateOf[i] = states.length;
    states.push({ init: lead(a0), taps: [-1], inner: [aPrev], out: aPrev });
  });
  for (let j = 0; j < p.maps; j++) {
    const gp = gOut[R + j];
    if (!gp) continue;
    const gz: Fed = { outer: rev(gouts[L.map(j)]!), inner: placeholder(rowType(gouts[L.map(j)]!)) };
    seqs.push(gz);
    dy.set(gp, gz.inner);
  }
  const local = cloneReplace(stepGrads, dy);

  // accumulators: a state's pending rows shift by one; non-sequence gradients add up
  p.taps.forEach((taps, i) => {
    if (!gOut[i]) return;
    const s = states[stateOf[i]!]!;
    const aPrev = s.inner[0]!, back = lookback(taps);
    const rows = Array.from({ length: back }, (_, j) => {
      const parts = taps.flatMap((k, r) => (k === -(j + 1) ? [local[L.innerTap(i, r)]!] : []));
      if (j + 1 < back) parts.unshift(row(aPrev, j + 1));
      return parts.reduce((a, b) => E.add(a, b));
    });
    s.out = stack(rows) as Variable;
  });
  const nsState: number[] = [];
  for (let k = 0; k < p.nonSeqs; k++) {
    if (!nsWanted[k]) continue;
    const w = inputs[L.nonSeq(k)]!;
    const zero = C.zeros_like(w) as Variable;
    const wPrev = placeholder(stateType(zero.type));
    nsState[k] = states.length;
    states.push({ init: lead(zero), taps: [-1], inner: [wPrev], out: E.add(wPrev, local[L.innerNonSeq(k)]!) });
  }
  const maps: Variable[] = [];
  const mapOf: number[] = [];
  for (let j = 0; j < p.seqs; j++) {
    if (!seqWanted[j]) continue;
    mapOf[j] = maps.length;
    maps.push(local[L.innerSeq(j)]!);
  }
  const nonSeqs: Fed[] = Array.from({ length: p.nonSeqs }, (_, k) => ({ outer: inputs[L.nonSeq(k)]!, inner: g.inputs[L.innerNonSeq(k)]! }));

  const truncated = p.truncate !== -1;
  const nB = truncated ? E.minimum(n, constant(p.truncate, { dtype: 'int64' })) : n;
  const back = buildScan({ n: nB, seqs, states, maps, nonSeqs, truncate: -1, name: `grad_of_${p.name}` });
  const Bl = layoutOf({ seqs: seqs.length, taps: states.map((s) => s.taps), maps: maps.length, nonSeqs: back.inputs.length - 1 - seqs.length - states.length });

  const steps = n instanceof Constant ? n.value.data[0]! : null;
  for (let j = 0; j < p.seqs; j++) {
    if (!seqWanted[j]) continue;
    const seq = inputs[L.seq(j)]!;
    const forward = rev(back.outputs[Bl.map(mapOf[j]!)]!);
    result[L.seq(j)] = !truncated && steps !== null && seq.type.shape[0] === steps
      ? forward
      : set_subtensor(subtensor(C.zeros_like(seq), [slice(E.sub(n, nB), n)]) as Variable, forward) as Variable;
  }
  p.taps.forEach((_, i) => {
    if (!gOut[i]) return;
    const dInit = rev(back.outputs[Bl.final(stateOf[i]!)]!);
    // rows the truncated backward pass never reached get nothing
    result[L.init(i)] = truncated ? E.switch_(E.eq(nB, n), dInit, C.zeros_like(dInit)) : dInit;
  });
  for (let k = 0; k < p.nonSeqs; k++) if (nsWanted[k]) result[L.nonSeq(k)] = back.outputs[Bl.final(nsState[k]!)]!;
  return result;
}
