import type { DType } from '../runtime/dtype.ts';

const NDIM_NAMES = ['scalar', 'vector', 'matrix', 'tensor3', 'tensor4'];

/**
 * A tensor type: dtype, number of dimensions, which dimensions broadcast, and static sizes
 * where known. Types are compared structurally (`equals`), not by identity.
 */
export class TensorType {
  readonly dtype: DType;
  readonly broadcastable: readonly boolean[];
  /** Static size per axis, or null where only known at run time. */
  readonly shape: readonly (number | null)[];

  constructor(dtype: DType, broadcastable: readonly boolean[], shape?: readonly (number | null)[]) {
    this.dtype = dtype;
    this.shape = shape ? shape.slice() : broadcastable.map((b) => (b ? 1 : null));
    this.broadcastable = broadcastable.map((b, i) => b || this.shape[i] === 1);
    if (this.shape.length !== this.broadcastable.length) throw new Error('TensorType: shape and broadcastable lengths differ');
  }

  get ndim(): number { return this.broadcastable.length; }

  static of(dtype: DType, ndim: number): TensorType {
    return new TensorType(dtype, new Array<boolean>(ndim).fill(false));
  }

  equals(o: TensorType): boolean {
    return this.dtype === o.dtype && this.ndim === o.ndim && this.broadcastable.every((b, i) => b === o.broadcastable[i]);
  }

  /** Can a value of type `o` stand where this type is expected (same dtype and ndim, compatible static sizes)? */
  accepts(o: TensorType): boolean {
    if (this.dtype !== o.dtype || this.ndim !== o.ndim) return false;
    return this.shape.every((s, i) => s === null || o.shape[i] === null || s === o.shape[i]);
  }

  withDType(dtype: DType): TensorType { return new TensorType(dtype, this.broadcastable, this.shape); }

  /** `TensorType(float64, matrix)`, or with a broadcastable pattern `TensorType(float64, (True, False))`. */
  toString(): string {
    const n = this.ndim;
    const plain = this.broadcastable.every((b) => !b) || (n === 0);
    if (plain && n < NDIM_NAMES.length) return `TensorType(${this.dtype}, ${NDIM_NAMES[n]})`;
    if (n === 1 && this.broadcastable[0]) return `TensorType(${this.dtype}, (True,))`;
    if (n === 2 && this.broadcastable[0] && !this.broadcastable[1]) return `TensorType(${this.dtype}, row)`;
    if (n === 2 && !this.broadcastable[0] && this.broadcastable[1]) return `TensorType(${this.dtype}, col)`;
    const pat = this.broadcastable.map((b) => (b ? 'True' : 'False')).join(', ');
    return `TensorType(${this.dtype}, (${pat}${n === 1 ? ',' : ''}))`;
  }
}
