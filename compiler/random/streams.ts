// Theano's RandomStreams on a counter-based generator. Each random variable owns a shared
// `rng` state; its draw and its state update are graph nodes over that state, and the update
// is the shared variable's default update, which T.fn applies unless `noDefaultUpdates`.
import type { DType } from '../../runtime/dtype.ts';
import { isDType } from '../../runtime/dtype.ts';
import { RandomState } from '../../runtime/random/state.ts';
import type { Distribution } from '../../runtime/random/draw.ts';
import { config } from '../config.ts';
import { SharedVariable, Variable } from '../graph.ts';
import { asTensor, constant, op1 } from '../api/core.ts';
import { cast } from '../api/elemwise.ts';
import { shared } from '../api/variables.ts';
import type { Tensor } from '../api/types.ts';

/** A size: a list of numbers or int scalars, or an int vector such as `x.shape`. */
export type Size = number | readonly (number | Variable)[] | Variable;
type Len<S> = S extends number ? 1 : S extends readonly unknown[] ? S['length'] : number;

/** The shared variable holding a generator state; its value has seed/getState/setState. */
export type RngShared = Omit<SharedVariable<'uint32', 1>, 'getValue'> & { getValue(options?: { borrow?: boolean }): RandomState };

/** A random variable: a tensor with the shared generator state it draws from. */
export type RandomVariable<D extends DType, N extends number> = Tensor<D, N> & { readonly rng: RngShared };

declare module '../graph.ts' {
  interface SharedVariable<D, N> {
    /** The update T.fn applies when this shared variable appears in a graph (Theano's default_update). */
    defaultUpdate?: Variable;
  }
}

function sizeDims(size: Size, op: string): Variable[] {
  if (typeof size === 'number') return [constant(size, { dtype: 'int64' })];
  if (size instanceof Variable) {
    const n = size.type.shape[0];
    if (size.ndim !== 1 || n == null) throw new TypeError(`${op}: size must be a list or an int vector of known length, got ${size.type}`);
    return Array.from({ length: n }, (_, i) => op1('subtensor', { index: [{ kind: 'int', at: i }] }, [size]));
  }
  if (!Array.isArray(size)) throw new TypeError(`${op}: size must be a number, a list or an int vector, got ${typeof size}`);
  return size.map((d, i) => {
    if (typeof d === 'number') {
      if (!Number.isInteger(d) || d < 0) throw new TypeError(`${op}: size entry ${i} must be a non-negative integer, got ${d}`);
      return constant(d, { dtype: 'int64' });
    }
    return asTensor(d, op);
  });
}

const param = (v: number | Variable, op: string): Variable => {
  const t = asTensor(v, op);
  if (t.ndim !== 0) throw new TypeError(`${op}: distribution parameters must be scalars, got ${t.type}`);
  return t.dtype === 'float64' ? t : cast(t, 'float64');
};

export interface DrawOptions<D extends DType> { dtype?: D }

export class RandomStreams {
  private master: number;
  private readonly states: RngShared[] = [];
  /** `[rngShared, updateExpression]` for every variable drawn, in creation order. */
  readonly stateUpdates: [RngShared, Variable][] = [];

  constructor(seed = 12345) {
    if (!Number.isSafeInteger(seed)) throw new TypeError(`RandomStreams: seed must be an integer, got ${seed}`);
    this.master = seed;
  }

  /** The generator state of every variable drawn, in creation order (what a bundle carries of this object). */
  get rngs(): readonly RngShared[] { return this.states; }

  /** Reseed every variable made so far, each from its own seed derived from `seed`. */
  seed(seed: number): void {
    if (!Number.isSafeInteger(seed)) throw new TypeError(`seed: expected an integer, got ${seed}`);
    this.master = seed;
    this.states.forEach((r, i) => r.container.setValue(stateFor(seed, i), { borrow: true }));
  }

  private make(dist: Distribution, size: Size, a: number | Variable, b: number | Variable, dtype: DType, op: string): Variable {
    if (!isDType(dtype)) throw new TypeError(`${op}: unknown dtype ${JSON.stringify(dtype)}`);
    const dims = sizeDims(size, op);
    const rng = shared(stateFor(this.master, this.states.length), { name: `rng_${op}_${this.states.length}`, borrow: true }) as unknown as SharedVariable<'uint32', 1> & RngShared;
    const pa = param(a, op), pb = param(b, op);
    const sample = op1('random', { dist, dtype }, [rng, ...dims, pa, pb]);
    const next = op1('rng_advance', { dist, dtype }, [rng, ...dims, pa]);
    rng.defaultUpdate = next;
    this.states.push(rng);
    this.stateUpdates.push([rng, next]);
    Object.defineProperty(sample, 'rng', { value: rng, enumerable: false });
    return sample;
  }

  /** Uniform on [low, high). */
  uniform<const S extends Size, D extends DType = typeof config.floatX>(size: S, low: number | Variable = 0, high: number | Variable = 1, options: DrawOptions<D> = {}): RandomVariable<D, Len<S>> {
    return this.make('uniform', size, low, high, options.dtype ?? config.floatX, 'uniform') as never;
  }
  /** Normal with mean `avg` and standard deviation `std`. */
  normal<const S extends Size, D extends DType = typeof config.floatX>(size: S, avg: number | Variable = 0, std: number | Variable = 1, options: DrawOptions<D> = {}): RandomVariable<D, Len<S>> {
    return this.make('normal', size, avg, std, options.dtype ?? config.floatX, 'normal') as never;
  }
  /** Number of successes in `n` trials of probability `p` (n must be a constant). */
  binomial<const S extends Size, D extends DType = 'int64'>(size: S, n = 1, p: number | Variable = 0.5, options: DrawOptions<D> = {}): RandomVariable<D, Len<S>> {
    if (!Number.isInteger(n) || n < 0) throw new TypeError(`binomial: n must be a non-negative integer, got ${n}`);
    return this.make('binomial', size, n, p, options.dtype ?? 'int64', 'binomial') as never;
  }
  /** Integers in [low, high): high is exclusive. */
  integers<const S extends Size, D extends DType = 'int64'>(size: S, low: number, high: number, options: DrawOptions<D> = {}): RandomVariable<D, Len<S>> {
    if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
      throw new RangeError(`integers: expected integers low < high (high exclusive), got ${low} and ${high}`);
    }
    return this.make('integers', size, low, high, options.dtype ?? 'int64', 'integers') as never;
  }
}

/** Theano's MRG_RandomStreams: the same interface (and generator) here. */
export class MRG_RandomStreams extends RandomStreams {}

const stateFor = (seed: number, i: number): RandomState => RandomState.derived(seed, i);
