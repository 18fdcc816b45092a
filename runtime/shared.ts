import type { DType } from './dtype.ts';
import { NDArray, asarray, isTypedArray, inferDType, type ArrayLike } from './ndarray.ts';
import { canCastSafely, isFloat } from './dtype.ts';
import { RandomState } from './random/state.ts';

/**
 * A copy of the value a backend keeps elsewhere (WebGPU keeps it on the device, where its
 * updates happen). The container asks it before handing out or replacing the host value.
 */
export interface ValueMirror {
  /** The newest value exists only in the mirror: the host value is stale until `pull`. */
  readonly ahead: boolean;
  /** The host value was replaced: the mirror's copy is out of date. */
  invalidate(): void;
  /** Bring the newest value to the host (through `pulled`). */
  pull(): Promise<void>;
}

/**
 * The value cell behind a shared variable. Functions read and replace `value`; the cell
 * enforces its dtype and ndim so a bad `setValue` never corrupts state.
 */
export class SharedContainer {
  readonly name: string;
  readonly dtype: DType;
  readonly ndim: number;
  /** Axes declared broadcastable must keep size 1. */
  readonly broadcastable: readonly boolean[];
  private current: NDArray;
  /** Set by a backend that keeps its own copy (see ValueMirror). */
  mirror: ValueMirror | null = null;
  /**
   * A random variable's generator state: every value it takes stays a RandomState, so
   * `getValue().seed(n)` works after a kernel, a device readback or a setValue of plain words.
   */
  readonly holdsRandomState: boolean;

  constructor(name: string, value: NDArray, broadcastable?: readonly boolean[]) {
    this.name = name;
    this.dtype = value.dtype;
    this.ndim = value.ndim;
    this.broadcastable = broadcastable ?? value.shape.map(() => false);
    this.holdsRandomState = value instanceof RandomState;
    this.current = value;
  }

  /** The host value; throws while a newer one exists only on a device (a stale read would be silent). */
  get value(): NDArray {
    if (this.mirror !== null && this.mirror.ahead) {
      throw new Error(`shared variable '${this.name}': its newest value is on the WebGPU device (a WebGPU function updated it); ` +
        `read it with \`await v.getValueAsync()\``);
    }
    return this.current;
  }

  set value(v: NDArray) {
    this.current = this.keep(v);
    if (this.mirror !== null) this.mirror.invalidate();
  }

  /** The mirror brought its newest value to the host: the same value, so the mirror stays valid. */
  pulled(v: NDArray): void { this.current = this.keep(v); }

  private keep(v: NDArray): NDArray {
    return this.holdsRandomState && !(v instanceof RandomState) ? RandomState.adopt(v, `shared variable '${this.name}'`) : v;
  }

  /** The host value as it is, even if stale (for a mirror that needs it to upload). */
  peek(): NDArray { return this.current; }

  /** The current value: a copy unless `borrow`. */
  getValue(options: { borrow?: boolean } = {}): NDArray { return this.get(options.borrow ?? false); }
  /** The current value wherever it lives (a WebGPU device reads it back first). */
  async getValueAsync(options: { borrow?: boolean } = {}): Promise<NDArray> {
    if (this.mirror !== null && this.mirror.ahead) await this.mirror.pull();
    return this.get(options.borrow ?? false);
  }
  /** Replace the value (checked against this variable's dtype and ndim). */
  setValue(v: unknown, options: { borrow?: boolean } = {}): void { this.set(v, options.borrow ?? false); }

  get(borrow: boolean): NDArray {
    if (!borrow) return this.value.copy();
    const v = this.value;
    // the caller may change a borrowed value in place, which a device copy would not see
    if (this.mirror !== null) this.mirror.invalidate();
    return v;
  }

  set(v: unknown, borrow: boolean): void {
    this.value = this.coerce(v, borrow);
  }

  /** Convert and check a new value; throws naming this variable, expected and actual. */
  coerce(v: unknown, borrow = false): NDArray {
    const what = `shared variable '${this.name}'`;
    let a: NDArray;
    if (v instanceof NDArray || isTypedArray(v)) {
      const src = v instanceof NDArray ? v : asarray(v);
      if (src.dtype !== this.dtype) {
        if (!canCastSafely(src.dtype, this.dtype)) {
          throw new TypeError(`${what}: expected dtype ${this.dtype}, got ${src.dtype}, which would lose precision; cast it first`);
        }
        a = src.astype(this.dtype);
      } else {
        a = borrow && v instanceof NDArray ? src : src.copy();
      }
    } else if (typeof v === 'number' || typeof v === 'boolean' || Array.isArray(v)) {
      const inferred = inferDType(v);
      if (inferred === 'float64' && !isFloat(this.dtype)) {
        throw new TypeError(`${what}: expected dtype ${this.dtype}, got fractional numbers; round or cast them first`);
      }
      a = asarray(v as ArrayLike, { dtype: this.dtype });
    } else {
      throw new TypeError(`${what}: expected an NDArray, typed array, number or nested array, got ${v === null ? 'null' : typeof v}`);
    }
    if (a.ndim !== this.ndim) {
      throw new TypeError(`${what}: expected ${this.ndim}-d value, got ${a.ndim}-d with shape (${a.shape.join(', ')})`);
    }
    this.broadcastable.forEach((b, i) => {
      if (b && a.shape[i] !== 1) throw new RangeError(`${what}: axis ${i} is broadcastable and must have size 1, got ${a.shape[i]}`);
    });
    return a;
  }
}
