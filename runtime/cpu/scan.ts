// What a compiled scan loop calls around its step function: the step count, row views of
// sequences and initial states, and the stacked outputs the steps are stored into.
import type { DType } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';

const fmt = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;

/** The step count from its 0-d input; a negative or fractional count is a caller's mistake. */
export function scanSteps(n: NDArray, name: string): number {
  const v = n.data[0]!;
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`scan '${name}': the number of steps must be a non-negative integer, got ${v}`);
  return v;
}

/** A sequence needs a row for every step. */
export function scanCheckRows(x: NDArray, rows: number, name: string, what: string): void {
  if (x.ndim === 0 || x.shape[0]! < rows) {
    throw new RangeError(`scan '${name}': ${what} has ${x.ndim === 0 ? 'no rows' : `${x.shape[0]} rows`} but ${rows} are needed`);
  }
}

/**
 * Row t of x (whose rows have `shape` and `size` elements), sharing x's data: row views are
 * only read by the step and never leave the loop.
 */
export function scanRow(x: NDArray, shape: readonly number[], size: number, t: number): NDArray {
  return new NDArray(x.dtype, shape, x.data.subarray(t * size, (t + 1) * size));
}

/** Rows up to this size are copied into one buffer per sequence: cheaper than a view each step. */
export const SCAN_COPY_ROWS = 128;

/** A reusable buffer for the rows of x, or null when its rows are large enough to view instead. */
export function scanRowBuffer(x: NDArray, shape: readonly number[], size: number): NDArray | null {
  return size <= SCAN_COPY_ROWS ? new NDArray(x.dtype, shape) : null;
}

/** Row t of x, copied into `buf` when there is one, else viewed. */
export function scanReadRow(buf: NDArray | null, x: NDArray, shape: readonly number[], size: number, t: number): NDArray {
  if (buf === null) return scanRow(x, shape, size, t);
  const src = x.data, dst = buf.data, off = t * size;
  for (let i = 0; i < size; i++) dst[i] = src[off + i]!;
  return buf;
}

/** A buffer for n rows of `shape`: last call's when it fits (the caller no longer holds it). */
export function scanStack(prev: NDArray | null, n: number, shape: readonly number[], dtype: DType): NDArray {
  if (prev !== null && prev.dtype === dtype && prev.shape[0] === n && prev.ndim === shape.length + 1 && shape.every((s, i) => prev.shape[i + 1] === s)) return prev;
  return new NDArray(dtype, [n, ...shape]);
}

function checkRow(shape: readonly number[], skip: number, row: NDArray, t: number, name: string, what: string): void {
  const nd = shape.length - skip;
  let same = row.ndim === nd;
  for (let d = 0; same && d < nd; d++) same = row.shape[d] === shape[d + skip];
  if (!same) {
    throw new RangeError(`scan '${name}': step ${t} made ${what} of shape ${fmt(row.shape)}, but its rows have shape ${fmt(shape.slice(skip))}; ` +
      'a step must return values of the same shape every time (and the shape of its initial state)');
  }
}

/** Copy a step's value of a state into the buffer that keeps it for later steps. */
export function scanCopy(dst: NDArray, v: NDArray, t: number, name: string, what: string): void {
  checkRow(dst.shape, 0, v, t, name, what);
  const a = dst.data, b = v.data;
  if (b.length === 1) a[0] = b[0]!;
  else a.set(b as never);
}

/** Copy one step's value into row t, after checking it has the rows' shape. */
export function scanStore(stack: NDArray, t: number, row: NDArray, name: string, what: string): void {
  checkRow(stack.shape, 1, row, t, name, what);
  const size = row.data.length;
  if (size === 1) stack.data[t] = row.data[0]!;
  else stack.data.set(row.data as never, t * size);
}
