import { NDArray, sizeOf } from '../../../runtime/ndarray.ts';
import { isInt } from '../../../runtime/dtype.ts';
import * as K from '../../../runtime/cpu/kernels.ts';
import { resolveReshape } from '../../../runtime/cpu/helpers.ts';
import { Constant } from '../../graph.ts';
import { TensorType } from '../../type.ts';
import type { OpDef } from '../opdef.ts';
import { op1 } from '../../api/core.ts';
import * as S from '../../api/shape.ts';
import { disconnected } from '../../grad/nograd.ts';
import { shapeLike } from '../../grad/helpers.ts';

export const dimshuffle: OpDef<'dimshuffle'> = {
  name: () => 'dimshuffle',
  label: (p) => `DimShuffle{${p.pattern.join(',')}}`,
  infer([x], p) {
    const t = x!.type;
    if (t.ndim !== p.inputNdim) throw new TypeError(`dimshuffle: pattern is for a ${p.inputNdim}-d input, got ${t.ndim}-d`);
    const used = new Set<number>();
    for (const e of p.pattern) {
      if (e === 'x') continue;
      if (!Number.isInteger(e) || e < 0 || e >= t.ndim) throw new RangeError(`dimshuffle: axis ${e} is out of range for a ${t.ndim}-d input`);
      if (used.has(e)) throw new RangeError(`dimshuffle: axis ${e} appears twice in (${p.pattern.join(', ')})`);
      used.add(e);
    }
    for (let d = 0; d < t.ndim; d++) {
      if (!used.has(d) && !t.broadcastable[d]) {
        throw new TypeError(`dimshuffle: cannot drop axis ${d} of ${t}: only broadcastable axes can be dropped`);
      }
    }
    const bc = p.pattern.map((e) => (e === 'x' ? true : t.broadcastable[e]!));
    const shape = p.pattern.map((e) => (e === 'x' ? 1 : t.shape[e]!));
    return [new TensorType(t.dtype, bc, shape)];
  },
  perform: ([x], p) => [K.dimshuffle(x!, p.pattern)],
  grad([x], _o, [gz], p) {
    // inverse permutation; input axes that were dropped were broadcastable, so re-insert them
    const back: (number | 'x')[] = Array.from({ length: x!.ndim }, (): number | 'x' => 'x');
    p.pattern.forEach((e, j) => { if (e !== 'x') back[e] = j; });
    return [op1('dimshuffle', { pattern: back, inputNdim: gz!.ndim }, [gz!])];
  },
};

export const reshape: OpDef<'reshape'> = {
  name: () => 'reshape',
  label: (p) => `Reshape{${p.ndim}}`,
  infer([x, s], p) {
    if (s!.ndim !== 1 || !isInt(s!.dtype)) throw new TypeError(`reshape: the shape must be an integer vector, got ${s!.type}`);
    let shape: (number | null)[] = new Array<number | null>(p.ndim).fill(null);
    if (s instanceof Constant) {
      const req = Array.from(s.value.data);
      if (req.length !== p.ndim) throw new TypeError(`reshape: shape has ${req.length} entries for ndim ${p.ndim}`);
      if (req.filter((v) => v === -1).length > 1) throw new RangeError('reshape: can only specify one unknown dimension (-1)');
      const known = x!.type.shape.every((d) => d !== null);
      shape = known ? resolveReshape(sizeOf(x!.type.shape as number[]), req, x!.type.shape as number[]) : req.map((v) => (v === -1 ? null : v));
    }
    return [new TensorType(x!.dtype, shape.map((d) => d === 1), shape)];
  },
  perform([x, s]) {
    const shape = resolveReshape(x!.size, Array.from(s!.data), x!.shape);
    return [new NDArray(x!.dtype, shape, x!.data)];
  },
  grad: ([x], _o, [gz]) => [S.reshape(gz!, shapeLike(x!)), disconnected('reshape: the target shape')],
};

export const shape: OpDef<'shape'> = {
  name: () => 'shape',
  label: () => 'Shape',
  infer: ([x]) => [new TensorType('int64', [false], [x!.ndim])],
  perform: ([x]) => [new NDArray('int64', [x!.ndim], Float64Array.from(x!.shape))],
  grad: () => [disconnected('shape: depends only on the size of x')],
};
