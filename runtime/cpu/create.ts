// Kernels that make arrays from parameters rather than inputs.
import { castScalar, isDType, type DType } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';
import { copyStrided, shapeStr } from './util.ts';

function checkCount(v: number, what: string, op: string): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: ${what} must be a non-negative integer, got ${v}`);
}

function checkDType(dtype: DType, op: string): void {
  if (!isDType(dtype)) throw new TypeError(`${op}: unknown dtype ${JSON.stringify(dtype)}`);
}

/** numpy.arange: ceil((stop - start) / step) values start, start + step, ... */
export function arange(start: number, stop: number, step: number, dtype: DType): NDArray {
  checkDType(dtype, 'arange');
  if (step === 0) throw new RangeError('arange: step cannot be zero');
  if (![start, stop, step].every(Number.isFinite)) {
    throw new RangeError(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
  }
  const n = Math.max(0, Math.ceil((stop - start) / step));
  const out = new NDArray(dtype, [n]);
  const d = out.data;
  for (let i = 0; i < n; i++) d[i] = castScalar(start + i * step, dtype);
  return out;
}

/** n×m with ones on diagonal k (k > 0 above the main diagonal). */
export function eye(n: number, m: number, k: number, dtype: DType): NDArray {
  checkDType(dtype, 'eye');
  checkCount(n, 'n', 'eye');
  checkCount(m, 'm', 'eye');
  if (!Number.isInteger(k)) throw new RangeError(`eye: k must be an integer, got ${k}`);
  const out = new NDArray(dtype, [n, m]);
  const d = out.data;
  const one = castScalar(1, dtype);
  for (let i = Math.max(0, -k); i < n && i + k < m; i++) d[i * m + i + k] = one;
  return out;
}

export function fill(shape: readonly number[], value: number, dtype: DType): NDArray {
  checkDType(dtype, 'fill');
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) throw new RangeError(`fill: invalid shape ${shapeStr(shape)}: sizes must be non-negative integers`);
  }
  const out = new NDArray(dtype, shape);
  out.data.fill(castScalar(value, dtype));
  return out;
}

/** numpy's astype: always a new array; truncation toward zero, integer wrap, nonzero -> true. */
export function cast(x: NDArray, dtype: DType): NDArray {
  checkDType(dtype, 'cast');
  const out = new NDArray(dtype, x.shape);
  copyStrided(x.data, 0, [x.size], [1], out.data, x.dtype, dtype);
  return out;
}
