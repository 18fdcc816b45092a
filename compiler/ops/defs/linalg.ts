import * as K from '../../../runtime/cpu/kernels.ts';
import { TensorType } from '../../type.ts';
import type { Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import { fmtShape } from '../opdef.ts';

type Dim = { bc: boolean; size: number | null };
const dims = (v: Variable): Dim[] => v.type.shape.map((s, i) => ({ bc: v.type.broadcastable[i]!, size: s }));
const mk = (dtype: TensorType['dtype'], ds: Dim[]) => new TensorType(dtype, ds.map((d) => d.bc), ds.map((d) => d.size));

function checkAligned(op: string, a: Variable, b: Variable, ia: number, ib: number): void {
  const sa = a.type.shape[ia], sb = b.type.shape[ib];
  if (sa != null && sb != null && sa !== sb) {
    throw new RangeError(`${op}: shapes ${fmtShape(a.type.shape)} and ${fmtShape(b.type.shape)} not aligned: ${sa} (dim ${ia}) != ${sb} (dim ${ib})`);
  }
}

export const dot: OpDef<'dot'> = {
  name: () => 'dot',
  label: () => 'dot',
  infer([a, b], p) {
    const na = a!.ndim, nb = b!.ndim;
    if (na === 0) return [mk(p.dtype, dims(b!))];
    if (nb === 0) return [mk(p.dtype, dims(a!))];
    const ib = nb === 1 ? 0 : nb - 2;
    checkAligned('dot', a!, b!, na - 1, ib);
    const da = dims(a!).slice(0, na - 1);
    const db = dims(b!).filter((_, i) => i !== ib);
    return [mk(p.dtype, [...da, ...db])];
  },
  perform: ([a, b], p) => [K.dot(a!, b!, p.dtype)],
};

export const tensordot: OpDef<'tensordot'> = {
  name: () => 'tensordot',
  label: (p) => `TensorDot{${fmtShape(p.axesA)}, ${fmtShape(p.axesB)}}`,
  infer([a, b], p) {
    if (p.axesA.length !== p.axesB.length) throw new TypeError(`tensordot: axes lists differ in length: ${fmtShape(p.axesA)} and ${fmtShape(p.axesB)}`);
    p.axesA.forEach((ia, k) => checkAligned('tensordot', a!, b!, ia, p.axesB[k]!));
    const da = dims(a!).filter((_, i) => !p.axesA.includes(i));
    const db = dims(b!).filter((_, i) => !p.axesB.includes(i));
    return [mk(p.dtype, [...da, ...db])];
  },
  perform: ([a, b], p) => [K.tensordot(a!, b!, p.axesA, p.axesB, p.dtype)],
};

export const batched_dot: OpDef<'batched_dot'> = {
  name: () => 'batched_dot',
  label: () => 'BatchedDot',
  infer([a, b], p) {
    if (a!.ndim < 2 || b!.ndim < 2 || a!.ndim > 3 || b!.ndim > 3) {
      throw new TypeError(`batched_dot: expected 2-d or 3-d inputs (batch first), got ${a!.type} and ${b!.type}`);
    }
    const sa = a!.type.shape[0], sb = b!.type.shape[0];
    if (sa != null && sb != null && sa !== sb) throw new RangeError(`batched_dot: batch sizes differ: ${sa} != ${sb}`);
    const da = dims(a!), db = dims(b!);
    const ib = b!.ndim === 2 ? 1 : 1;
    checkAligned('batched_dot', a!, b!, a!.ndim - 1, ib);
    const out: Dim[] = [da[0]!];
    if (a!.ndim === 3) out.push(da[1]!);
    if (b!.ndim === 3) out.push(db[2]!);
    return [mk(p.dtype, out)];
  },
  perform: ([a, b], p) => [K.batchedDot(a!, b!, p.dtype)],
};
