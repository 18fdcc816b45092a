// A RandomStreams object as a bundle carries it: the generator states of the variables it drew,
// with Theano's `seed(n)` and `stateUpdates`. The draws themselves are compiled into the
// functions that use them; this handle only reaches their states, so nothing symbolic ships.
import type { SharedContainer } from '../shared.ts';
import { RandomState } from './state.ts';

export class RandomStreamsHandle {
  /** Each variable's generator state, in the order the streams object drew them. */
  readonly rngs: readonly SharedContainer[];
  /**
   * `[state, update]` per variable, as at build time; the update expression exists only while
   * graphs are built, so here it is `null` (copying states between streams needs only `[0]`).
   */
  readonly stateUpdates: readonly (readonly [SharedContainer, null])[];

  constructor(rngs: readonly SharedContainer[]) {
    this.rngs = rngs;
    this.stateUpdates = rngs.map((r) => [r, null] as const);
  }

  /** Reseed every variable, each from its own seed derived from `seed` (as the build-time object does). */
  seed(seed: number): void {
    if (!Number.isSafeInteger(seed)) throw new TypeError(`seed: expected an integer, got ${seed}`);
    this.rngs.forEach((r, i) => r.setValue(RandomState.derived(seed, i), { borrow: true }));
  }
}

/** The bundled form of a graph module's RandomStreams export. */
export const randomStreams = (rngs: readonly SharedContainer[]): RandomStreamsHandle => new RandomStreamsHandle(rngs);
