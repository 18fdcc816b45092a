import * as K from '../../../runtime/cpu/kernels.ts';
import { isFloat, isInt } from '../../../runtime/dtype.ts';
import { TensorType } from '../../type.ts';
import { Constant, type Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import { fmtShape } from '../opdef.ts';
import * as C from '../../api/creation.ts';
import * as E from '../../api/elemwise.ts';
import * as I from '../../api/indexing.ts';
import * as L from '../../api/linalg.ts';
import * as R from '../../api/reduce.ts';
import * as S from '../../api/shape.ts';
import { disconnected, zeroGrad } from '../../grad/nograd.ts';
import { shapeLike } from '../../grad/helpers.ts';

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
  grad(xs, _o, [gz], p) {
    // each input gets its own slice of gz along the axis
    let start: number | Variable = 0;
    return xs.map((x) => {
      const size = x.type.shape[p.axis] ?? S.dimSize(x, p.axis);
      const stop: number | Variable = typeof start === 'number' && typeof size === 'number' ? start + size : E.add(start, size);
      const entries = Array.from({ length: p.axis }, () => I.slice());
      const g = I.subtensor(gz!, [...entries, I.slice(start, stop)]);
      start = stop;
      return g;
    });
  },
};

const sortType = (x: Variable, axis: number | null, dtype: TensorType['dtype']) =>
  axis === null ? new TensorType(dtype, [false]) : new TensorType(dtype, x.type.broadcastable, x.type.shape);

export const sort: OpDef<'sort'> = {
  name: () => 'sort',
  label: (p) => `Sort{axis=${p.axis}}`,
  infer: ([x], p) => [sortType(x!, p.axis, x!.dtype)],
  perform: ([x], p) => [K.sort(x!, p.axis)],
  grad: ([x], [out], [gz], p) => [sortGrad(x!, out!, gz!, p.axis)],
};

/** Each sorted element's gradient goes back to where argsort says it came from. */
function sortGrad(x: Variable, out: Variable, gz: Variable, axis: number | null): Variable {
  const order = L.argsort(x, { axis });
  if (axis === null || x.ndim === 1) {
    const flat = I.inc_subtensor(I.subtensor(C.zeros_like(out, { dtype: gz.dtype }), [order]), gz);
    return axis === null ? S.reshape(flat, shapeLike(x)) : flat;
  }
  // take_along_axis as integer-array indexing: aranges on the other axes, broadcast against order
  const index = x.type.shape.map((_, d) => {
    if (d === axis) return order;
    const pattern = x.type.shape.map((__, e) => (e === d ? 0 : 'x' as const));
    return S.dimshuffle(C.arange(S.dimSize(x, d)), ...pattern);
  });
  return I.inc_subtensor(I.subtensor(C.zeros_like(x, { dtype: gz.dtype }), index), gz);
}

export const argsort: OpDef<'argsort'> = {
  name: () => 'argsort',
  label: (p) => `ArgSort{axis=${p.axis}}`,
  infer: ([x], p) => [sortType(x!, p.axis, 'int64')],
  perform: ([x], p) => [K.argsort(x!, p.axis)],
  grad: () => [zeroGrad('argsort: integer output, piecewise constant')],
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
  // the value was copied into every element
  grad: ([, ...dims], _o, [gz]) => [R.sum(gz!), ...dims.map(() => disconnected('alloc: a dimension'))],
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
  grad(_ins, [out], [gz], p) {
    if (!isFloat(p.dtype)) return [0, 1, 2].map(() => zeroGrad('arange: integer output'));
    // out[i] = start + i * step; stop only decides the length, as in Theano
    const i = C.arange(S.dimSize(out!, 0), undefined, undefined, { dtype: p.dtype });
    return [R.sum(gz!), disconnected('arange: stop only sets the length'), R.sum(E.mul(gz!, i))];
  },
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
  grad: () => [0, 1, 2].map(() => zeroGrad('eye: integer sizes and offset')),
};
