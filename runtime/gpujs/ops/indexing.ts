// x[index] and x[index] = / += y, planned on the host from shapes, bounds and the index arrays
// themselves: GPU.js kernels cannot report an out-of-bounds index, so the host checks the
// arrays before a kernel reads them (they are read back first if a kernel computed them).
import { resolveInt, resolveSlice } from '../../cpu/indexing.ts';
import { broadcastStrides } from '../../cpu/shape.ts';
import { scalarRefs } from '../../device/shapes.ts';
import { type IndexPlan, planIndex } from '../../webgpu/index-plan.ts';
import type { IndexSpec } from '../code.ts';
import { type Of, type Runner, type StepContext, prod, shapeStr, stridedCopy } from './runner.ts';

/** Index arrays with the x axis each one indexes. */
function arraysOf(spec: IndexSpec): { slot: number; axis: number }[] {
  const out: { slot: number; axis: number }[] = [];
  let axis = 0;
  for (const e of spec.index) {
    if (e.kind === 'array') out.push({ slot: spec.dyn[e.input]!, axis });
    if (e.kind !== 'newaxis') axis++;
  }
  return out;
}

const needs = (spec: IndexSpec) => [...scalarRefs(spec), ...arraysOf(spec).map((a) => a.slot)];

function plan(c: StepContext, spec: IndexSpec, x: number, op: string): IndexPlan {
  const xs = c.shape(x);
  for (const { slot, axis } of arraysOf(spec)) {
    const n = xs[axis]!, d = c.host(slot).data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (v < -n || v >= n) throw new RangeError(`${op}: index ${v} is out of bounds for axis ${axis} with size ${n}`);
    }
  }
  return planIndex(xs, spec.index, (i) => c.scalar(spec.dyn[i]!), (i) => c.shape(spec.dyn[i]!), op);
}

export const subtensor: Runner<Of<'subtensor'>> = {
  hostNeeds: (s) => needs(s.spec),
  run(s, c) {
    const pl = plan(c, s.spec, s.x, s.name);
    const arrays = arraysOf(s.spec);
    if (arrays.length === 0) {
      c.setDev(s.out, pl.outShape, stridedCopy(c, s.kernel, c.value(s.x), pl.sizes, pl.base, pl.strides));
      return;
    }
    const params = [pl.base, ...pl.sizes, ...pl.strides, ...pl.advShape];
    for (const a of pl.arrays) params.push(a.size, a.stride, ...a.bstrides);
    c.setDev(s.out, pl.outShape, c.launch(s.kernel, prod(pl.outShape), [c.value(s.x), ...arrays.map((a) => c.value(a.slot))], params));
  },
};

export const set_subtensor: Runner<Of<'set_subtensor'>> = {
  hostNeeds: (s) => needs(s.spec),
  run(s, c) {
    const op = s.name === 'inc_subtensor' ? 'incSubtensor' : 'setSubtensor';
    const xs = c.shape(s.x);
    const pl = plan(c, s.spec, s.x, op);
    let ys = c.shape(s.y);
    // numpy accepts extra leading length-1 axes on the value
    while (ys.length > pl.outShape.length && ys[0] === 1) ys = ys.slice(1);
    const yst = broadcastStrides(ys, pl.outShape);
    if (yst === null) throw new RangeError(`${op}: could not broadcast value of shape ${shapeStr(c.shape(s.y))} into indexed shape ${shapeStr(pl.outShape)}`);
    const params: number[] = [...xs];
    let axis = 0;
    for (const e of s.spec.index) {
      const value = (b: number | { input: number } | null) => (b === null || typeof b === 'number' ? b : c.scalar(s.spec.dyn[b.input]!));
      if (e.kind === 'int') params.push(resolveInt(value(e.at)!, xs[axis]!, axis, op));
      else if (e.kind === 'slice') {
        const r = resolveSlice(xs[axis]!, { start: value(e.start), stop: value(e.stop), step: value(e.step) }, axis, op);
        params.push(r.start, r.step, r.len);
      }
      if (e.kind !== 'newaxis') axis++;
    }
    params.push(...pl.advShape);
    for (const a of pl.arrays) params.push(...a.bstrides);
    params.push(...yst, prod(pl.advShape));
    const arrays = arraysOf(s.spec).map((a) => c.value(a.slot));
    c.setDev(s.out, xs, c.launch(s.kernel, prod(xs), [c.value(s.x), c.value(s.y), ...arrays], params));
  },
};
