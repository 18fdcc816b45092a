import * as K from '../../../runtime/cpu/kernels.ts';
import { resolveIndex } from '../../../runtime/cpu/index-template.ts';
import { isInt, canCastSafely } from '../../../runtime/dtype.ts';
import { TensorType } from '../../type.ts';
import type { Variable } from '../../graph.ts';
import type { OpDef } from '../opdef.ts';
import type { IndexTemplate } from '../params.ts';
import { constant, op1 } from '../../api/core.ts';
import * as C from '../../api/creation.ts';
import * as R from '../../api/reduce.ts';
import { disconnected } from '../../grad/nograd.ts';
import { undoBroadcast } from '../../grad/helpers.ts';

const indexInputs = (dyn: readonly Variable[]) => dyn.map(() => disconnected('an index'));

/** Static length of a slice over an axis of known size with constant bounds, else null. */
function sliceLength(size: number | null, e: Extract<IndexTemplate, { kind: 'slice' }>): number | null {
  const c = (b: unknown) => b === null || typeof b === 'number';
  if (size === null || !c(e.start) || !c(e.stop) || !c(e.step)) return null;
  return K.subtensorShape([size], [{ kind: 'slice', start: e.start as number | null, stop: e.stop as number | null, step: e.step as number | null }])[0]!;
}

/** Output type of x[index] (numpy semantics, including where advanced-index axes go). */
export function subtensorType(x: TensorType, index: readonly IndexTemplate[], dyn: readonly Variable[], op = 'subtensor'): TensorType {
  const consumed = index.filter((e) => e.kind !== 'newaxis').length;
  if (consumed > x.ndim) throw new RangeError(`${op}: too many indices for a ${x.ndim}-d tensor: ${consumed} were given`);
  const arrays = index.filter((e): e is Extract<IndexTemplate, { kind: 'array' }> => e.kind === 'array');
  const advNdim = arrays.reduce((m, e) => Math.max(m, dyn[e.input]!.ndim), 0);
  const advDims = Array.from({ length: advNdim }, (_, k) => ({
    bc: arrays.every((e) => { const v = dyn[e.input]!; const j = k - (advNdim - v.ndim); return j < 0 || v.type.broadcastable[j]!; }),
    size: null as number | null,
  }));
  const firstAdv = index.findIndex((e) => e.kind === 'array');
  const lastAdv = index.length - 1 - [...index].reverse().findIndex((e) => e.kind === 'array');
  const contiguous = arrays.length === 0 || index.slice(firstAdv, lastAdv + 1).every((e) => e.kind === 'array');
  const out: { bc: boolean; size: number | null }[] = [];
  let axis = 0;
  let placed = false;
  index.forEach((e) => {
    switch (e.kind) {
      case 'newaxis': out.push({ bc: true, size: 1 }); return;
      case 'int': {
        const size = x.shape[axis];
        if (typeof e.at === 'number' && size != null && (e.at >= size || e.at < -size)) {
          throw new RangeError(`${op}: index ${e.at} is out of bounds for axis ${axis} with size ${size}`);
        }
        axis++;
        return;
      }
      case 'slice': {
        const full = e.start === null && e.stop === null && e.step === null;
        const size = sliceLength(x.shape[axis]!, e);
        out.push({ bc: full ? x.broadcastable[axis]! : size === 1, size: full ? x.shape[axis]! : size });
        axis++;
        return;
      }
      case 'array': {
        const v = dyn[e.input]!;
        if (!isInt(v.dtype)) throw new TypeError(`${op}: an index array must have an integer dtype, got ${v.dtype}`);
        if (contiguous && !placed) { out.push(...advDims); placed = true; }
        axis++;
        return;
      }
    }
  });
  for (; axis < x.ndim; axis++) out.push({ bc: x.broadcastable[axis]!, size: x.shape[axis]! });
  if (!contiguous) out.unshift(...advDims);
  return new TensorType(x.dtype, out.map((d) => d.bc), out.map((d) => d.size));
}

function indexLabel(index: readonly IndexTemplate[]): string {
  const b = (v: unknown) => (v === null ? '' : typeof v === 'number' ? String(v) : 'i');
  return index.map((e) => {
    switch (e.kind) {
      case 'int': return b(e.at);
      case 'slice': return `${b(e.start)}:${b(e.stop)}${e.step === null ? '' : `:${b(e.step)}`}`;
      case 'array': return '[]';
      case 'newaxis': return 'None';
    }
  }).join(', ');
}

export const subtensor: OpDef<'subtensor'> = {
  name: (p) => (p.index.some((e) => e.kind === 'array') ? 'advanced_subtensor' : 'subtensor'),
  label: (p) => `${p.index.some((e) => e.kind === 'array') ? 'AdvancedSubtensor' : 'Subtensor'}{${indexLabel(p.index)}}`,
  infer: ([x, ...dyn], p) => [subtensorType(x!.type, p.index, dyn)],
  perform: ([x, ...dyn], p) => [K.subtensor(x!, resolveIndex(p.index, dyn))],
  // scatter back; inc (not set) so an element read at repeated indices sums its gradients
  grad: ([x, ...dyn], _o, [gz], p) => [
    op1('set_subtensor', { index: p.index, mode: 'inc' }, [C.zeros_like(x!, { dtype: gz!.dtype }), gz!, ...dyn]),
    ...indexInputs(dyn),
  ],
};

export const set_subtensor: OpDef<'set_subtensor'> = {
  name: (p) => (p.mode === 'set' ? 'set_subtensor' : 'inc_subtensor'),
  label: (p) => `${p.mode === 'set' ? 'SetSubtensor' : 'IncSubtensor'}{${indexLabel(p.index)}}`,
  infer([x, y, ...dyn], p) {
    const op = p.mode === 'set' ? 'set_subtensor' : 'inc_subtensor';
    const sub = subtensorType(x!.type, p.index, dyn, op);
    if (!canCastSafely(y!.dtype, x!.dtype)) {
      throw new TypeError(`${op}: cannot store ${y!.dtype} values into a ${x!.dtype} tensor without losing precision; cast the value first`);
    }
    if (y!.ndim > sub.ndim) throw new TypeError(`${op}: the value has ${y!.ndim} dimensions but the indexed region has ${sub.ndim}`);
    return [x!.type];
  },
  perform: ([x, y, ...dyn], p) => [K.setSubtensor(x!, resolveIndex(p.index, dyn), y!, p.mode)],
  grad([, y, ...dyn], _o, [gz], p) {
    // set overwrites the region, so x's old values there do not reach the output
    const gx = p.mode === 'inc' ? gz! : op1('set_subtensor', { index: p.index, mode: 'set' }, [gz!, constant(0, { dtype: gz!.dtype }), ...dyn]);
    const region = op1('subtensor', { index: p.index }, [gz!, ...dyn]);
    // y was broadcast into the region: sum over the axes it lacks, then over its broadcastable ones
    const lead = Array.from({ length: region.ndim - y!.ndim }, (_, i) => i);
    const gy = lead.length ? R.sum(region, { axis: lead }) : region;
    return [gx, undoBroadcast(gy, y!), ...indexInputs(dyn)];
  },
};
