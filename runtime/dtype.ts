// Data types shared by the compiler and the runtime. The runtime owns them because a
// shipped bundle needs them without the compiler.
import { roundF16 } from './float16.ts';

export const DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint32', 'float16', 'float32', 'float64'] as const;
export type DType = (typeof DTYPES)[number];
export type FloatDType = 'float16' | 'float32' | 'float64';
export type IntDType = 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint32';

export type TypedArray = Uint8Array | Int8Array | Int16Array | Int32Array | Uint32Array | Float32Array | Float64Array;

/**
 * Storage per dtype. int64 is stored in a Float64Array: exact for |v| <= 2^53 (documented).
 * float16 is stored in a Float32Array holding binary16 values (runtime/float16.ts): Node 20
 * has no Float16Array, and kernels then read it as they read float32 and round where they store.
 */
export const STORAGE = {
  bool: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: Float64Array,
  uint8: Uint8Array,
  uint32: Uint32Array,
  float16: Float32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const satisfies { [D in DType]: { new (n: number): TypedArray; name: string } };

export type StorageOf<D extends DType> = InstanceType<(typeof STORAGE)[D]>;

export function isDType(s: unknown): s is DType {
  return typeof s === 'string' && (DTYPES as readonly string[]).includes(s);
}
export const isFloat = (d: DType): d is FloatDType => d === 'float32' || d === 'float64' || d === 'float16';
export const isInt = (d: DType): d is IntDType => !isFloat(d) && d !== 'bool';
export const isUnsigned = (d: DType) => d === 'uint8' || d === 'uint32' || d === 'bool';

export function allocate(dtype: DType, n: number): TypedArray {
  return new STORAGE[dtype](n);
}

/** Range of exactly representable values for integer dtypes. */
export const INT_RANGE: { [D in IntDType | 'bool']: [number, number] } = {
  bool: [0, 1],
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  int64: [-9007199254740991, 9007199254740991],
  uint8: [0, 255],
  uint32: [0, 4294967295],
};

const BITS: { [D in DType]: number } = {
  bool: 1, int8: 8, int16: 16, int32: 32, int64: 64, uint8: 8, uint32: 32, float16: 16, float32: 32, float64: 64,
};

/** numpy's promotion of two array dtypes (value-independent). */
export function promote(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'bool') return b;
  if (b === 'bool') return a;
  if (isFloat(a) || isFloat(b)) {
    if (isFloat(a) && isFloat(b)) return BITS[a] >= BITS[b] ? a : b;
    const f = (isFloat(a) ? a : b) as FloatDType;
    const i = isFloat(a) ? b : a;
    // the smallest float at least as wide as `f` that holds every value of the integer type
    // exactly (numpy's rule): 8-bit ints fit float16, 16-bit ints float32, wider ones float64
    if (f === 'float64' || BITS[i] > 16) return 'float64';
    return f === 'float16' && BITS[i] <= 8 ? 'float16' : 'float32';
  }
  const ua = isUnsigned(a), ub = isUnsigned(b);
  if (ua === ub) return BITS[a] >= BITS[b] ? a : b;
  const u = ua ? a : b, s = ua ? b : a;
  // a signed type must hold every value of the unsigned one
  if (BITS[s] > BITS[u]) return s;
  if (BITS[u] === 8) return 'int16';
  return 'int64';
}

export function promoteAll(ds: readonly DType[]): DType {
  return ds.reduce((acc, d) => promote(acc, d));
}

/** Theano's upgrade_to_float: the float dtype a transcendental op of this dtype produces. */
export function toFloat(d: DType): FloatDType {
  if (isFloat(d)) return d;
  return BITS[d] <= 16 ? 'float32' : 'float64';
}

/** Smallest signed integer dtype holding an integer value (Theano's constant rule). */
export function smallestIntDType(v: number): IntDType {
  for (const d of ['int8', 'int16', 'int32', 'int64'] as const) {
    if (v >= INT_RANGE[d][0] && v <= INT_RANGE[d][1]) return d;
  }
  return 'int64';
}

/**
 * The dtype a JS number takes when combined with a tensor of dtype `other`: numbers never
 * upcast a tensor (`fmatrix * 2.5` stays float32, `imatrix * 2` stays int32), but a fraction
 * combined with an integer tensor becomes floatX, as a Python float does in Theano.
 */
export function weakDType(v: number, other: DType, floatX: FloatDType): DType {
  const integral = Number.isInteger(v);
  if (isFloat(other)) return other;
  if (!integral || !Number.isFinite(v)) return floatX;
  if (other === 'bool') return v === 0 || v === 1 ? 'bool' : smallestIntDType(v);
  const [lo, hi] = INT_RANGE[other as IntDType];
  if (v >= lo && v <= hi) return other;
  return promote(other, smallestIntDType(v));
}

/** Can every value of `from` be stored in `to` without loss? */
export function canCastSafely(from: DType, to: DType): boolean {
  if (from === to) return true;
  return promote(from, to) === to;
}

/** Convert one JS number to what storage of `dtype` holds (truncation, wrap like numpy's astype). */
export function castScalar(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float64': return v;
    case 'float32': return Math.fround(v);
    case 'float16': return roundF16(v);
    case 'bool': return v !== 0 ? 1 : 0; // NaN is true, as numpy's bool(nan)
    case 'int64': return Number.isFinite(v) ? Math.trunc(v) : 0;
    case 'int32': return v | 0;
    case 'int16': return (v << 16) >> 16;
    case 'int8': return (v << 24) >> 24;
    case 'uint8': return v & 255;
    case 'uint32': return v >>> 0;
  }
}

/** The dtype a typed array holds when a user passes one without saying. */
export function dtypeOfTypedArray(a: TypedArray): DType {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Uint32Array) return 'uint32';
  return 'uint8';
}
