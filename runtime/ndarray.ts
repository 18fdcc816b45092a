import {
  type DType, type TypedArray, type StorageOf, allocate, castScalar, dtypeOfTypedArray, isDType,
} from './dtype.ts';
import { formatNDArray } from './format.ts';

/** Nested JS arrays of the value type for N dimensions (number for 0-d). */
export type Nested<V, N extends number> = N extends 0 ? V
  : N extends 1 ? V[]
  : N extends 2 ? V[][]
  : N extends 3 ? V[][][]
  : N extends 4 ? V[][][][]
  : unknown[];
export type ValueOf<D extends DType> = D extends 'bool' ? boolean : number;

/** A dense row-major array: the value type of every input, output and shared variable. */
export class NDArray<D extends DType = DType, N extends number = number> {
  readonly dtype: D;
  readonly shape: number[];
  readonly data: StorageOf<D>;

  /**
   * `data` is used as is, not converted: it must be the dtype's storage (runtime/dtype.ts
   * STORAGE), and for float16 hold binary16 values only (`T.asarray(values, { dtype: 'float16' })`
   * and `astype` round; a hand-filled Float32Array is taken at its word).
   */
  constructor(dtype: D, shape: readonly number[], data?: TypedArray) {
    this.dtype = dtype;
    this.shape = shape.slice();
    const size = sizeOf(shape);
    if (data === undefined) {
      this.data = allocate(dtype, size) as StorageOf<D>;
    } else {
      if (data.length !== size) {
        throw new RangeError(`NDArray: data has ${data.length} elements but shape [${shape.join(', ')}] needs ${size}`);
      }
      this.data = data as StorageOf<D>;
    }
  }

  get ndim(): N { return this.shape.length as N; }
  get size(): number { return this.data.length; }

  /** Nested arrays of numbers (booleans for bool); a plain value for 0-d. */
  toArray(): Nested<ValueOf<D>, N> {
    const { shape, data, dtype } = this;
    const conv = dtype === 'bool' ? (v: number) => v !== 0 : (v: number) => v;
    if (shape.length === 0) return conv(data[0]!) as Nested<ValueOf<D>, N>;
    let pos = 0;
    const build = (d: number): unknown[] => {
      const out: unknown[] = new Array(shape[d]!);
      for (let i = 0; i < shape[d]!; i++) out[i] = d === shape.length - 1 ? conv(data[pos++]!) : build(d + 1);
      return out;
    };
    return build(0) as Nested<ValueOf<D>, N>;
  }

  /** Element at a multi-index (negative indices count from the end). */
  get(...index: number[]): ValueOf<D> {
    if (index.length !== this.shape.length) {
      throw new RangeError(`NDArray.get: expected ${this.shape.length} indices, got ${index.length}`);
    }
    let flat = 0;
    for (let d = 0; d < index.length; d++) {
      const n = this.shape[d]!;
      let i = index[d]!;
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw new RangeError(`NDArray.get: index ${index[d]} out of range for axis ${d} of size ${n}`);
      flat = flat * n + i;
    }
    const v = this.data[flat]!;
    return (this.dtype === 'bool' ? v !== 0 : v) as ValueOf<D>;
  }

  /** A copy with another dtype (numpy's astype: truncation toward zero, integer wrap). */
  astype<E extends DType>(dtype: E): NDArray<E, N> {
    const out = new NDArray<E, N>(dtype, this.shape);
    const src = this.data, dst = out.data;
    if ((dtype as DType) === this.dtype) dst.set(src as never);
    else for (let i = 0; i < src.length; i++) dst[i] = castScalar(src[i]!, dtype);
    return out;
  }

  copy(): NDArray<D, N> {
    return new NDArray<D, N>(this.dtype, this.shape, this.data.slice() as TypedArray);
  }

  reshape<M extends number>(shape: readonly number[]): NDArray<D, M> {
    return new NDArray<D, M>(this.dtype, shape, this.data);
  }

  /** numpy-like text: `array([[1., 2.],\n       [3., 4.]])`. */
  toString(): string { return formatNDArray(this); }
  [Symbol.for('nodejs.util.inspect.custom')](): string { return formatNDArray(this); }
}

export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function isTypedArray(v: unknown): v is TypedArray {
  return ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array);
}

/** What users may pass where an array is expected. */
export type ArrayLike = NDArray | TypedArray | number | boolean | readonly unknown[];

/** Shape of a (possibly ragged) nested JS array; throws naming the ragged position. */
export function nestedShape(v: unknown, what = 'value'): number[] {
  const shape: number[] = [];
  let cur: unknown = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  const check = (x: unknown, d: number, path: string): void => {
    if (d === shape.length) {
      if (Array.isArray(x)) throw new TypeError(`${what}: ragged nested array at ${path}: expected a number, got an array`);
      if (typeof x !== 'number' && typeof x !== 'boolean') {
        throw new TypeError(`${what}: expected numbers or booleans, got ${x === null ? 'null' : typeof x} at ${path}`);
      }
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) {
      const got = Array.isArray(x) ? `length ${x.length}` : typeof x;
      throw new TypeError(`${what}: ragged nested array at ${path}: expected length ${shape[d]}, got ${got}`);
    }
    for (let i = 0; i < x.length; i++) check(x[i], d + 1, `${path}[${i}]`);
  };
  check(v, 0, what === 'value' ? 'value' : '');
  return shape;
}

/** True when every leaf of a nested array (or a scalar) is a boolean. */
function allBooleans(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0 && v.every(allBooleans);
  return typeof v === 'boolean';
}
function allIntegers(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(allIntegers);
  return typeof v === 'number' ? Number.isSafeInteger(v) : typeof v === 'boolean';
}

/** The dtype numpy would infer for a JS value: bool for booleans, int64 for integers, else float64. */
export function inferDType(v: unknown): DType {
  if (v instanceof NDArray) return v.dtype;
  if (isTypedArray(v)) return dtypeOfTypedArray(v);
  if (allBooleans(v)) return 'bool';
  if (allIntegers(v)) return 'int64';
  return 'float64';
}

export interface AsArrayOptions { dtype?: DType; shape?: readonly number[] }

/**
 * Make an NDArray from numbers, booleans, nested arrays, typed arrays (with `{ shape }` for a
 * flat typed array) or another NDArray. The dtype defaults to numpy's inference.
 */
export function asarray(value: ArrayLike, options: AsArrayOptions = {}): NDArray {
  const { dtype, shape } = options;
  if (dtype !== undefined && !isDType(dtype)) throw new TypeError(`asarray: unknown dtype ${JSON.stringify(dtype)}`);
  if (value instanceof NDArray) {
    const a = dtype && dtype !== value.dtype ? value.astype(dtype) : value;
    return shape ? a.reshape(checkShape(shape, a.size)) : a;
  }
  if (isTypedArray(value)) {
    const own = dtypeOfTypedArray(value);
    const s = shape ? checkShape(shape, value.length) : [value.length];
    const a = new NDArray(own, s, value);
    return dtype && dtype !== own ? a.astype(dtype) : a;
  }
  const d = dtype ?? inferDType(value);
  const vshape = nestedShape(value);
  const out = new NDArray(d, vshape);
  const data = out.data;
  let pos = 0;
  const fill = (x: unknown): void => {
    if (Array.isArray(x)) for (const e of x) fill(e);
    else data[pos++] = castScalar(typeof x === 'boolean' ? (x ? 1 : 0) : (x as number), d);
  };
  fill(value);
  return shape ? out.reshape(checkShape(shape, out.size)) : out;
}

function checkShape(shape: readonly number[], size: number): number[] {
  if (sizeOf(shape) !== size) {
    throw new RangeError(`asarray: shape [${shape.join(', ')}] holds ${sizeOf(shape)} elements, the data has ${size}`);
  }
  return shape.slice();
}

/** Row-major strides in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) { st[d] = s; s *= shape[d]!; }
  return st;
}
