// Helpers shared by the CPU kernels: error spelling, axis checks and strided copies.
import { castScalar, isFloat, type DType, type TypedArray } from '../dtype.ts';

/** numpy's tuple spelling, used in every error message: (2, 3), (4,), (). */
export function shapeStr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function product(shape: readonly number[], from = 0, to = shape.length): number {
  let n = 1;
  for (let d = from; d < to; d++) n *= shape[d]!;
  return n;
}

/** Resolve a possibly negative axis against `ndim`, numpy's AxisError wording. */
export function normalizeAxis(axis: number, ndim: number, op: string): number {
  if (!Number.isInteger(axis)) throw new TypeError(`${op}: axis must be an integer, got ${axis}`);
  if (axis < -ndim || axis >= ndim) {
    throw new RangeError(`${op}: axis ${axis} is out of bounds for array of dimension ${ndim}`);
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Whether storing a `from` value into `to` storage needs castScalar. Typed-array stores already
 * truncate and wrap exactly like numpy's astype except for bool (any nonzero is 1) and int64
 * (kept in a Float64Array, so fractions would survive), and float16 (kept in a Float32Array,
 * so only 8-bit integers and float16 itself arrive already representable).
 */
export function needsCast(from: DType, to: DType): boolean {
  if (to === 'bool') return from !== 'bool';
  if (to === 'float16') return from !== 'float16' && from !== 'bool' && from !== 'int8' && from !== 'uint8';
  if (to === 'int64') return isFloat(from);
  return false;
}

/** Copy n contiguous elements, converting to `to` as numpy's astype would. */
export function copyRun(
  src: TypedArray, srcPos: number, dst: TypedArray, dstPos: number, n: number, from: DType, to: DType,
): void {
  if (!needsCast(from, to)) {
    dst.set(src.subarray(srcPos, srcPos + n), dstPos);
    return;
  }
  for (let i = 0; i < n; i++) dst[dstPos + i] = castScalar(src[srcPos + i]!, to);
}

/**
 * Copy the strided view (offset, shape, strides) of `src` contiguously into `dst`, converting
 * to `to` where storage alone would not. Zero strides express broadcasting.
 */
export function copyStrided(
  src: TypedArray, offset: number, shape: readonly number[], strides: readonly number[],
  dst: TypedArray, from: DType, to: DType,
): void {
  const total = product(shape);
  if (total === 0) return;
  const nd = shape.length;
  const cast = needsCast(from, to);
  if (nd === 0) {
    dst[0] = cast ? castScalar(src[offset]!, to) : src[offset]!;
    return;
  }
  const inner = shape[nd - 1]!, step = strides[nd - 1]!;
  const idx = new Int32Array(nd);
  let base = offset, o = 0;
  for (;;) {
    let p = base;
    if (cast) for (let j = 0; j < inner; j++, p += step) dst[o++] = castScalar(src[p]!, to);
    else for (let j = 0; j < inner; j++, p += step) dst[o++] = src[p]!;
    let d = nd - 2;
    for (; d >= 0; d--) {
      base += strides[d]!;
      if (++idx[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
    if (d < 0) return;
  }
}
