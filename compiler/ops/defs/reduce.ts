import * as K from '../../../runtime/cpu/kernels.ts';
import { TensorType } from '../../type.ts';
import type { OpDef } from '../opdef.ts';

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
};

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
};
