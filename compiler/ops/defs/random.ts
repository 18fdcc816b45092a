// Random draws from a counter-based generator state. A draw and the state's advance are two
// ops over the same state input, so state is an explicit input and update, never hidden.
import { draw, advance } from '../../../runtime/random/draw.ts';
import { isInt } from '../../../runtime/dtype.ts';
import { Constant, type Variable } from '../../graph.ts';
import { TensorType } from '../../type.ts';
import type { OpDef } from '../opdef.ts';
import { disconnected, zeroGrad } from '../../grad/nograd.ts';

function checkInputs(op: string, [state, ...rest]: readonly Variable[], nparams: number): Variable[] {
  if (state!.dtype !== 'uint32' || state!.ndim !== 1) throw new TypeError(`${op}: the generator state must be a uint32 vector, got ${state!.type}`);
  const dims = rest.slice(0, rest.length - nparams);
  dims.forEach((d, i) => {
    if (d.ndim !== 0 || !isInt(d.dtype)) throw new TypeError(`${op}: size entry ${i} must be an integer scalar, got ${d.type}`);
  });
  return dims;
}
const staticSize = (d: Variable) => (d instanceof Constant ? d.value.data[0]! : null);

export const random: OpDef<'random'> = {
  name: (p) => p.dist,
  label: (p) => `RandomFunction{${p.dist}}`,
  infer(inputs, p) {
    const dims = checkInputs(p.dist, inputs, 2);
    const shape = dims.map(staticSize);
    return [new TensorType(p.dtype, shape.map((s) => s === 1), shape)];
  },
  perform([state, ...rest], p) {
    const [a, b] = rest.slice(-2);
    return [draw(p.dist, state!, rest.slice(0, -2).map((d) => d.data[0]!), a!.data[0]!, b!.data[0]!, p.dtype)[1]];
  },
  grad: (inputs) => inputs.map((_, i) => (i === 0 ? disconnected('random: the state is not differentiable') : zeroGrad('random: draws have no gradient'))),
};

export const rng_advance: OpDef<'rng_advance'> = {
  name: () => 'rng_advance',
  label: (p) => `RandomStateUpdate{${p.dist}}`,
  infer(inputs, p) {
    checkInputs('rng_advance', inputs, 1);
    return [new TensorType('uint32', [false], [4])];
  },
  perform([state, ...rest], p) {
    const a = rest[rest.length - 1]!;
    return [advance(p.dist, state!, rest.slice(0, -1).map((d) => d.data[0]!), a.data[0]!, p.dtype)];
  },
  grad: (inputs) => inputs.map(() => disconnected('rng_advance: generator state has no gradient')),
};
