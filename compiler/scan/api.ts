// T.scan: Theano's loop. `fn` is called once, on placeholders, to build the step graph; the
// result is one scan node whose outputs are the stacked per-step values.
import { canCastSafely } from '../../runtime/dtype.ts';
import { SharedVariable, Variable } from '../graph.ts';
import { TensorType } from '../type.ts';
import { cast } from '../api/elemwise.ts';
import { cloneReplace } from '../clone.ts';
import { type StateSpec, buildScan, freeVariables, lead, placeholder } from './build.ts';
import {
  type ScanOptions, type ScanUpdates, type StepResult, list, nonSequencesOf, parseResult, sequencesOf, statesOf, stepsOf,
} from './options.ts';

export type { ScanOptions, ScanUpdates, StepResult, SequenceSpec, OutputSpec } from './options.ts';

/** One variable when the step has one output, else the list (as the call returns them). */
export type ScanOutputs<R> =
  R extends Variable | number ? Variable
  : R extends null | undefined | Map<unknown, unknown> ? Variable[]
  : R extends readonly [infer O, infer U] ? (U extends Variable | number ? Variable[] : ScanOutputs<O>)
  : R extends readonly [unknown] ? Variable
  : R extends readonly unknown[] ? (number extends R['length'] ? Variable | Variable[] : Variable[])
  : Variable | Variable[];

/** The first id a variable made after this call gets: everything older was built outside fn. */
const watermark = (): number => new Variable(TensorType.of('float64', 0)).id + 1;

/** Theano's scan: `[outputs, updates]`; pass `updates` to T.fn so shared state advances. */
export function scan<R extends StepResult>(options: ScanOptions<R>): [ScanOutputs<R>, ScanUpdates] {
  if (typeof options !== 'object' || options === null) throw new TypeError('scan: expected an options object { fn, sequences, outputsInfo, nonSequences, nSteps }');
  const name = options.name ?? 'scan_fn';
  const where = `scan '${name}'`;
  if (typeof options.fn !== 'function') throw new TypeError(`${where}: fn must be a function`);
  const truncate = options.truncateGradient ?? -1;
  if (!Number.isInteger(truncate) || (truncate < 1 && truncate !== -1)) throw new RangeError(`${where}: truncateGradient must be -1 (all steps) or a positive integer, got ${truncate}`);

  const seqs = sequencesOf(options.sequences, options.goBackwards ?? false, where);
  const n = stepsOf(options.nSteps, seqs, where);
  const infos = options.outputsInfo === undefined ? null : list(options.outputsInfo);
  const states = statesOf(infos ?? [], where);
  const nonSeqs = nonSequencesOf(options.nonSequences, where);

  const first = watermark();
  const args = [...seqs.map((s) => s.inner), ...states.flatMap((s) => s?.inner ?? []), ...nonSeqs.map((s) => s.inner)];
  const { outs, updates } = parseResult(options.fn(...args), where);
  if (infos !== null && infos.length !== outs.length) {
    throw new TypeError(`${where}: fn returned ${outs.length} output${outs.length === 1 ? '' : 's'} but outputsInfo has ${infos.length} entries; give null for outputs that do not feed back`);
  }
  const outer = (v: Variable) => v.id < first;

  // shared variables the loop carries from step to step: those fn updates, and generators
  // made inside fn (a random draw's state advances with every step)
  const carries = new Map<SharedVariable, Variable>();
  for (const [s, e] of updates) {
    if (carries.has(s)) throw new TypeError(`${where}: fn updates '${s}' twice`);
    carries.set(s, e);
  }
  const bound = new Set(args);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of freeVariables([...outs, ...carries.values()], bound, outer)) {
      if (r instanceof SharedVariable && r.defaultUpdate && !carries.has(r) && !outer(r)) { carries.set(r, r.defaultUpdate); grew = true; }
    }
  }
  const carried = [...carries.keys()];
  const carryInner = carried.map((s) => placeholder(s.type, s.name));
  const stepValues = [...outs, ...carries.values()];
  const replaced = carried.length ? cloneReplace(stepValues, new Map(carried.map((s, i) => [s as Variable, carryInner[i]!]))) : stepValues;

  // the node's states are fn's recurrent outputs, then the carried shared variables
  const stateSpecs: StateSpec[] = [];
  const maps: Variable[] = [];
  const slot = outs.map((_, i) => {
    const st = states[i];
    if (!st) return { state: false, index: maps.push(replaced[i]!) - 1 };
    return { state: true, index: stateSpecs.push({ ...st, out: fitState(replaced[i]!, st.inner[0]!.type, i, where) }) - 1 };
  });
  const firstCarry = stateSpecs.length;
  carried.forEach((s, c) => stateSpecs.push({ init: lead(s), taps: [-1], inner: [carryInner[c]!], out: replaced[outs.length + c]! }));

  const node = buildScan({ n, seqs, states: stateSpecs, maps, nonSeqs, truncate, name }, outer);
  const R = stateSpecs.length;
  const results = slot.map((s) => node.outputs[s.state ? s.index : R + s.index]!);
  const updatesOut: ScanUpdates = new Map();
  carried.forEach((s, c) => {
    const final = node.outputs[R + maps.length + firstCarry + c]!;
    updatesOut.set(s, final);
    // a generator made inside fn is read only by this loop: T.fn advances it by the loop's draws
    if (!outer(s) && s.defaultUpdate) s.defaultUpdate = final;
  });
  return [(results.length === 1 ? results[0]! : results) as ScanOutputs<R>, updatesOut];
}

/** A step's value for a state must have the state's dtype and ndim; a safe cast is applied. */
function fitState(o: Variable, t: TensorType, i: number, where: string): Variable {
  if (o.ndim !== t.ndim) throw new TypeError(`${where}: fn returns a ${o.ndim}-d value for output ${i}, whose initial state is ${t.ndim}-d (${t})`);
  if (o.dtype === t.dtype) return o;
  if (canCastSafely(o.dtype, t.dtype)) return cast(o, t.dtype);
  throw new TypeError(`${where}: fn returns ${o.dtype} for output ${i} but its initial state is ${t.dtype}; ` +
    `give an initial state of dtype ${o.dtype} or cast the step's value (T.cast(value, '${t.dtype}'))`);
}
