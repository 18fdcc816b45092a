// IEEE 754 binary16 ("half", numpy's float16) without Float16Array: Node 20 has neither it nor
// Math.f16round. A float16 array is stored in a Float32Array whose every element is a binary16
// value, so kernels read it like float32 and round where they store (roundF16). The bit
// conversions are for formats that carry the 16-bit encoding itself.

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Largest finite binary16 value. */
export const F16_MAX = 65504;
/** Smallest positive normal binary16 value, 2^-14. */
export const F16_MIN_NORMAL = 6.103515625e-5;
/** binary16 machine epsilon, 2^-10. */
export const F16_EPS = 0.0009765625;

// adding then subtracting 2^52 rounds a value in [0, 2^52) to an integer, ties to even
const ROUND = 4503599627370496;

/** 2^k for an integer k in the float64 normal range, built from its bits. */
function pow2(k: number): number {
  words[HI] = (k + 1023) << 20;
  words[1 - HI] = 0;
  return scratch[0]!;
}

/** The binary16 value nearest `x` (ties to even), as a JS number; overflow gives ±Infinity. */
export function roundF16(x: number): number {
  const a = x < 0 ? -x : x;
  if (!(a < 65520)) return a === a ? (x < 0 ? -Infinity : Infinity) : NaN;
  if (a === 0) return x;
  let r: number;
  if (a < F16_MIN_NORMAL) {
    // subnormals are multiples of 2^-24
    r = ((a * 16777216 + ROUND) - ROUND) / 16777216;
  } else {
    scratch[0] = a;
    const e = (words[HI]! >>> 20) - 1023;
    // scale so the 11 significant bits are the integer part
    const up = pow2(10 - e);
    r = ((a * up + ROUND) - ROUND) / up;
  }
  return x < 0 ? -r : r;
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
  const v = roundF16(x);
  const sign = v < 0 || Object.is(v, -0) ? 0x8000 : 0;
  const a = v < 0 ? -v : v;
  if (a !== a) return 0x7e00;
  if (a === Infinity) return sign | 0x7c00;
  if (a < F16_MIN_NORMAL) return sign | (a * 16777216);
  scratch[0] = a;
  const e = (words[HI]! >>> 20) - 1023;
  return sign | ((e + 15) << 10) | (a * pow2(10 - e) - 1024);
}

/** The value a 16-bit binary16 encoding stands for. */
export function fromF16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return sign * m * 5.960464477539063e-8;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1024 + m) * pow2(e - 25);
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
