// How each dtype is stored on the device. Lanes are 32-bit: narrow integers are widened, bool
// is a 0/1 u32, float64 has no representation, and int64 is 32-bit (values are range-checked
// where they enter, and the compiler refuses ops that could leave the range). float16 is the
// exception where the device allows it: packed binary16, 2 bytes an element (below).
import type { DType, TypedArray } from '../dtype.ts';
import { packF16, unpackF16 } from '../float16.ts';
import { NDArray } from '../ndarray.ts';

export type Storage = 'f32' | 'i32' | 'u32';

export const STORAGE_TYPE: { [D in DType]: Storage | null } = {
  bool: 'u32', int8: 'i32', int16: 'i32', int32: 'i32', int64: 'i32', uint8: 'u32', uint32: 'u32', float16: 'f32', float32: 'f32', float64: null,
};

/** Every device element is 4 bytes, but float16 on a device with `shader-f16` (see below). */
export const BYTES = 4;

// float16 storage. Kernels compute float16 in f32 and round each result to binary16 (the
// compiler's round16); what differs by device is only how a float16 array is stored. A kernel
// with a float16 binding declares it `array<h16>`, reads it as `f32(x[i])`, stores `h16(v)`, and
// its source begins with the line F16_ALIAS. On a device without `shader-f16` that alias makes
// h16 an f32 lane (4 bytes an element); where the device has `shader-f16` the runtime replaces
// the line with F16_PACKED before creating the pipeline, and float16 arrays are packed binary16,
// 2 bytes an element, half the memory and bandwidth.

/** The first line of every kernel source with a float16 binding. */
export const F16_ALIAS = 'alias h16 = f32;';
/** What replaces F16_ALIAS on a device with `shader-f16`. */
export const F16_PACKED = 'enable f16;\nalias h16 = f16;';

/** A kernel's source for a device: packed float16 where the device has `shader-f16`. */
export function sourceFor(source: string, packedF16: boolean): string {
  return packedF16 && source.startsWith(F16_ALIAS) ? F16_PACKED + source.slice(F16_ALIAS.length) : source;
}

/** Bytes of one element of `dtype` on the device. */
export const elemBytes = (dtype: DType, packedF16: boolean): number => (dtype === 'float16' && packedF16 ? 2 : BYTES);

/** Bytes of a buffer holding `n` elements: a multiple of 4 (WebGPU's copy and size unit), at least 4. */
export const bufferBytes = (dtype: DType, n: number, packedF16: boolean): number => Math.max(BYTES, Math.ceil((n * elemBytes(dtype, packedF16)) / 4) * 4);

/** Bytes of `n` elements of `dtype` rounded up to a multiple of 4: what a copy of a whole array moves (0 when empty). */
export const copyBytes = (dtype: DType, n: number, packedF16: boolean): number => Math.ceil((n * elemBytes(dtype, packedF16)) / 4) * 4;

/**
 * What to upload for an array, converting (and range-checking int64) where needed: 32-bit
 * words, or for float16 on a packed device its binary16 encodings (padded to an even count, so
 * the upload is a whole number of 4-byte words).
 */
export function toDevice(a: NDArray, what: string, packedF16 = false): Float32Array | Int32Array | Uint32Array | Uint16Array {
  const d = a.data;
  switch (a.dtype) {
    case 'float16':
      return packedF16 ? packF16(d as Float32Array, new Uint16Array(d.length + (d.length & 1))) : d as Float32Array;
    case 'float32': case 'int32': case 'uint32': return d as Float32Array | Int32Array | Uint32Array;
    case 'int8': case 'int16': return Int32Array.from(d as Int8Array | Int16Array);
    case 'bool': case 'uint8': return Uint32Array.from(d as Uint8Array);
    case 'int64': {
      const out = new Int32Array(d.length);
      for (let i = 0; i < d.length; i++) {
        const v = d[i]!;
        if (v < -2147483648 || v > 2147483647) {
          throw new RangeError(`${what}: int64 value ${v} does not fit in 32 bits; WebGPU stores int64 as int32 (WGSL has no 64-bit integers)`);
        }
        out[i] = v;
      }
      return out;
    }
    case 'float64':
      throw new TypeError(`${what}: float64 cannot be stored on a WebGPU device (WGSL has no f64)`);
  }
}

/**
 * An NDArray of `dtype` from `size` elements read back from the device, starting at byte `at`
 * (a multiple of 4); float16 on a packed device is decoded from binary16 encodings.
 */
export function fromDevice(words: ArrayBuffer, dtype: DType, shape: readonly number[], size: number, at = 0, packedF16 = false): NDArray {
  const out = new NDArray(dtype, shape);
  const dst: TypedArray = out.data;
  if (dtype === 'float16' && packedF16) {
    unpackF16(new Uint16Array(words, at, size), dst as Float32Array<ArrayBuffer>);
    return out;
  }
  switch (STORAGE_TYPE[dtype]) {
    case 'f32': dst.set(new Float32Array(words, at, size)); break;
    case 'i32': dst.set(new Int32Array(words, at, size)); break;
    case 'u32': dst.set(new Uint32Array(words, at, size)); break;
    case null: throw new TypeError('float64 cannot be read from a WebGPU device');
  }
  return out;
}
