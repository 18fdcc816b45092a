// IEEE 754 binary16 ("half", numpy's float16) without Float16Array: Node 20 has neither it nor
// Math.f16round. A float16 array is stored in a Float32Array whose every element is a binary16
// value, so kernels read it like float32 and round where they store (roundF16). The bit
// conversions are for formats that carry the 16-bit encoding itself.

/** Largest finite binary16 value. */
export const F16_MAX = 65504;
/** Smallest positive normal binary16 value, 2^-14. */
export const F16_MIN_NORMAL = 6.103515625e-5;
/** binary16 machine epsilon, 2^-10. */
export const F16_EPS = 0.0009765625;

// adding then subtracting 2^52 rounds a value in [0, 2^52) to an integer, ties to even
const ROUND = 4503599627370496;

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/**
 * The binary16 value nearest `x` (ties to even), as a JS number; overflow gives ±Infinity.
 * Through float32's bits, which is fast: rounding x to float32 first changes the result only
 * where it lands exactly on a binary16 midpoint (13 low bits 0x1000) that x is not on, and there
 * the answer is the neighbour on x's side. Subnormals round from x itself.
 */
export function roundF16(x: number): number {
  f32[0] = x;
  let b = f32Bits[0]!;
  const a = b & 0x7fffffff;
  if (a >= 0x477ff000) {
    if (a > 0x7f800000) return NaN;
    // 65520, the midpoint to overflow: a value below it that float32 rounded up stays finite
    if (a === 0x477ff000 && (x < 0 ? -x : x) < 65520) return x < 0 ? -F16_MAX : F16_MAX;
    return x < 0 ? -Infinity : Infinity;
  }
  if (a < 0x38800000) {
    if (x === 0) return x;
    // subnormals are multiples of 2^-24
    const m = x < 0 ? -x : x;
    const r = ((m * 16777216 + ROUND) - ROUND) / 16777216;
    return x < 0 ? -r : r;
  }
  if ((b & 0x1fff) === 0x1000 && f32[0] !== x) {
    const y = f32[0]!;
    b = (x < 0 ? -x : x) > (y < 0 ? -y : y) ? b + 0x1000 : b - 0x1000;
  } else {
    b = (b + 0xfff + ((b >>> 13) & 1)) & 0xffffe000;
  }
  f32Bits[0] = b;
  return f32[0]!;
}

/** Round every element of a float16 buffer in place; returns it. */
export function roundF16Array<A extends Float32Array | Float64Array>(a: A): A {
  for (let i = 0; i < a.length; i++) a[i] = roundF16(a[i]!);
  return a;
}

/** Is `x` exactly a binary16 value (NaN and ±Infinity included)? */
export const isF16 = (x: number): boolean => x !== x || Object.is(roundF16(x), x);

/** The 16-bit encoding of a binary16 value (`x` is rounded first). */
export function f16Bits(x: number): number {
  f32[0] = roundF16(x);
  const b = f32Bits[0]!;
  const sign = (b >>> 16) & 0x8000, a = b & 0x7fffffff;
  if (a > 0x7f800000) return 0x7e00;
  if (a === 0x7f800000) return sign | 0x7c00;
  // subnormals are multiples of 2^-24; normals move float32's exponent bias (127) to 15
  if (a < 0x38800000) return sign | (f32[0]! * (sign ? -16777216 : 16777216));
  return sign | ((a - 0x38000000) >>> 13);
}

/** The value a 16-bit binary16 encoding stands for. */
export function fromF16Bits(h: number): number {
  const e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return (h & 0x8000 ? -m : m) * 5.960464477539063e-8;
  if (e === 31) return m ? NaN : h & 0x8000 ? -Infinity : Infinity;
  f32Bits[0] = ((h & 0x8000) << 16) | ((e + 112) << 23) | (m << 13);
  return f32[0]!;
}

/** Encode a float16 array's values as 16-bit words. */
export function packF16(src: ArrayLike<number>, dst = new Uint16Array(src.length)): Uint16Array {
  for (let i = 0; i < src.length; i++) dst[i] = f16Bits(src[i]!);
  return dst;
}

/** Decode 16-bit words into a float16 array's storage. */
export function unpackF16(src: Uint16Array, dst = new Float32Array(src.length)): Float32Array {
  for (let i = 0; i < src.length; i++) dst[i] = fromF16Bits(src[i]!);
  return dst;
}
