// The value of a random variable's `rng` shared variable: the generator's key and the 64-bit
// counter of the next block, as four uint32 words. It is an NDArray, so it lives in a shared
// container like any other state, with Theano's seed/getState/setState on top.
import { NDArray } from '../ndarray.ts';
import { deriveKey, keyFromSeed } from './philox.ts';

/** A snapshot of a generator: plain numbers, safe to store and restore. */
export interface RandomStateSnapshot { key: [number, number]; counter: [number, number] }

export class RandomState extends NDArray<'uint32', 1> {
  constructor(data?: Uint32Array) {
    super('uint32', [4], data ?? new Uint32Array(4));
  }

  static fromSeed(seed: number): RandomState {
    const s = new RandomState();
    s.seed(seed);
    return s;
  }

  /**
   * The state of the i-th variable of a stream seeded with `seed`: RandomStreams gives each of
   * its variables its own key this way, at creation and on `seed(n)`, in JIT and bundle alike.
   */
  static derived(seed: number, i: number): RandomState {
    const [k0, k1] = deriveKey(seed, i);
    return new RandomState(new Uint32Array([k0, k1, 0, 0]));
  }

  /**
   * `v` as a RandomState over the same words (no copy), for values that lost the class on the
   * way (a device readback, a plain uint32 array from setValue).
   */
  static adopt(v: NDArray, what: string): RandomState {
    if (v instanceof RandomState) return v;
    if (v.dtype !== 'uint32' || v.size !== 4 || v.ndim !== 1) {
      throw new RangeError(`${what}: a generator state is 4 uint32 words (key, counter), got ${v.dtype} with shape (${v.shape.join(', ')})`);
    }
    return new RandomState(v.data as Uint32Array);
  }

  /** Reseed: a key from the seed and the counter back at 0. */
  seed(seed: number): void {
    const [k0, k1] = keyFromSeed(seed);
    this.data[0] = k0; this.data[1] = k1; this.data[2] = 0; this.data[3] = 0;
  }

  getState(): RandomStateSnapshot {
    const d = this.data;
    return { key: [d[0]!, d[1]!], counter: [d[2]!, d[3]!] };
  }

  setState(s: RandomStateSnapshot): void {
    if (!s || !Array.isArray(s.key) || !Array.isArray(s.counter)) {
      throw new TypeError('setState: expected a state from getState(), { key: [k0, k1], counter: [c0, c1] }');
    }
    this.data.set([s.key[0], s.key[1], s.counter[0], s.counter[1]]);
  }

  override copy(): RandomState {
    return new RandomState(this.data.slice());
  }
}
