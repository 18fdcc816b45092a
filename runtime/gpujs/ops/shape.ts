// Steps that only relabel elements (views, reshapes, shapes) or move them: transposes, alloc,
// concatenate.
import { NDArray } from '../../ndarray.ts';
import { resolveReshape } from '../../cpu/helpers.ts';
import { checkAllocShape, concatShape, patternShape } from '../../device/shapes.ts';
import { type Of, type Runner, prod, stridedCopy, strides } from './runner.ts';

export const reshape: Runner<Of<'reshape'>> = {
  hostNeeds: (s) => [s.shape],
  run(s, c) {
    const from = c.shape(s.in);
    c.setView(s.out, s.in, resolveReshape(prod(from), Array.from(c.host(s.shape).data), from));
  },
};

export const view: Runner<Of<'view'>> = {
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
    c.setDev(s.out, shape, stridedCopy(c, s.kernel, c.value(s.in), shape, 0, s.pattern.map((e) => (e === 'x' ? 0 : st[e]!))));
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
    c.setDev(s.out, shape, c.launch(s.kernel, prod(shape), [c.value(s.value)], []));
  },
};

export const concatenate: Runner<Of<'concatenate'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const shapes = s.ins.map((i) => c.shape(i));
    const { out, ends } = concatShape(shapes, s.axis);
    c.setDev(s.out, out, c.launch(s.kernel, prod(out), s.ins.map((i) => c.value(i)), [...out, ...ends.slice(0, -1)]));
  },
};
