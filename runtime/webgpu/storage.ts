// How each dtype is stored on the device. WGSL has 32-bit lanes only: narrow integers are
// widened, bool is a 0/1 u32, float64 has no representation, and int64 is 32-bit (values are
// range-checked where they enter, and the compiler refuses ops that could leave the range).
import type { DType, TypedArray } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';

export type Storage = 'f32' | 'i32' | 'u32';

export const STORAGE_TYPE: { [D in DType]: Storage | null } = {
  bool: 'u32', int8: 'i32', int16: 'i32', int32: 'i32', int64: 'i32', uint8: 'u32', uint32: 'u32', float16: 'f32', float32: 'f32', float64: null,
};

/** Every device element is 4 bytes. */
export const BYTES = 4;

/** The 32-bit words to upload for an array, converting (and range-checking int64) where needed. */
export function toDevice(a: NDArray, what: string): Float32Array | Int32Array | Uint32Array {
  const d = a.data;
  switch (a.dtype) {
    case 'float16': case 'float32': case 'int32': case 'uint32': return d as Float32Array | Int32Array | Uint32Array;
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

/** An NDArray of `dtype` from `size` words read back from the device, starting at byte `at`. */
export function fromDevice(words: ArrayBuffer, dtype: DType, shape: readonly number[], size: number, at = 0): NDArray {
  const out = new NDArray(dtype, shape);
  const dst: TypedArray = out.data;
  switch (STORAGE_TYPE[dtype]) {
    case 'f32': dst.set(new Float32Array(words, at, size)); break;
    case 'i32': dst.set(new Int32Array(words, at, size)); break;
    case 'u32': dst.set(new Uint32Array(words, at, size)); break;
    case null: throw new TypeError('float64 cannot be read from a WebGPU device');
  }
  return out;
}
