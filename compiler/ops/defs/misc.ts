import * as K from '../../../runtime/cpu/kernels.ts';
import { isInt } from '../../../runtime/dtype.ts';
import { TensorType } from '../../type.ts';
import { Constant, type Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import { fmtShape } from '../opdef.ts';

const constNum = (v: Variable): number | null => (v instanceof Constant && v.value.size === 1 ? v.value.data[0]! : null);

export const concatenate: OpDef<'concatenate'> = {
  name: () => 'concatenate',
  label: (p) => `Join{axis=${p.axis}}`,
  infer(xs, p) {
    if (xs.length === 0) throw new TypeError('concatenate: needs at least one tensor');
    const nd = xs[0]!.ndim;
    xs.forEach((v, i) => {
      if (v.ndim !== nd) throw new TypeError(`concatenate: input ${i} has ${v.ndim} dimensions, input 0 has ${nd}`);
      v.type.shape.forEach((s, d) => {
        const s0 = xs[0]!.type.shape[d];
        if (d !== p.axis && s != null && s0 != null && s !== s0) {
          throw new RangeError(`concatenate: input ${i} has shape ${fmtShape(v.type.shape)}, input 0 has ${fmtShape(xs[0]!.type.shape)}: they must match except on axis ${p.axis}`);
        }
      });
    });
    const shape = xs[0]!.type.shape.map((s, d) => {
      if (d !== p.axis) return xs.map((v) => v.type.shape[d]).find((x) => x != null) ?? null;
      return xs.every((v) => v.type.shape[d] != null) ? xs.reduce((a, v) => a + v.type.shape[d]!, 0) : null;
    });
    const bc = shape.map((s, d) => (d === p.axis ? s === 1 : xs.every((v) => v.type.broadcastable[d])));
    return [new TensorType(p.dtype, bc, shape)];
  },
  perform: (xs, p) => [K.concatenate(xs, p.axis, p.dtype)],
};

const sortType = (x: Variable, axis: number | null, dtype: TensorType['dtype']) =>
  axis === null ? new TensorType(dtype, [false]) : new TensorType(dtype, x.type.broadcastable, x.type.shape);

export const sort: OpDef<'sort'> = {
  name: () => 'sort',
  label: (p) => `Sort{axis=${p.axis}}`,
  infer: ([x], p) => [sortType(x!, p.axis, x!.dtype)],
  perform: ([x], p) => [K.sort(x!, p.axis)],
};

export const argsort: OpDef<'argsort'> = {
  name: () => 'argsort',
  label: (p) => `ArgSort{axis=${p.axis}}`,
  infer: ([x], p) => [sortType(x!, p.axis, 'int64')],
  perform: ([x], p) => [K.argsort(x!, p.axis)],
};

function checkIntScalars(op: string, vs: readonly Variable[], what: string): void {
  vs.forEach((v, i) => {
    if (v.ndim !== 0 || !isInt(v.dtype)) throw new TypeError(`${op}: ${what} ${i} must be an integer scalar, got ${v.type}`);
  });
}

export const alloc: OpDef<'alloc'> = {
  name: () => 'alloc',
  label: () => 'Alloc',
  infer([v, ...dims]) {
    if (v!.ndim !== 0) throw new TypeError(`alloc: the fill value must be a scalar, got ${v!.type}`);
    checkIntScalars('alloc', dims, 'dimension');
    const shape = dims.map(constNum);
    return [new TensorType(v!.dtype, shape.map((s) => s === 1), shape)];
  },
  perform: ([v, ...dims]) => [K.fill(dims.map((d) => d.data[0]!), v!.data[0]!, v!.dtype)],
};

export const arange: OpDef<'arange'> = {
  name: () => 'arange',
  label: (p) => `ARange{${p.dtype}}`,
  infer(xs, p) {
    xs.forEach((v, i) => {
      if (v.ndim !== 0) throw new TypeError(`arange: argument ${i} must be a scalar, got ${v.type}`);
    });
    const [a, b, c] = xs.map(constNum);
    const len = a != null && b != null && c != null && c !== 0 ? Math.max(0, Math.ceil((b - a) / c)) : null;
    return [new TensorType(p.dtype, [len === 1], [len])];
  },
  perform: ([a, b, c], p) => [K.arange(a!.data[0]!, b!.data[0]!, c!.data[0]!, p.dtype)],
};

export const eye: OpDef<'eye'> = {
  name: () => 'eye',
  label: (p) => `Eye{${p.dtype}}`,
  infer(xs, p) {
    checkIntScalars('eye', xs, 'argument');
    const [n, m] = xs.map(constNum);
    return [new TensorType(p.dtype, [n === 1, m === 1], [n ?? null, m ?? null])];
  },
  perform: ([n, m, k], p) => [K.eye(n!.data[0]!, m!.data[0]!, k!.data[0]!, p.dtype)],
};
