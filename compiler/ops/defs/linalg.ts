import * as K from '../../../runtime/cpu/kernels.ts';
import { TensorType } from '../../type.ts';
import type { Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import { fmtShape } from '../opdef.ts';
import * as E from '../../api/elemwise.ts';
import * as L from '../../api/linalg.ts';
import * as R from '../../api/reduce.ts';
import * as S from '../../api/shape.ts';
import { permute } from '../../grad/helpers.ts';

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

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
  grad: ([a, b], _o, [gz]) => dotGrad(a!, b!, gz!),
};

function dotGrad(a: Variable, b: Variable, gz: Variable): Variable[] {
  const na = a.ndim, nb = b.ndim;
  // a 0-d operand scales the other one
  if (na === 0) return [R.sum(E.mul(gz, b)), E.mul(gz, a)];
  if (nb === 0) return [E.mul(gz, b), R.sum(E.mul(gz, a))];
  if (na === 1 && nb === 1) return [E.mul(gz, b), E.mul(gz, a)];
  if (na === 2 && nb === 1) return [L.outer(gz, b), L.dot(gz, a)];
  if (na === 1 && nb === 2) return [L.dot(b, gz), L.outer(a, gz)];
  if (na === 2 && nb === 2) return [L.dot(gz, S.transpose(b)), L.dot(S.transpose(a), gz)];
  // N-d: a's last axis meets b's axis ib; gz holds a's other axes, then b's other axes
  const ib = nb === 1 ? 0 : nb - 2;
  const bFree = range(0, nb).filter((j) => j !== ib);
  const ga = L.tensordot(gz, b, { axes: [range(na - 1, gz.ndim), bFree] });
  const gbK = L.tensordot(a, gz, { axes: [range(0, na - 1), range(0, na - 1)] });
  // gbK is (k, b's other axes): move k back to position ib
  return [ga, permute(gbK, range(0, nb).map((j) => (j < ib ? j + 1 : j === ib ? 0 : j)))];
}

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
  grad([a, b], _o, [gz], p) {
    const freeA = range(0, a!.ndim).filter((i) => !p.axesA.includes(i));
    const freeB = range(0, b!.ndim).filter((j) => !p.axesB.includes(j));
    const sortedA = [...p.axesA].sort((x, y) => x - y), sortedB = [...p.axesB].sort((x, y) => x - y);
    const nfa = freeA.length;
    // gz's b-part against b's free axes leaves (a's free axes, b's summed axes in b's order)
    const ga = L.tensordot(gz!, b!, { axes: [range(nfa, gz!.ndim), freeB] });
    const orderA = range(0, a!.ndim).map((i) => (freeA.includes(i) ? freeA.indexOf(i) : nfa + sortedB.indexOf(p.axesB[p.axesA.indexOf(i)]!)));
    // a's free axes against gz's a-part leaves (a's summed axes in a's order, b's free axes)
    const gb = L.tensordot(a!, gz!, { axes: [freeA, range(0, nfa)] });
    const nsum = p.axesA.length;
    const orderB = range(0, b!.ndim).map((j) => (freeB.includes(j) ? nsum + freeB.indexOf(j) : sortedA.indexOf(p.axesA[p.axesB.indexOf(j)]!)));
    return [permute(ga, orderA), permute(gb, orderB)];
  },
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
  grad: ([a, b], _o, [gz]) => batchedDotGrad(a!, b!, gz!),
};

/** out[i] = dot(a[i], b[i]): the dot rule per batch entry, with the batch axis kept first. */
function batchedDotGrad(a: Variable, b: Variable, gz: Variable): Variable[] {
  const swap = (v: Variable) => S.dimshuffle(v, 0, 2, 1);
  const col = (v: Variable) => S.dimshuffle(v, 0, 1, 'x');
  const row = (v: Variable) => S.dimshuffle(v, 0, 'x', 1);
  if (a.ndim === 3 && b.ndim === 3) return [L.batched_dot(gz, swap(b)), L.batched_dot(swap(a), gz)];
  if (a.ndim === 3) return [E.mul(col(gz), row(b)), L.batched_dot(gz, a)];
  if (b.ndim === 3) return [L.batched_dot(b, gz), E.mul(col(a), row(gz))];
  const g = S.dimshuffle(gz, 0, 'x');
  return [E.mul(g, b), E.mul(g, a)];
}
