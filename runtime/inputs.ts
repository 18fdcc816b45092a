// Converting call arguments to the arrays a program expects, with errors that name the input.
import { type DType, canCastSafely, isFloat, INT_RANGE, type IntDType } from './dtype.ts';
import { NDArray, asarray, isTypedArray, nestedShape, inferDType } from './ndarray.ts';
import type { ProgramInput } from './program.ts';

const EMPTY: number[] = [];

function fitsStatic(a: NDArray, spec: ProgramInput): boolean {
  for (let d = 0; d < spec.ndim; d++) {
    const want = spec.broadcastable[d] ? 1 : spec.shape[d];
    if (want != null && a.shape[d] !== want) return false;
  }
  return true;
}

export function inputLabel(spec: ProgramInput, i: number): string {
  return spec.name ? `input ${i} ('${spec.name}')` : `input ${i}`;
}

const typeName = (spec: ProgramInput) => `${spec.dtype} ${['scalar', 'vector', 'matrix'][spec.ndim] ?? `${spec.ndim}-d tensor`}`;

function checkShape(a: NDArray, spec: ProgramInput, label: string): NDArray {
  if (a.ndim !== spec.ndim) {
    throw new TypeError(`${label}: expected a ${typeName(spec)} (ndim ${spec.ndim}), got ndim ${a.ndim} with shape (${a.shape.join(', ')})`);
  }
  for (let d = 0; d < spec.ndim; d++) {
    const want = spec.broadcastable[d] ? 1 : spec.shape[d];
    if (want != null && a.shape[d] !== want) {
      throw new RangeError(`${label}: expected size ${want} on axis ${d}${spec.broadcastable[d] ? ' (broadcastable)' : ''}, got shape (${a.shape.join(', ')})`);
    }
  }
  return a;
}

function checkIntegral(v: unknown, dtype: DType, label: string): void {
  if (isFloat(dtype)) return;
  const bad = (x: number) => !Number.isInteger(x) || x < INT_RANGE[dtype as IntDType | 'bool'][0] || x > INT_RANGE[dtype as IntDType | 'bool'][1];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (typeof x === 'number' && bad(x)) {
      throw new TypeError(`${label}: expected ${dtype} values, got ${x}, which ${Number.isInteger(x) ? 'is out of range' : 'is not an integer'} (would lose precision)`);
    }
  };
  walk(v);
}

/**
 * Theano's filter: numbers and nested arrays convert to the input's dtype (as Python floats and
 * lists do); an NDArray or typed array may only be upcast, unless `allowDowncast`.
 */
export function coerceInput(v: unknown, spec: ProgramInput, i: number, allowDowncast: boolean): NDArray {
  // the common case first, without allocating anything but the result
  if (typeof v === 'number' && spec.ndim === 0 && (spec.dtype === 'float64' || spec.dtype === 'float32')) {
    const data = spec.dtype === 'float64' ? new Float64Array(1) : new Float32Array(1);
    data[0] = v;
    return new NDArray(spec.dtype, EMPTY, data);
  }
  if (v instanceof NDArray && v.dtype === spec.dtype && v.ndim === spec.ndim && fitsStatic(v, spec)) return v;
  const label = inputLabel(spec, i);
  if (typeof v === 'number' || typeof v === 'boolean') {
    if (spec.ndim !== 0) throw new TypeError(`${label}: expected a ${typeName(spec)} (ndim ${spec.ndim}), got a number`);
    if (!allowDowncast && typeof v === 'number') checkIntegral(v, spec.dtype, label);
    return asarray(v, { dtype: spec.dtype });
  }
  if (Array.isArray(v)) {
    nestedShape(v, label);
    if (!allowDowncast && inferDType(v) === 'float64') checkIntegral(v, spec.dtype, label);
    return checkShape(asarray(v, { dtype: spec.dtype }), spec, label);
  }
  if (v instanceof NDArray || isTypedArray(v)) {
    const a = v instanceof NDArray ? v : asarray(v);
    if (a.dtype !== spec.dtype) {
      if (!allowDowncast && !canCastSafely(a.dtype, spec.dtype)) {
        throw new TypeError(`${label}: ${typeName(spec)} cannot store a value of dtype ${a.dtype} without risking loss of precision. ` +
          `Cast the data to ${spec.dtype} first, or compile with allowInputDowncast: true`);
      }
      return checkShape(a.astype(spec.dtype), spec, label);
    }
    return checkShape(a, spec, label);
  }
  const got = v === null ? 'null' : v === undefined ? 'undefined' : typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v;
  throw new TypeError(`${label}: expected a number, nested array, typed array or NDArray, got ${got}`);
}
