// The value of a random variable's `rng` shared variable: the generator's key and the 64-bit
// counter of the next block, as four uint32 words. It is an NDArray, so it lives in a shared
// container like any other state, with Theano's seed/getState/setState on top.
import { NDArray } from '../ndarray.ts';
import { keyFromSeed } from './philox.ts';

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
