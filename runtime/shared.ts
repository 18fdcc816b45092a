import type { DType } from './dtype.ts';
import { NDArray, asarray, isTypedArray, inferDType, type ArrayLike } from './ndarray.ts';
import { canCastSafely } from './dtype.ts';

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
  value: NDArray;

  constructor(name: string, value: NDArray, broadcastable?: readonly boolean[]) {
    this.name = name;
    this.dtype = value.dtype;
    this.ndim = value.ndim;
    this.broadcastable = broadcastable ?? value.shape.map(() => false);
    this.value = value;
  }

  /** The current value: a copy unless `borrow`. */
  getValue(options: { borrow?: boolean } = {}): NDArray { return this.get(options.borrow ?? false); }
  /** Replace the value (checked against this variable's dtype and ndim). */
  setValue(v: unknown, options: { borrow?: boolean } = {}): void { this.set(v, options.borrow ?? false); }

  get(borrow: boolean): NDArray {
    return borrow ? this.value : this.value.copy();
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
      if (inferred === 'float64' && this.dtype !== 'float64' && this.dtype !== 'float32') {
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
