// Small runtime helpers that generated CPU code calls besides the array kernels.
import { NDArray, sizeOf } from '../ndarray.ts';

/**
 * numpy's (and Python's) modulo, npy_remainder: the result has the divisor's sign, a zero
 * remainder too (-1 % 1 = +0, 1 % -1 = -0); NaN for a zero divisor, an infinite dividend or a NaN;
 * a finite dividend of the other sign than an infinite divisor gives that divisor (-1 % inf = inf).
 * JS's % is C's fmod (exact).
 */
export function pyMod(a: number, b: number): number {
  const r = a % b;
  return r === 0 ? (b < 0 ? -0 : 0) : (r < 0) !== (b < 0) ? r + b : r;
}

/**
 * numpy's floor_divide of floats (npy_floor_divide, Python's //): a / b at a zero divisor;
 * otherwise (a - fmod(a, b)) / b, less one where the remainder's sign is not the divisor's, and
 * snapped to the nearest integer (1 // 0.1 = 9, where floor(1 / 0.1) = 10); a zero quotient has
 * a / b's sign. So -1 // inf = -1, inf // 1 = NaN.
 */
export function pyFloorDiv(a: number, b: number): number {
  if (b === 0) return a / b;
  const r = a % b;
  let d = (a - r) / b;
  if (r !== 0 && (r < 0) !== (b < 0)) d -= 1;
  if (d === 0) return (a / b) * 0;
  const f = Math.floor(d);
  return d - f > 0.5 ? f + 1 : f;
}

/**
 * numpy's power of floats, C's pow: Math.pow but for 1 ** y = 1 (NaN too) and (-1) ** ±inf = 1,
 * which are NaN in JS. Checked only where Math.pow gives NaN.
 */
export function npPow(a: number, b: number): number {
  const r = Math.pow(a, b);
  return r === r || !(a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) ? r : 1;
}

/** numpy rounds half to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Resolve a requested shape (one -1 allowed) against a size; throws naming both. */
export function resolveReshape(size: number, req: readonly number[], from: readonly number[]): number[] {
  const out = req.slice();
  const neg = out.indexOf(-1);
  if (neg >= 0 && out.indexOf(-1, neg + 1) >= 0) throw new RangeError('reshape: can only specify one unknown dimension (-1)');
  if (neg >= 0) {
    const rest = out.reduce((a, s, i) => (i === neg ? a : a * s), 1);
    out[neg] = rest === 0 ? 0 : size / rest;
  }
  if (!out.every((s) => Number.isInteger(s) && s >= 0) || sizeOf(out) !== size) {
    throw new RangeError(`reshape: cannot reshape an array of shape (${from.join(', ')}) (size ${size}) into shape (${req.join(', ')})`);
  }
  return out;
}

/** Reshape without copying (arrays are always dense row-major). */
export function reshape(x: NDArray, shape: NDArray): NDArray {
  return new NDArray(x.dtype, resolveReshape(x.size, Array.from(shape.data), x.shape), x.data);
}

/** A view with another shape of the same size (broadcast-only dimshuffles). */
export function view(x: NDArray, shape: number[]): NDArray {
  return new NDArray(x.dtype, shape, x.data);
}

export function shapeOf(x: NDArray): NDArray {
  return new NDArray('int64', [x.ndim], Float64Array.from(x.shape));
}

/** Error for elementwise inputs whose sizes disagree on an axis. */
export function shapeMismatch(op: string, shapes: readonly (readonly number[])[], axis: number): RangeError {
  const f = (s: readonly number[]) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`;
  return new RangeError(`${op}: input shapes ${shapes.map(f).join(' and ')} do not match on axis ${axis}; ` +
    'axes of size 1 only broadcast when their type says so (use dimshuffle, or a broadcastable pattern)');
}
