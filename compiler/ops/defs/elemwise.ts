import { NDArray, sizeOf } from '../../../runtime/ndarray.ts';
import { castScalar, isFloat } from '../../../runtime/dtype.ts';
import { TensorType } from '../../type.ts';
import type { OpDef } from '../opdef.ts';
import { fmtShape } from '../opdef.ts';
import { SCALAR_OPS, invertBool, scalarOp } from '../scalar.ts';
import { isNoGrad, zeroGrad } from '../../grad/nograd.ts';
import { undoBroadcast } from '../../grad/helpers.ts';

/** Runtime shape of an elementwise result; non-broadcastable axes must agree. */
export function elemwiseShape(shapes: readonly (readonly number[])[], op: string, names?: readonly string[]): number[] {
  const nd = shapes[0]!.length;
  const out = new Array<number>(nd).fill(1);
  for (let d = 0; d < nd; d++) {
    for (let i = 0; i < shapes.length; i++) {
      const s = shapes[i]![d]!;
      if (s === 1) continue;
      if (out[d] === 1) out[d] = s;
      else if (out[d] !== s) {
        const who = names ? ` (${names.join(', ')})` : '';
        throw new RangeError(`${op}: input shapes ${shapes.map((x) => fmtShape(x)).join(' and ')}${who} do not match on axis ${d}: ${out[d]} != ${s}`);
      }
    }
  }
  return out;
}

export const elemwise: OpDef<'elemwise'> = {
  name: (p) => (p.scalar === 'cast' ? `cast{${p.dtype}}` : p.scalar),
  label: (p) => `Elemwise{${p.scalar === 'cast' ? `Cast{${p.dtype}}` : p.scalar},no_inplace}`,
  infer(inputs, p) {
    const def = SCALAR_OPS[p.scalar];
    if (inputs.length !== def.arity) throw new TypeError(`${p.scalar}: expected ${def.arity} inputs, got ${inputs.length}`);
    const nd = inputs[0]!.ndim;
    for (const v of inputs) {
      if (v.ndim !== nd) throw new TypeError(`${p.scalar}: elementwise inputs must have equal ndim after broadcasting, got ${inputs.map((x) => x.ndim).join(', ')}`);
    }
    const shape: (number | null)[] = [];
    const bc: boolean[] = [];
    for (let d = 0; d < nd; d++) {
      const live = inputs.filter((v) => !v.type.broadcastable[d]);
      const known = [...new Set(live.map((v) => v.type.shape[d]).filter((s): s is number => s !== null))];
      if (known.length > 1) {
        throw new TypeError(`${p.scalar}: input shapes ${inputs.map((x) => fmtShape(x.type.shape)).join(' and ')} do not match on axis ${d}`);
      }
      bc.push(live.length === 0);
      shape.push(live.length === 0 ? 1 : known[0] ?? null);
    }
    return [new TensorType(p.dtype, bc, shape)];
  },
  perform(inputs, p) {
    const shape = elemwiseShape(inputs.map((a) => a.shape), p.scalar);
    const nd = shape.length;
    const n = sizeOf(shape);
    const out = new NDArray(p.dtype, shape);
    const impl = (p.scalar === 'invert' && p.dtype === 'bool' ? invertBool : SCALAR_OPS[p.scalar].impl) as (...xs: number[]) => number;
    // per-input strides with 0 on broadcast axes
    const strides = inputs.map((a) => {
      const st = new Array<number>(nd);
      let s = 1;
      for (let d = nd - 1; d >= 0; d--) { st[d] = a.shape[d] === 1 ? 0 : s; s *= a.shape[d]!; }
      return st;
    });
    const idx = new Array<number>(nd).fill(0);
    const args = new Array<number>(inputs.length);
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < inputs.length; i++) {
        let off = 0;
        for (let d = 0; d < nd; d++) off += idx[d]! * strides[i]![d]!;
        args[i] = inputs[i]!.data[off]!;
      }
      out.data[k] = castScalar(impl(...args), p.dtype);
      for (let d = nd - 1; d >= 0; d--) { if (++idx[d]! < shape[d]!) break; idx[d] = 0; }
    }
    return [out];
  },
  grad(inputs, [out], [gz], p) {
    const terms = scalarOp(p.scalar).grad(inputs, out!, gz!);
    if (terms.length !== inputs.length) throw new Error(`grad: the rule of ${p.scalar} gave ${terms.length} terms for ${inputs.length} inputs`);
    const discrete = !isFloat(out!.dtype);
    return terms.map((t, i) => {
      if (isNoGrad(t)) return t;
      return discrete ? zeroGrad(`${p.scalar}: ${out!.dtype} output`) : undoBroadcast(t, inputs[i]!);
    });
  },
};
