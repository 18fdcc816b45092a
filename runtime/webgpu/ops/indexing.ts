// x[index] and x[index] = / += y: planned on the host from shapes and scalar bounds; index
// arrays are read by the kernels on the device.
import { broadcastStrides } from '../../cpu/shape.ts';
import { scalarRefs } from '../../device/shapes.ts';
import type { GpuStep, IndexSpec } from '../code.ts';
import { GATHER, SCATTER } from '../layout.ts';
import { type IndexPlan, planIndex } from '../index-plan.ts';
import { type ParamWords, type Runner, type StepContext, groupsFor, prod, shapeStr, strides } from './runner.ts';
import { stridedCopy } from './shape.ts';

type Of<K extends GpuStep['op']> = Extract<GpuStep, { op: K }>;

const arraySlots = (spec: IndexSpec) => spec.index.filter((e) => e.kind === 'array').map((e) => spec.dyn[(e as { input: number }).input]!);

function plan(c: StepContext, spec: IndexSpec, x: number, op: string): IndexPlan {
  return planIndex(c.shape(x), spec.index, (i) => c.scalar(spec.dyn[i]!), (i) => c.shape(spec.dyn[i]!), op);
}

/** The gather/scatter parameters shared by both layouts. */
function writeIndex(p: ParamWords, L: ReturnType<typeof GATHER>, pl: IndexPlan, n: number, tag: number): void {
  const nb = pl.sizes.length, na = pl.advShape.length;
  p.u[L.n] = n; p.i[L.base] = pl.base; p.u[L.tag] = tag;
  for (let q = 0; q < nb; q++) { p.u[L.sizes + q] = pl.sizes[q]!; p.i[L.strides + q] = pl.strides[q]!; }
  for (let e = 0; e < na; e++) p.u[L.advShape + e] = pl.advShape[e]!;
  pl.arrays.forEach((a, j) => {
    const at = L.arrays + j * L.perArray;
    p.i[at] = a.size; p.i[at + 1] = a.stride;
    for (let e = 0; e < na; e++) p.u[at + 2 + e] = a.bstrides[e]!;
  });
}

export const subtensor: Runner<Of<'subtensor'>> = {
  hostNeeds: (s) => scalarRefs(s.spec),
  run(s, c) {
    const pl = plan(c, s.spec, s.x, s.name);
    const out = c.output(s.out, pl.outShape);
    const n = prod(pl.outShape);
    if (n === 0) return;
    const arrays = arraySlots(s.spec);
    if (arrays.length === 0) {
      stridedCopy(c, 0, s.kernel, c.buffer(s.x), out, pl.sizes, pl.base, pl.strides, 0, strides(pl.sizes));
      return;
    }
    const L = GATHER(pl.sizes.length, pl.advShape.length, arrays.length);
    writeIndex(c.params(0, L.count), L, pl, n, c.tag);
    c.dispatch(0, s.kernel, [c.buffer(s.x), ...arrays.map((a) => c.buffer(a)), out, c.status()], groupsFor(n));
  },
};

export const set_subtensor: Runner<Of<'set_subtensor'>> = {
  hostNeeds: (s) => scalarRefs(s.spec),
  run(s, c) {
    const op = s.name === 'inc_subtensor' ? 'incSubtensor' : 'setSubtensor';
    const xs = c.shape(s.x);
    const out = c.output(s.out, xs);
    // the whole array, rounded up to a whole word (past its end, out's buffer is unused)
    c.copy(c.buffer(s.x), out, Math.ceil((prod(xs) * c.elemBytes(s.x)) / 4) * 4);
    const pl = plan(c, s.spec, s.x, op);
    let ys = c.shape(s.y);
    // numpy accepts extra leading length-1 axes on the value
    while (ys.length > pl.outShape.length && ys[0] === 1) ys = ys.slice(1);
    const yst = broadcastStrides(ys, pl.outShape);
    if (yst === null) throw new RangeError(`${op}: could not broadcast value of shape ${shapeStr(c.shape(s.y))} into indexed shape ${shapeStr(pl.outShape)}`);
    const arrays = arraySlots(s.spec);
    const threads = prod(pl.sizes);
    if (prod(pl.outShape) === 0) return;
    const nb = pl.sizes.length, na = pl.advShape.length;
    const L = SCATTER(nb, na, arrays.length);
    const p = c.params(0, L.count);
    writeIndex(p, L, pl, threads, c.tag);
    p.u[L.advSize] = arrays.length === 0 ? 1 : prod(pl.advShape);
    for (let e = 0; e < nb + na; e++) p.u[L.yStrides + e] = yst[e]!;
    const status = arrays.length > 0 ? [c.status()] : [];
    c.dispatch(0, s.kernel, [c.buffer(s.y), ...arrays.map((a) => c.buffer(a)), out, ...status], groupsFor(threads));
  },
};
