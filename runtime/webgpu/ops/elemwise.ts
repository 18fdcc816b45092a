// Fused elementwise kernels: the output shape from the inputs' non-broadcastable axes, which
// must agree exactly (Theano's rule: only axes typed broadcastable stretch).
import { elemwiseShape } from '../../device/shapes.ts';
import type { GpuStep } from '../code.ts';
import { type Runner, groupsFor, prod } from './runner.ts';

type S = Extract<GpuStep, { op: 'elemwise' }>;

export const elemwise: Runner<S> = {
  hostNeeds: () => [],
  run(s, c) {
    const r = c.info(s.out).ndim;
    const shape = elemwiseShape(c, s.ins, s.out, s.name);
    const out = c.output(s.out, shape);
    const n = prod(shape);
    if (n === 0) return;
    const p = c.params(0, 1 + r);
    p.u[0] = n;
    for (let d = 0; d < r; d++) p.u[1 + d] = shape[d]!;
    c.dispatch(0, s.kernel, [...s.ins.map((i) => c.buffer(i)), out], groupsFor(n));
  },
};
