// Reading T.scan's options: sequences (with taps) become outer slices and row placeholders,
// initial states become buffers and tap placeholders, and fn's result becomes outputs and
// updates. Theano's conventions throughout (compiler/scan/api.ts puts the pieces together).
import { isInt } from '../../runtime/dtype.ts';
import { config } from '../config.ts';
import { Constant, SharedVariable, Variable } from '../graph.ts';
import { asTensor, constant } from '../api/core.ts';
import { cast, minimum } from '../api/elemwise.ts';
import { subtensor, slice } from '../api/indexing.ts';
import { dimSize } from '../api/shape.ts';
import { type Fed, type StateSpec, lead, placeholder, rowType, stateType } from './build.ts';
import { lookback } from './layout.ts';

type AnyShared = SharedVariable<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ScanUpdates = Map<AnyShared, Variable>;
type UpdatesLike = Map<AnyShared, unknown> | readonly (readonly [AnyShared, unknown])[];

/** A sequence, or one read at several offsets: `{ input, taps: [-1, 0] }` gives x[t-1] and x[t]. */
export type SequenceSpec = Variable | { input: Variable; taps?: readonly number[] };
/**
 * A recurrent output's initial state (a JS number is a floatX constant), `{ initial, taps }`
 * for one that reads several earlier steps (initial then holds those rows), or null for an
 * output the step computes afresh (a map).
 */
export type OutputSpec = Variable | number | null | undefined | { initial: Variable | number | null; taps?: readonly number[] };
/** What the step returns: its outputs, or `[outputs, updates]` (updates of shared variables). */
export type StepResult = Variable | number | readonly (Variable | number)[] | readonly [Variable | readonly Variable[] | null, UpdatesLike] | UpdatesLike;

export interface ScanOptions<R extends StepResult = StepResult> {
  /** Called once with sequences (their row at step t), earlier outputs (per tap), non-sequences. */
  fn: (...args: Variable[]) => R;
  sequences?: SequenceSpec | readonly SequenceSpec[];
  outputsInfo?: OutputSpec | readonly OutputSpec[];
  nonSequences?: Variable | number | readonly (Variable | number)[];
  /** Steps to run; by default the length of the shortest sequence. */
  nSteps?: number | Variable;
  /** Walk the sequences from their end. */
  goBackwards?: boolean;
  /** Backpropagate through only this many of the last steps (-1: all of them). */
  truncateGradient?: number;
  name?: string;
}

export const list = <T>(x: T | readonly T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? [...(x as readonly T[])] : [x as T]);

/** One outer slice per tap, lined up so that row t of each is the tap's value at step t. */
export function sequencesOf(specs: ScanOptions['sequences'], backwards: boolean, where: string): Fed[] {
  const seqs: Fed[] = [];
  list(specs).forEach((s, i) => {
    const isSpec = typeof s === 'object' && s !== null && !(s instanceof Variable) && !Array.isArray(s) && 'input' in s;
    const spec = isSpec ? { input: asTensor(s.input, `${where}: sequence ${i}`), taps: [...(s.taps ?? [0])] } : { input: asTensor(s, `${where}: sequence ${i}`), taps: [0] };
    if (spec.input.ndim === 0) throw new TypeError(`${where}: sequence ${i} is a scalar (${spec.input.type}); a sequence needs an axis to iterate over`);
    if (spec.taps.length === 0 || !spec.taps.every(Number.isInteger)) throw new TypeError(`${where}: the taps of sequence ${i} must be integers, got [${spec.taps}]`);
    const lo = Math.min(0, ...spec.taps), hi = Math.max(0, ...spec.taps);
    for (const k of spec.taps) {
      const start = k - lo, stop = k === hi ? null : k - hi;
      let outer = start === 0 && stop === null ? spec.input : (subtensor(spec.input, [slice(start, stop)]) as Variable);
      if (backwards) outer = subtensor(outer, [slice(null, null, -1)]) as Variable;
      const label = spec.input.name ? `${spec.input.name}[t${k === 0 ? '' : k > 0 ? `+${k}` : k}]` : null;
      seqs.push({ outer, inner: placeholder(rowType(outer), label) });
    }
  });
  return seqs;
}

/**
 * The number of steps: nSteps, else the shortest sequence (a constant where the lengths are
 * static). The loop reads the first n rows of each sequence and checks there are that many.
 */
export function stepsOf(nSteps: ScanOptions['nSteps'], seqs: readonly Fed[], where: string): Variable {
  let n: Variable;
  if (typeof nSteps === 'number') {
    if (!Number.isInteger(nSteps) || nSteps < 0) throw new RangeError(`${where}: nSteps must be a non-negative integer, got ${nSteps}`);
    n = constant(nSteps, { dtype: 'int64' });
  } else if (nSteps !== undefined) {
    const v = asTensor(nSteps, `${where}: nSteps`);
    if (v.ndim !== 0 || !isInt(v.dtype)) throw new TypeError(`${where}: nSteps must be an integer scalar, got ${v.type}`);
    n = cast(v, 'int64');
  } else {
    if (seqs.length === 0) throw new TypeError(`${where}: give nSteps, or at least one sequence to take the number of steps from`);
    const lengths = seqs.map((s) => s.outer.type.shape[0]);
    n = lengths.every((l) => l != null) ? constant(Math.min(...(lengths as number[])), { dtype: 'int64' })
      : seqs.map((s) => dimSize(s.outer, 0)).reduce((a, b) => minimum(a, b));
  }
  const steps = n instanceof Constant ? n.value.data[0]! : null;
  seqs.forEach((s, j) => {
    const len = s.outer.type.shape[0];
    if (steps !== null && len != null && len < steps) throw new RangeError(`${where}: sequence ${j} has ${len} rows, fewer than the ${steps} steps asked for`);
  });
  return n;
}

/** Per output: its state (initial buffer and one placeholder per tap), or null for a map. */
export function statesOf(infos: readonly OutputSpec[], where: string): (Omit<StateSpec, 'out'> | null)[] {
  return infos.map((o, i) => {
    if (o === null || o === undefined) return null;
    const isSpec = typeof o === 'object' && !(o instanceof Variable) && 'initial' in o;
    const initial = isSpec ? o.initial : o;
    if (initial === null || initial === undefined) return null;
    const v = typeof initial === 'number' ? constant(initial, { dtype: config.floatX }) : asTensor(initial, `${where}: the initial state of output ${i}`);
    const taps = isSpec && o.taps ? [...o.taps] : [-1];
    if (taps.length === 0 || !taps.every((t) => Number.isInteger(t) && t < 0)) throw new RangeError(`${where}: the taps of output ${i} must be negative integers (earlier steps), got [${taps}]`);
    // Theano's sit-sot: one step back, and the initial value is the state itself
    const single = taps.length === 1 && taps[0] === -1;
    if (!single && v.ndim === 0) throw new TypeError(`${where}: output ${i} reads ${lookback(taps)} earlier steps, so its initial value needs a leading axis holding them`);
    const init = single ? lead(v) : (subtensor(v, [slice(null, lookback(taps))]) as Variable);
    const t = stateType(rowType(init));
    const label = v.name ? (k: number) => `${v.name}[t${k}]` : () => null;
    return { init, taps, inner: taps.map((k) => placeholder(t, label(k))) };
  });
}

export function nonSequencesOf(specs: ScanOptions['nonSequences'], where: string): Fed[] {
  return list(specs).map((x, k) => {
    const outer = asTensor(x, `${where}: non-sequence ${k}`);
    return { outer, inner: placeholder(outer.type, outer.name) };
  });
}

const isUpdates = (x: unknown): x is UpdatesLike =>
  x instanceof Map || (Array.isArray(x) && x.every((e) => Array.isArray(e) && e.length === 2 && e[0] instanceof SharedVariable));

/** fn's outputs and the shared-variable updates it asked for. */
export function parseResult(r: unknown, where: string): { outs: Variable[]; updates: [SharedVariable, Variable][] } {
  const out = (x: unknown, i: number) => asTensor(x, `${where}: output ${i} of fn`);
  const pairs = (u: UpdatesLike) => (u instanceof Map ? [...u.entries()] : u.map((e) => [e[0], e[1]] as const)).map(([s, e], i): [SharedVariable, Variable] => {
    if (!(s instanceof SharedVariable)) throw new TypeError(`${where}: update ${i} returned by fn does not update a shared variable`);
    const v = asTensor(e, `${where}: update ${i} of fn`);
    if (v.dtype !== s.dtype || v.ndim !== s.ndim) throw new TypeError(`${where}: update ${i} of fn gives '${s}' (${s.type}) a value of type ${v.type}`);
    return [s, v];
  });
  if (r instanceof Variable || typeof r === 'number') return { outs: [out(r, 0)], updates: [] };
  if (r instanceof Map) return { outs: [], updates: pairs(r) };
  if (!Array.isArray(r)) throw new TypeError(`${where}: fn must return a variable, a list of them, or [outputs, updates]; got ${r === null ? 'null' : typeof r}`);
  if (r.length === 2 && !(r[1] instanceof Variable) && typeof r[1] !== 'number' && isUpdates(r[1])) {
    const first = r[0] as unknown;
    return { outs: first === null || first === undefined ? [] : list(first as Variable | Variable[]).map(out), updates: pairs(r[1]) };
  }
  if (r.length > 0 && isUpdates(r)) return { outs: [], updates: pairs(r) };
  return { outs: (r as unknown[]).map(out), updates: [] };
}
