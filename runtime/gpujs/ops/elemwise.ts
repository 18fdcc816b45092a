// Fused elementwise kernels (kernel maps with `more` outputs): the output shape from the inputs' non-broadcastable axes, which
// must agree exactly (Theano's rule: only axes typed broadcastable stretch).
import { elemwiseShape } from '../../device/shapes.ts';
import { type Of, type Runner, prod } from './runner.ts';

export const elemwise: Runner<Of<'elemwise'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const shape = elemwiseShape(c, s.ins, s.out, s.name);
    const outs = c.launchAll(s.kernel, prod(shape), s.ins.map((i) => c.value(i)), shape);
    s.more.forEach((slot, k) => c.setDev(slot, shape, outs[k]!));
    c.setDev(s.out, shape, outs.at(-1)!);
  },
};
