// Kernels that only move elements around: broadcasting, transposition and dimshuffle.
import { NDArray, stridesOf } from '../ndarray.ts';
import { copyStrided, normalizeAxis, shapeStr } from './util.ts';

/** numpy broadcasting of two shapes. */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = a[a.length - i] ?? 1, db = b[b.length - i] ?? 1;
    if (da === db || db === 1) out[n - i] = da;
    else if (da === 1) out[n - i] = db;
    else throw new RangeError(`shapes ${shapeStr(a)} and ${shapeStr(b)} cannot be broadcast together`);
  }
  return out;
}

/** Strides that read `from` as if it had `to`'s shape (0 on broadcast axes), or null if it can't. */
export function broadcastStrides(from: readonly number[], to: readonly number[]): number[] | null {
  if (from.length > to.length) return null;
  const src = stridesOf(from);
  const lead = to.length - from.length;
  const out = new Array<number>(to.length);
  for (let d = 0; d < to.length; d++) {
    if (d < lead) { out[d] = 0; continue; }
    const n = from[d - lead]!;
    if (n === to[d]) out[d] = n === 1 ? 0 : src[d - lead]!;
    else if (n === 1) out[d] = 0;
    else return null;
  }
  return out;
}

/** Materialize x broadcast to `shape` (numpy rules). */
export function broadcastTo(x: NDArray, shape: readonly number[]): NDArray {
  const strides = broadcastStrides(x.shape, shape);
  if (strides === null) {
    throw new RangeError(`broadcastTo: cannot broadcast an array of shape ${shapeStr(x.shape)} to shape ${shapeStr(shape)}`);
  }
  const out = new NDArray(x.dtype, shape);
  copyStrided(x.data, 0, shape, strides, out.data, x.dtype, x.dtype);
  return out;
}

/** Permute axes (default: reverse them). */
export function transpose(x: NDArray, axes?: readonly number[]): NDArray {
  const nd = x.ndim;
  const perm = axes ? axes.map((a) => normalizeAxis(a, nd, 'transpose')) : x.shape.map((_, d) => nd - 1 - d);
  if (perm.length !== nd || new Set(perm).size !== nd) {
    throw new RangeError(`transpose: axes [${axes!.join(', ')}] are not a permutation of the axes of an array of shape ${shapeStr(x.shape)}`);
  }
  const st = stridesOf(x.shape);
  const shape = perm.map((a) => x.shape[a]!);
  const out = new NDArray(x.dtype, shape);
  copyStrided(x.data, 0, shape, perm.map((a) => st[a]!), out.data, x.dtype, x.dtype);
  return out;
}

/**
 * Theano's dimshuffle: entries are input axes or 'x' (a new axis of size 1); input axes left
 * out must have size 1 and disappear.
 */
export function dimshuffle(x: NDArray, pattern: readonly (number | 'x')[]): NDArray {
  const nd = x.ndim;
  const st = stridesOf(x.shape);
  const used = new Array<boolean>(nd).fill(false);
  const shape: number[] = [], strides: number[] = [];
  const patternStr = `[${pattern.map((p) => (p === 'x' ? "'x'" : p)).join(', ')}]`;
  for (const p of pattern) {
    if (p === 'x') { shape.push(1); strides.push(0); continue; }
    if (!Number.isInteger(p) || p < 0 || p >= nd) {
      throw new RangeError(`dimshuffle: pattern ${patternStr} names axis ${p}, but the input of shape ${shapeStr(x.shape)} has axes 0..${nd - 1}`);
    }
    if (used[p]) throw new RangeError(`dimshuffle: pattern ${patternStr} uses axis ${p} twice`);
    used[p] = true;
    shape.push(x.shape[p]!);
    strides.push(st[p]!);
  }
  for (let d = 0; d < nd; d++) {
    if (!used[d] && x.shape[d] !== 1) {
      throw new RangeError(`dimshuffle: pattern ${patternStr} drops axis ${d} of the input of shape ${shapeStr(x.shape)}, but only axes of size 1 can be dropped`);
    }
  }
  const out = new NDArray(x.dtype, shape);
  copyStrided(x.data, 0, shape, strides, out.data, x.dtype, x.dtype);
  return out;
}
