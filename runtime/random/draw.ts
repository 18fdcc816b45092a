// Drawing from a random state on the CPU. Every backend maps elements to generator words the
// same way: element i reads `lanes` consecutive words of the stream, word w being word (w % 4)
// of the block at counter (state counter + floor(w / 4)). So uniform draws are bit-identical
// across backends, and the new state's counter moves past the blocks used.
import type { DType } from '../dtype.ts';
import { castScalar } from '../dtype.ts';
import { NDArray, sizeOf } from '../ndarray.ts';
import { philox4x32, mulhi32 } from './philox.ts';
import { RandomState } from './state.ts';

export type Distribution = 'uniform' | 'normal' | 'binomial' | 'integers';

const TWO_M24 = 2 ** -24, TWO_M53 = 2 ** -53;

/** Generator words each element consumes. */
export function lanesPerElement(dist: Distribution, dtype: DType, a: number): number {
  switch (dist) {
    case 'uniform': return dtype === 'float64' ? 2 : 1;
    case 'normal': return dtype === 'float64' ? 4 : 2;
    case 'integers': return 1;
    case 'binomial': return Math.max(1, a);
  }
}

/** The state after drawing `shape` values: same key, counter past the blocks the draw reads. */
export function advance(dist: Distribution, state: NDArray, shape: readonly number[], a: number, dtype: DType): RandomState {
  const s = state.data as Uint32Array;
  const blocks = Math.ceil((sizeOf(shape) * lanesPerElement(dist, dtype, a)) / 4);
  const base = s[2]! + s[3]! * 4294967296 + blocks;
  return new RandomState(new Uint32Array([s[0]!, s[1]!, base % 4294967296 >>> 0, Math.floor(base / 4294967296) >>> 0]));
}

/** A uniform in [0, 1) with 24 bits (float32 draws). */
export const unit24 = (x: number) => (x >>> 8) * TWO_M24;
/** A uniform in [0, 1) with 53 bits from two words (float64 draws). */
export const unit53 = (x: number, y: number) => ((x >>> 5) * 67108864 + (y >>> 6)) * TWO_M53;

export function checkParams(dist: Distribution, a: number, b: number): void {
  const bad = (why: string) => { throw new RangeError(`random ${dist}: ${why}`); };
  if (dist === 'normal' && !(b >= 0)) bad(`std must be >= 0, got ${b}`);
  if (dist === 'integers') {
    if (!Number.isInteger(a) || !Number.isInteger(b)) bad(`low and high must be integers, got ${a} and ${b}`);
    if (b <= a) bad(`high (${b}) must be greater than low (${a}); high is exclusive`);
    if (b - a > 4294967296) bad(`the range high - low must be at most 2^32, got ${b - a}`);
  }
  if (dist === 'binomial') {
    if (!Number.isInteger(a) || a < 0) bad(`n must be a non-negative integer, got ${a}`);
    if (!(b >= 0 && b <= 1)) bad(`p must be in [0, 1], got ${b}`);
  }
}

/**
 * Draw `shape` values of `dist` with parameters (a, b) — uniform(low, high), normal(avg, std),
 * binomial(n, p), integers(low, high exclusive) — returning the advanced state and the sample.
 */
export function draw(dist: Distribution, state: NDArray, shape: readonly number[], a: number, b: number, dtype: DType): [RandomState, NDArray] {
  checkParams(dist, a, b);
  const s = state.data as Uint32Array;
  const k0 = s[0]!, k1 = s[1]!;
  let lo = s[2]!, hi = s[3]!;
  const n = sizeOf(shape);
  const out = new NDArray(dtype, shape);
  const o = out.data;
  const buf = new Uint32Array(4);
  let w = 4; // words left unread in buf
  const next = (): number => {
    if (w === 4) {
      philox4x32(lo, hi, 0, 0, k0, k1, buf);
      lo = (lo + 1) >>> 0;
      if (lo === 0) hi = (hi + 1) >>> 0;
      w = 0;
    }
    return buf[w++]!;
  };
  // float16 draws are float32 draws rounded; uniform ones take 11 bits so none rounds up to 1
  const f16 = dtype === 'float16', f32 = f16 || dtype === 'float32';
  const range = b - a;
  for (let i = 0; i < n; i++) {
    let v: number;
    switch (dist) {
      case 'uniform': {
        if (f32) {
          const u = f16 ? (next() >>> 21) * 0.00048828125 : unit24(next());
          v = Math.fround(Math.fround(u * Math.fround(range)) + Math.fround(a));
        } else {
          const x = next();
          v = a + unit53(x, next()) * range;
        }
        break;
      }
      case 'normal': {
        const u1 = f32 ? 1 - unit24(next()) : 1 - unit53(next(), next());
        const u2 = f32 ? unit24(next()) : unit53(next(), next());
        v = a + b * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        break;
      }
      case 'integers': {
        const x = next();
        v = a + (range === 4294967296 ? x : mulhi32(x, range));
        break;
      }
      case 'binomial': {
        let c = 0;
        for (let t = 0; t < a; t++) if (unit24(next()) < b) c++;
        if (a === 0) next();
        v = c;
        break;
      }
    }
    o[i] = castScalar(v, dtype);
  }
  // the counter always moves by whole blocks, whatever was left unread
  return [advance(dist, state, shape, a, dtype), out];
}
