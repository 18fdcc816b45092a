// Host-side shape arithmetic and checks shared by the device backends' step runners: both
// compute output shapes the way the CPU kernels do, with the CPU kernels' error messages.
import { shapeMismatch } from '../cpu/helpers.ts';
import { normalizeAxis } from '../cpu/util.ts';
import type { IndexSpec, SlotInfo } from './code.ts';

export const prod = (s: readonly number[], from = 0, to = s.length) => {
  let n = 1;
  for (let d = from; d < to; d++) n *= s[d]!;
  return n;
};

export const strides = (s: readonly number[]) => {
  const out = new Array<number>(s.length);
  let acc = 1;
  for (let d = s.length - 1; d >= 0; d--) { out[d] = acc; acc *= s[d]!; }
  return out;
};

export const shapeStr = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/** What a runner knows of a slot before it runs. */
export interface SlotShapes {
  info(slot: number): SlotInfo;
  shape(slot: number): readonly number[];
}

/**
 * A fused elementwise step's output shape from its inputs' non-broadcastable axes, which must
 * agree exactly (Theano's rule: only axes typed broadcastable stretch).
 */
export function elemwiseShape(c: SlotShapes, ins: readonly number[], out: number, name: string): number[] {
  const r = c.info(out).ndim;
  const shape = new Array<number>(r).fill(1);
  for (let d = 0; d < r; d++) {
    let size = -1;
    for (const i of ins) {
      if (c.info(i).broadcastable[d]) continue;
      const n = c.shape(i)[d]!;
      if (size < 0) size = n;
      else if (n !== size) throw shapeMismatch(name.split(',').pop()!, ins.map((k) => c.shape(k)), d);
    }
    if (size >= 0) shape[d] = size;
  }
  return shape;
}

/** Concatenation along `axis`: the normalized axis, the output shape, and where each input ends on it. */
export function concatShape(shapes: readonly (readonly number[])[], axis: number): { ax: number; out: number[]; ends: number[] } {
  const first = shapes[0]!;
  const nd = first.length;
  if (nd === 0) throw new RangeError('concatenate: zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, nd, 'concatenate');
  const ends: number[] = [];
  let total = 0;
  shapes.forEach((x, i) => {
    for (let d = 0; d < nd; d++) {
      if (d !== ax && x[d] !== first[d]) {
        throw new RangeError(`concatenate: input ${i} has shape ${shapeStr(x)} but input 0 has shape ${shapeStr(first)}: sizes differ on axis ${d} (${x[d]} != ${first[d]}); only axis ${ax} may differ`);
      }
    }
    total += x[ax]!;
    ends.push(total);
  });
  const out = first.slice();
  out[ax] = total;
  return { ax, out, ends };
}

/** tensordot over `axesA`/`axesB` as one M×K by K×N product: the free axes and sizes. */
export function tensordotShape(a: readonly number[], b: readonly number[], axesA: readonly number[], axesB: readonly number[]) {
  axesA.forEach((ia, k) => {
    const ib = axesB[k]!;
    if (a[ia] !== b[ib]) {
      throw new RangeError(`tensordot: shape-mismatch for sum: a ${shapeStr(a)} axis ${ia} has size ${a[ia]} but b ${shapeStr(b)} axis ${ib} has size ${b[ib]}`);
    }
  });
  const freeA = a.map((_, d) => d).filter((d) => !axesA.includes(d));
  const freeB = b.map((_, d) => d).filter((d) => !axesB.includes(d));
  const M = prod(freeA.map((d) => a[d]!)), K = prod(axesA.map((d) => a[d]!)), N = prod(freeB.map((d) => b[d]!));
  const out = [...freeA.map((d) => a[d]!), ...freeB.map((d) => b[d]!)];
  return { freeA, freeB, M, K, N, out };
}

/** eye's n, m and k, checked as the CPU kernel checks them. */
export function checkEye(n: number, m: number, k: number): void {
  for (const [v, what] of [[n, 'n'], [m, 'm']] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`eye: ${what} must be a non-negative integer, got ${v}`);
  }
  if (!Number.isInteger(k)) throw new RangeError(`eye: k must be an integer, got ${k}`);
}

/** Dyn slots of an index that are ints or slice bounds: needed on the host to plan. */
export function scalarRefs(spec: IndexSpec): number[] {
  const out: number[] = [];
  const ref = (b: unknown) => { if (b !== null && typeof b === 'object') out.push(spec.dyn[(b as { input: number }).input]!); };
  for (const e of spec.index) {
    if (e.kind === 'int') ref(e.at);
    else if (e.kind === 'slice') { ref(e.start); ref(e.stop); ref(e.step); }
  }
  return out;
}

/** The shape a dimshuffle pattern makes of `from` ('x' inserts a length-1 axis). */
export const patternShape = (pattern: readonly (number | 'x')[], from: readonly number[]): number[] =>
  pattern.map((e) => (e === 'x' ? 1 : from[e]!));

/** alloc's sizes, read on the host: non-negative integers, or a RangeError naming the shape. */
export function checkAllocShape(shape: readonly number[]): void {
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) throw new RangeError(`alloc: invalid shape ${shapeStr(shape)}: sizes must be non-negative integers`);
}
