import type { DType } from '../runtime/dtype.ts';
import type { NDArray } from '../runtime/ndarray.ts';
import type { SharedContainer } from '../runtime/shared.ts';
import { TensorType } from './type.ts';
import type { OpKind, OpParams } from './ops/params.ts';

let nextId = 1;

/** Where a variable came from in the user's template (carried through rewrites). */
export interface VarTag { loc?: unknown; [key: string]: unknown }

/** An operation with its parameters. Behaviour lives in the op table (ops/table.ts), keyed by `kind`. */
export class Op<K extends OpKind = OpKind> {
  readonly kind: K;
  readonly params: OpParams[K];
  /** What it computes, e.g. `mul`, `sum`, `dot` (set from the op table). */
  readonly name: string;
  /** Theano's longer spelling, e.g. `Elemwise{mul,no_inplace}`. */
  readonly label: string;
  constructor(kind: K, params: OpParams[K], name: string, label: string) {
    this.kind = kind;
    this.params = params;
    this.name = name;
    this.label = label;
  }
  /** Structural identity, used to merge equal nodes. */
  get key(): string { return `${this.kind}:${JSON.stringify(this.params)}`; }
  toString(): string { return this.label; }
}

/** The application of an op to input variables, producing output variables. */
export class Apply {
  readonly op: Op;
  readonly inputs: Variable[];
  readonly outputs: Variable[];
  constructor(op: Op, inputs: Variable[], outputTypes: readonly TensorType[]) {
    this.op = op;
    this.inputs = inputs;
    this.outputs = outputTypes.map((t, i) => new Variable(t, this, i));
  }
  toString(): string { return `${this.op.label}(${this.inputs.map((v) => v.toString()).join(', ')})`; }
}

/**
 * A symbolic tensor: an input (owner null), a constant, a shared variable or the output of an
 * Apply. The type parameters carry dtype and ndim into users' code.
 */
export class Variable<D extends DType = DType, N extends number = number> {
  readonly id: number;
  readonly type: TensorType;
  readonly owner: Apply | null;
  readonly index: number;
  name: string | null;
  readonly tag: VarTag = {};
  /** Type-only markers so `Variable<'float64', 2>` and `Variable<'float32', 1>` differ structurally. */
  declare readonly __dtype: D;
  declare readonly __ndim: N;

  constructor(type: TensorType, owner: Apply | null = null, index = 0, name: string | null = null) {
    this.id = nextId++;
    this.type = type;
    this.owner = owner;
    this.index = index;
    this.name = name;
  }

  get dtype(): D { return this.type.dtype as D; }
  get ndim(): N { return this.type.ndim as N; }
  get broadcastable(): readonly boolean[] { return this.type.broadcastable; }

  /** Theano's display: the name, or `Op.index`, or `<TensorType(...)>`. */
  toString(): string {
    if (this.name) return this.name;
    if (this.owner) return `${this.owner.op.label}.${this.index}`;
    return `<${this.type.toString()}>`;
  }
}

/** A variable with a fixed value embedded in the graph. */
export class Constant<D extends DType = DType, N extends number = number> extends Variable<D, N> {
  readonly value: NDArray;
  constructor(type: TensorType, value: NDArray, name: string | null = null) {
    super(type, null, 0, name);
    this.value = value;
  }
  override toString(): string {
    if (this.name) return this.name;
    const v = this.value;
    const body = v.size === 1 ? String(v.dtype === 'bool' ? v.data[0] !== 0 : v.data[0]) : v.size <= 8 ? JSON.stringify(v.toArray()) : '{...}';
    return `TensorConstant{${body}}`;
  }
}

/** A variable whose value lives between calls in a container shared by every function using it. */
export class SharedVariable<D extends DType = DType, N extends number = number> extends Variable<D, N> {
  readonly container: SharedContainer;
  constructor(type: TensorType, container: SharedContainer, name: string | null = null) {
    super(type, null, 0, name);
    this.container = container;
  }
  /** The current value: a copy unless `borrow` (then mutating it mutates the state). */
  getValue(options: { borrow?: boolean } = {}): NDArray<D, N> {
    return this.container.get(options.borrow ?? false) as NDArray<D, N>;
  }
  /** The current value wherever it lives: a WebGPU function's updates are read back from the device. */
  getValueAsync(options: { borrow?: boolean } = {}): Promise<NDArray<D, N>> {
    return this.container.getValueAsync(options) as Promise<NDArray<D, N>>;
  }
  /** Replace the value; it must have this variable's dtype and ndim (numbers and arrays are converted). */
  setValue(value: unknown, options: { borrow?: boolean } = {}): void {
    this.container.set(value, options.borrow ?? false);
  }
  override toString(): string { return this.name ?? `<${this.type.toString()}>`; }
}

export const isVariable = (v: unknown): v is Variable => v instanceof Variable;
