// Philox4x32-10 (Salmon et al., SC'11): a counter-based generator using only 32-bit integer
// arithmetic, so JS, WGSL and GLSL kernels produce the same bits from the same counter and key.

const M0 = 0xd2511f53, M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9, W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32s (exact, via 16-bit halves). */
export function mulhi32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const lo = a0 * b0;
  const mid1 = a1 * b0 + (lo >>> 16);
  const mid2 = a0 * b1 + (mid1 & 0xffff);
  return (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16)) >>> 0;
}

/**
 * One Philox4x32-10 block: counter (c0..c3) and key (k0, k1) to four uint32 words, written to
 * `out` at `at`. The counter is the draw's position, so any element can be computed alone.
 */
export function philox4x32(c0: number, c1: number, c2: number, c3: number, k0: number, k1: number, out: Uint32Array, at = 0): void {
  for (let r = 0; r < 10; r++) {
    const hi0 = mulhi32(M0, c0), lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulhi32(M1, c2), lo1 = Math.imul(M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  out[at] = c0; out[at + 1] = c1; out[at + 2] = c2; out[at + 3] = c3;
}

/** A key from a JS integer seed (the low and high 32 bits of a safe integer). */
export function keyFromSeed(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed)) throw new TypeError(`seed: expected an integer, got ${seed}`);
  const s = seed < 0 ? seed + 2 ** 53 : seed;
  return [s % 4294967296 >>> 0, Math.floor(s / 4294967296) >>> 0];
}

/** The i-th seed derived from a master seed: distinct streams for each random variable. */
export function deriveKey(seed: number, i: number): [number, number] {
  const [k0, k1] = keyFromSeed(seed);
  const out = new Uint32Array(4);
  philox4x32(i >>> 0, Math.floor(i / 4294967296) >>> 0, 0x5eed, 0, k0, k1, out);
  return [out[0]!, out[1]!];
}
