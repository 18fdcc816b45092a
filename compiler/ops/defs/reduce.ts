import * as K from '../../../runtime/cpu/kernels.ts';
import { TensorType } from '../../type.ts';
import type { Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import * as E from '../../api/elemwise.ts';
import * as R from '../../api/reduce.ts';
import { zeroGrad } from '../../grad/nograd.ts';
import { keepReduced } from '../../grad/helpers.ts';

function reducedType(t: TensorType, axes: readonly number[], keepdims: boolean, dtype: TensorType['dtype']): TensorType {
  const bc: boolean[] = [];
  const shape: (number | null)[] = [];
  for (let d = 0; d < t.ndim; d++) {
    if (axes.includes(d)) {
      if (keepdims) { bc.push(true); shape.push(1); }
    } else { bc.push(t.broadcastable[d]!); shape.push(t.shape[d]!); }
  }
  return new TensorType(dtype, bc, shape);
}

export const reduce: OpDef<'reduce'> = {
  name: (p) => p.op,
  label: (p) => `${p.op[0]!.toUpperCase()}${p.op.slice(1)}{axis=[${p.axes.join(', ')}]${p.keepdims ? ', keepdims' : ''}}`,
  infer: ([x], p) => [reducedType(x!.type, p.axes, p.keepdims, p.dtype)],
  perform: ([x], p) => [K.reduce(p.op, x!, p.axes, p.keepdims, p.dtype)],
  grad([x], [out], [gz], p) {
    if (p.op === 'all' || p.op === 'any') return [zeroGrad(`${p.op}: bool output`)];
    const g = keepReduced(gz!, p.axes, x!.ndim);
    const z = keepReduced(out!, p.axes, x!.ndim);
    switch (p.op) {
      case 'sum': return [E.fill(x!, g)];
      // every position equal to the extreme gets it (ties share, as in Theano)
      case 'max': case 'min': return [E.mul(g, E.eq(x!, z))];
      case 'prod': return [prodGrad(x!, z, g, p.axes)];
    }
  },
};

/**
 * d prod / d x_i is the product of the other factors. Dividing prod by x_i gives it only
 * without zeros; with one zero in a group, only that zero's position gets the product of
 * the rest; with two or more, every factor has another zero beside it and gets 0.
 */
function prodGrad(x: Variable, z: Variable, g: Variable, axes: number[]): Variable {
  const isZero = E.eq(x, 0);
  const zeros = R.sum(isZero, { axis: axes, keepdims: true });
  const others = R.prod(E.switch_(isZero, 1, x), { axis: axes, keepdims: true });
  const noZero = E.true_div(E.mul(g, z), x);
  const oneZero = E.switch_(isZero, E.mul(g, others), 0);
  return E.switch_(E.eq(zeros, 0), noZero, E.switch_(E.eq(zeros, 1), oneZero, 0));
}

export const argreduce: OpDef<'argreduce'> = {
  name: (p) => p.op,
  label: (p) => `${p.op === 'argmax' ? 'Argmax' : 'Argmin'}{axis=${p.axis === null ? 'None' : p.axis}}`,
  infer([x], p) {
    const t = x!.type;
    if (p.axis === null) {
      const nd = p.keepdims ? t.ndim : 0;
      return [new TensorType('int64', new Array<boolean>(nd).fill(true))];
    }
    return [reducedType(t, [p.axis], p.keepdims, 'int64')];
  },
  perform: ([x], p) => [K.argReduce(p.op, x!, p.axis, p.keepdims)],
  grad: (_i, _o, _g, p) => [zeroGrad(`${p.op}: integer output, piecewise constant`)],
};
