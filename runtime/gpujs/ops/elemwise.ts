// Fused elementwise kernels (kernel maps with `more` outputs): the output shape from the inputs' non-broadcastable axes, which
// must agree exactly (Theano's rule: only axes typed broadcastable stretch).
import { shapeMismatch } from '../../cpu/helpers.ts';
import { type Of, type Runner, prod } from './runner.ts';

export const elemwise: Runner<Of<'elemwise'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const r = c.info(s.out).ndim;
    const shape = new Array<number>(r).fill(1);
    for (let d = 0; d < r; d++) {
      let size = -1;
      for (const i of s.ins) {
        if (c.info(i).broadcastable[d]) continue;
        const n = c.shape(i)[d]!;
        if (size < 0) size = n;
        else if (n !== size) throw shapeMismatch(s.name.split(',').pop()!, s.ins.map((k) => c.shape(k)), d);
      }
      if (size >= 0) shape[d] = size;
    }
    const outs = c.launchAll(s.kernel, prod(shape), s.ins.map((i) => c.value(i)), shape);
    s.more.forEach((slot, k) => c.setDev(slot, shape, outs[k]!));
    c.setDev(s.out, shape, outs.at(-1)!);
  },
};
