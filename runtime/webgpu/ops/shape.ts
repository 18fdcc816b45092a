// Steps that move elements or only relabel them: views (reshape, size-1 axes), transposes,
// shapes, alloc and concatenate. Copies go through the strided-copy kernel.
import { NDArray } from '../../ndarray.ts';
import { resolveReshape } from '../../cpu/helpers.ts';
import { checkAllocShape, concatShape, patternShape } from '../../device/shapes.ts';
import type { GpuStep } from '../code.ts';
import { COPY } from '../layout.ts';
import { type Runner, type StepContext, groupsFor, prod, strides } from './runner.ts';

type Of<K extends GpuStep['op']> = Extract<GpuStep, { op: K }>;

/** One strided copy: `shape` elements read at inOff + i.inStrides, written at outOff + i.outStrides. */
export function stridedCopy(c: StepContext, site: number, kernel: number, src: GPUBuffer, dst: GPUBuffer,
  shape: readonly number[], inOff: number, inStrides: readonly number[], outOff: number, outStrides: readonly number[]): void {
  const n = prod(shape);
  if (n === 0) return;
  const r = shape.length;
  const L = COPY(r);
  const p = c.params(site, L.count);
  p.u[L.n] = n;
  p.i[L.inOff] = inOff;
  p.u[L.outOff] = outOff;
  for (let d = 0; d < r; d++) {
    p.u[L.shape + d] = shape[d]!;
    p.i[L.inStrides + d] = inStrides[d]!;
    p.u[L.outStrides + d] = outStrides[d]!;
  }
  c.dispatch(site, kernel, [src, dst], groupsFor(n));
}

export const reshape: Runner<Of<'reshape'>> = {
  hostNeeds: (s) => [s.shape],
  run(s, c) {
    const from = c.shape(s.in);
    const shape = resolveReshape(prod(from), Array.from(c.host(s.shape).data), from);
    c.setView(s.out, s.in, shape);
  },
};

export const broadcast: Runner<Of<'broadcast'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const from = c.shape(s.in);
    c.setView(s.out, s.in, patternShape(s.pattern, from));
  },
};

export const transpose: Runner<Of<'transpose'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const from = c.shape(s.in);
    const st = strides(from);
    const shape = patternShape(s.pattern, from);
    const out = c.output(s.out, shape);
    stridedCopy(c, 0, s.kernel, c.buffer(s.in), out, shape, 0, s.pattern.map((e) => (e === 'x' ? 0 : st[e]!)), 0, strides(shape));
  },
};

export const shape: Runner<Of<'shape'>> = {
  hostNeeds: () => [],
  run(s, c) {
    c.setHost(s.out, new NDArray('int64', [c.info(s.in).ndim], Float64Array.from(c.shape(s.in))));
  },
};

export const alloc: Runner<Of<'alloc'>> = {
  hostNeeds: (s) => s.dims,
  run(s, c) {
    const shape = s.dims.map((d) => c.scalar(d));
    checkAllocShape(shape);
    const out = c.output(s.out, shape);
    stridedCopy(c, 0, s.kernel, c.buffer(s.value), out, shape, 0, shape.map(() => 0), 0, strides(shape));
  },
};

export const concatenate: Runner<Of<'concatenate'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const shapes = s.ins.map((i) => c.shape(i));
    const { ax, out: outShape } = concatShape(shapes, s.axis);
    const out = c.output(s.out, outShape);
    const ost = strides(outShape);
    let at = 0;
    s.ins.forEach((i, j) => {
      const x = shapes[j]!;
      stridedCopy(c, j, s.kernels[j]!, c.buffer(i), out, x, 0, strides(x), at * ost[ax]!, ost);
      at += x[ax]!;
    });
  },
};
