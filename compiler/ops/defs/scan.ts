// The scan op: a loop whose body is a graph of its own (compiler/scan/registry.ts). Its type
// rule checks the outer values against the step's placeholders; its reference evaluation
// runs the step graph node by node, once per step (DebugMode and constant folding use it;
// compiled functions run generated code).
import { isInt } from '../../../runtime/dtype.ts';
import { NDArray, sizeOf } from '../../../runtime/ndarray.ts';
import { scanRow, scanStack, scanStore, scanCheckRows, scanSteps } from '../../../runtime/cpu/scan.ts';
import { Constant, type Variable } from '../../graph.ts';
import { TensorType } from '../../type.ts';
import type { OpDef } from '../opdef.ts';
import type { ScanParams } from '../params.ts';
import { innerGraph } from '../../scan/registry.ts';
import { layoutOf, lookback } from '../../scan/layout.ts';
import { evaluateGraph } from '../../modes/reference.ts';
import { scanGrad } from '../../scan/grad.ts';

/** A value of type t with one more leading axis of static length n. */
export const stackedType = (t: TensorType, n: number | null): TensorType =>
  new TensorType(t.dtype, [n === 1, ...t.broadcastable], [n, ...t.shape]);

function check(ok: boolean, p: ScanParams, msg: string): void {
  if (!ok) throw new TypeError(`scan '${p.name}': ${msg}`);
}

function infer(inputs: readonly Variable[], p: ScanParams): TensorType[] {
  const L = layoutOf(p);
  const g = innerGraph(p.id);
  check(inputs.length === L.outerInputs, p, `expected ${L.outerInputs} inputs, got ${inputs.length}`);
  check(g.inputs.length === L.innerInputs && g.outputs.length === L.states + p.maps, p, 'the step graph does not match the layout');
  const n = inputs[0]!;
  check(n.ndim === 0 && isInt(n.dtype), p, `the number of steps must be an integer scalar, got ${n.type}`);
  const fits = (outer: Variable, inner: Variable, extra: number) => outer.dtype === inner.dtype && outer.ndim === inner.ndim + extra;
  for (let j = 0; j < p.seqs; j++) {
    const s = inputs[L.seq(j)]!, e = g.inputs[L.innerSeq(j)]!;
    check(fits(s, e, 1), p, `sequence ${j} is ${s.type} but its step value is ${e.type} (a sequence has one more axis: time)`);
  }
  const states = p.taps.map((taps, i) => {
    const init = inputs[L.init(i)]!, e = g.inputs[L.innerTap(i, 0)]!, out = g.outputs[i]!;
    check(taps.length > 0 && taps.every((t) => Number.isInteger(t) && t < 0), p, `state ${i} must read earlier steps only (negative taps), got [${taps}]`);
    check(fits(init, e, 1), p, `the initial buffer of state ${i} is ${init.type} but the state is ${e.type}`);
    check(out.dtype === e.dtype && out.ndim === e.ndim, p, `the step returns ${out.type} for state ${i}, whose type is ${e.type}`);
    return e.type;
  });
  for (let k = 0; k < p.nonSeqs; k++) {
    const s = inputs[L.nonSeq(k)]!, e = g.inputs[L.innerNonSeq(k)]!;
    check(fits(s, e, 0), p, `non-sequence ${k} is ${s.type} but its placeholder is ${e.type}`);
  }
  const steps = n instanceof Constant ? n.value.data[0]! : null;
  const maps = g.outputs.slice(L.states).map((o) => o.type);
  return [...states.map((t) => stackedType(t, steps)), ...maps.map((t) => stackedType(t, steps)), ...states];
}

/** Rows of a stacked output that no step produced: static sizes, unknown ones 0. */
const emptyStack = (t: TensorType, n: number) => new NDArray(t.dtype, [n, ...t.shape.map((s) => s ?? 0)]);

function perform(inputs: readonly NDArray[], p: ScanParams): NDArray[] {
  const L = layoutOf(p);
  const g = innerGraph(p.id);
  const n = scanSteps(inputs[0]!, p.name);
  const rowOf = (x: NDArray, t: number) => scanRow(x, x.shape.slice(1), sizeOf(x.shape.slice(1)), t);
  for (let j = 0; j < p.seqs; j++) scanCheckRows(inputs[L.seq(j)]!, n, p.name, `sequence ${j}`);
  const history: NDArray[][] = p.taps.map((taps, i) => {
    const init = inputs[L.init(i)]!, back = lookback(taps);
    scanCheckRows(init, back, p.name, `the initial state of output ${i}`);
    return Array.from({ length: back }, (_, r) => rowOf(init, r));
  });
  const outs: NDArray[][] = g.outputs.map(() => []);
  for (let t = 0; t < n; t++) {
    const known = new Map<Variable, NDArray>();
    for (let j = 0; j < p.seqs; j++) known.set(g.inputs[L.innerSeq(j)]!, rowOf(inputs[L.seq(j)]!, t));
    p.taps.forEach((taps, i) => {
      const h = history[i]!, back = lookback(taps);
      taps.forEach((k, r) => known.set(g.inputs[L.innerTap(i, r)]!, h[back + t + k]!));
    });
    for (let k = 0; k < p.nonSeqs; k++) known.set(g.inputs[L.innerNonSeq(k)]!, inputs[L.nonSeq(k)]!);
    const vals = evaluateGraph(g.outputs, known);
    g.outputs.forEach((o, r) => {
      const v = vals.get(o) ?? (o as Constant).value;
      outs[r]!.push(v);
      if (r < L.states) history[r]!.push(v);
    });
  }
  const stacked = outs.map((rows, r) => {
    const state = r < L.states ? inputs[L.init(r)]! : null;
    if (rows.length === 0 && !state) return emptyStack(g.outputs[r]!.type, 0);
    const s = scanStack(null, n, state ? state.shape.slice(1) : rows[0]!.shape, state ? state.dtype : rows[0]!.dtype);
    rows.forEach((row, t) => scanStore(s, t, row, p.name, `output ${r}`));
    return s;
  });
  const finals = history.map((h) => h[h.length - 1]!.copy());
  return [...stacked, ...finals];
}

export const scan: OpDef<'scan'> = {
  name: () => 'scan',
  // Theano's Scan prints as for{cpu,scan_fn}
  label: (p) => `for{cpu,${p.name}}`,
  infer,
  perform,
  grad: scanGrad,
};
