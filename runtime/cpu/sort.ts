// Stable sorting along an axis; NaN sorts last like numpy.
import type { TypedArray } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';
import { normalizeAxis, product } from './util.ts';

const RUN = 16;

/** a < b with NaN greater than everything (and equal to NaN). */
function less(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

/**
 * Stable merge sort of positions 0..n-1 by vals: insertion-sorted runs, then bottom-up merges
 * ping-ponging between `idx` and `tmp`. Returns whichever buffer holds the result.
 */
function sortPositions(vals: Float64Array, idx: Int32Array, tmp: Int32Array, n: number): Int32Array {
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const cur = idx[i]!, v = vals[cur]!;
      let j = i - 1;
      while (j >= lo && less(v, vals[idx[j]!]!)) { idx[j + 1] = idx[j]!; j--; }
      idx[j + 1] = cur;
    }
  }
  let src = idx, dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
      let i = lo, j = mid, k = lo;
      // taking from the left on ties is what keeps equal keys in order
      while (i < mid && j < hi) dst[k++] = less(vals[src[j]!]!, vals[src[i]!]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src; src = dst; dst = t;
  }
  return src;
}

/** Sort every lane along `axis` (null: the flattened array), writing values or positions. */
function sortLanes(x: NDArray, axis: number | null, op: 'sort' | 'argsort'): NDArray {
  const shape = axis === null ? [x.size] : x.shape;
  const ax = axis === null ? 0 : normalizeAxis(axis, shape.length, op);
  const n = shape[ax]!;
  const outer = product(shape, 0, ax), inner = product(shape, ax + 1);
  const out = new NDArray(op === 'sort' ? x.dtype : 'int64', shape);
  const src = x.data;
  const dst: TypedArray = out.data;
  const vals = new Float64Array(n), idx = new Int32Array(n), tmp = new Int32Array(n);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      for (let k = 0; k < n; k++) vals[k] = src[base + k * inner]!;
      const order = sortPositions(vals, idx, tmp, n);
      if (op === 'sort') for (let k = 0; k < n; k++) dst[base + k * inner] = vals[order[k]!]!;
      else for (let k = 0; k < n; k++) dst[base + k * inner] = order[k]!;
    }
  }
  return out;
}

/** Stable sort along `axis` (null: flattened); NaN last. */
export function sort(x: NDArray, axis: number | null): NDArray {
  return sortLanes(x, axis, 'sort');
}

/** int64 positions that stably sort along `axis` (null: into the flattened array); NaN last. */
export function argsort(x: NDArray, axis: number | null): NDArray {
  return sortLanes(x, axis, 'argsort');
}
