// Reductions (sum, prod, max, min, all, any) and argmax/argmin.
import { castScalar, type DType, type TypedArray } from '../dtype.ts';
import { NDArray, stridesOf } from '../ndarray.ts';
import { normalizeAxis, product, shapeStr } from './util.ts';

export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any';

const IDENTITY: { [K in ReduceOp]: number } = { sum: 0, prod: 1, max: -Infinity, min: Infinity, all: 1, any: 0 };

/**
 * Fold n contiguous source values into acc[at], acc[at + step], ... One call per row keeps the
 * op switch out of the element loop.
 */
function foldRow(op: ReduceOp, acc: Float64Array, at: number, step: number, src: TypedArray, from: number, n: number): void {
  const end = from + n;
  switch (op) {
    case 'sum':
      for (let p = from; p < end; p++, at += step) acc[at] += src[p]!;
      break;
    case 'prod':
      for (let p = from; p < end; p++, at += step) acc[at] *= src[p]!;
      break;
    case 'max':
      // once NaN, a slot stays NaN: comparisons with NaN are false
      for (let p = from; p < end; p++, at += step) {
        const v = src[p]!;
        if (v > acc[at]! || v !== v) acc[at] = v;
      }
      break;
    case 'min':
      for (let p = from; p < end; p++, at += step) {
        const v = src[p]!;
        if (v < acc[at]! || v !== v) acc[at] = v;
      }
      break;
    case 'all':
      for (let p = from; p < end; p++, at += step) if (src[p] === 0) acc[at] = 0;
      break;
    case 'any':
      for (let p = from; p < end; p++, at += step) if (src[p] !== 0) acc[at] = 1;
      break;
  }
}

/**
 * Reduce over `axes` (sorted, distinct, non-negative). Accumulates in float64 and casts to
 * `outDtype` at the end.
 */
export function reduce(op: ReduceOp, x: NDArray, axes: number[], keepdims: boolean, outDtype: DType): NDArray {
  if (!(op in IDENTITY)) throw new TypeError(`reduce: unknown op ${JSON.stringify(op)}`);
  const { shape } = x;
  const nd = shape.length;
  for (let i = 0; i < axes.length; i++) {
    const a = axes[i]!;
    if (!Number.isInteger(a) || a < 0 || a >= nd || (i > 0 && a <= axes[i - 1]!)) {
      throw new RangeError(`${op}: axes [${axes.join(', ')}] are invalid for an array of shape ${shapeStr(shape)}: expected sorted, distinct axes in 0..${nd - 1}`);
    }
  }
  const reduced = new Array<boolean>(nd).fill(false);
  for (const a of axes) reduced[a] = true;
  const keptShape = shape.map((n, d) => (reduced[d] ? 1 : n));
  const outShape = keepdims ? keptShape : shape.filter((_, d) => !reduced[d]);
  const outSize = product(outShape);
  let count = 1;
  for (const a of axes) count *= shape[a]!;
  if ((op === 'max' || op === 'min') && count === 0) {
    throw new RangeError(`zero-size array to reduction operation ${op} which has no identity`);
  }

  const acc = new Float64Array(outSize).fill(IDENTITY[op]);
  const src = x.data;
  if (nd === 0) {
    foldRow(op, acc, 0, 0, src, 0, 1);
  } else if (x.size > 0) {
    // where each input axis moves in the output: its kept stride, or 0 when reduced away
    const ostr = stridesOf(keptShape).map((s, d) => (reduced[d] ? 0 : s));
    const inner = shape[nd - 1]!, innerStep = ostr[nd - 1]!;
    const idx = new Int32Array(nd);
    let at = 0;
    for (let p = 0; ; p += inner) {
      foldRow(op, acc, at, innerStep, src, p, inner);
      let d = nd - 2;
      for (; d >= 0; d--) {
        at += ostr[d]!;
        if (++idx[d]! < shape[d]!) break;
        at -= ostr[d]! * shape[d]!;
        idx[d] = 0;
      }
      if (d < 0) break;
    }
  }
  const out = new NDArray(outDtype, outShape);
  const od = out.data;
  for (let i = 0; i < outSize; i++) od[i] = castScalar(acc[i]!, outDtype);
  return out;
}

/** Position of the first max (min) of n values at src[from], src[from + stride], ...; a NaN wins. */
function scanArg(op: 'argmax' | 'argmin', src: TypedArray, from: number, stride: number, n: number): number {
  let best = src[from]!, bi = 0;
  if (best !== best) return 0;
  let p = from + stride;
  if (op === 'argmax') {
    for (let k = 1; k < n; k++, p += stride) {
      const v = src[p]!;
      if (v > best) { best = v; bi = k; } else if (v !== v) return k;
    }
  } else {
    for (let k = 1; k < n; k++, p += stride) {
      const v = src[p]!;
      if (v < best) { best = v; bi = k; } else if (v !== v) return k;
    }
  }
  return bi;
}

/** Index of the first max/min along `axis` (null: of the flattened array, as a 0-d result); int64. */
export function argReduce(op: 'argmax' | 'argmin', x: NDArray, axis: number | null, keepdims: boolean): NDArray {
  if (op !== 'argmax' && op !== 'argmin') throw new TypeError(`argReduce: unknown op ${JSON.stringify(op)}`);
  const { shape } = x;
  if (axis === null) {
    if (x.size === 0) throw new RangeError(`${op}: attempt to get ${op} of an empty sequence`);
    const out = new NDArray('int64', keepdims ? shape.map(() => 1) : []);
    out.data[0] = scanArg(op, x.data, 0, 1, x.size);
    return out;
  }
  const ax = normalizeAxis(axis, shape.length, op);
  const n = shape[ax]!;
  if (n === 0) throw new RangeError(`${op}: attempt to get ${op} of an empty sequence (axis ${ax} of shape ${shapeStr(shape)})`);
  const outer = product(shape, 0, ax), inner = product(shape, ax + 1);
  const outShape = keepdims ? shape.map((s, d) => (d === ax ? 1 : s)) : shape.filter((_, d) => d !== ax);
  const out = new NDArray('int64', outShape);
  const od = out.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) od[o * inner + i] = scanArg(op, x.data, o * n * inner + i, inner, n);
  }
  return out;
}
