// Reductions and arg-reductions. A long reduction with few outputs is cut into chunks folded
// in parallel, then the partial results are folded by a second kernel.
import { normalizeAxis } from '../../cpu/util.ts';
import { type Of, type Runner, prod, shapeStr, strides } from './runner.ts';

/** Positions one thread folds before a second pass pays off (and the parallelism it buys). */
const SERIAL_MAX = 2048;
const OUTPUTS_ENOUGH = 1024;

export const reduce: Runner<Of<'reduce'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const xs = c.shape(s.in);
    const st = strides(xs);
    const red = new Set(s.axes);
    const kept = xs.map((_, d) => d).filter((d) => !red.has(d));
    const keptSizes = kept.map((d) => xs[d]!), redSizes = s.axes.map((d) => xs[d]!);
    const m = prod(redSizes), n = prod(keptSizes);
    if ((s.name === 'max' || s.name === 'min') && m === 0) throw new RangeError(`zero-size array to reduction operation ${s.name} which has no identity`);
    const outShape = s.keepdims ? xs.map((x, d) => (red.has(d) ? 1 : x)) : keptSizes;
    const split = m > SERIAL_MAX && n < OUTPUTS_ENOUGH;
    const chunkLen = split ? Math.ceil(Math.sqrt(m)) : m;
    const chunks = split ? Math.ceil(m / chunkLen) : 1;
    const params = [chunks, chunkLen, m, ...keptSizes, ...kept.map((d) => st[d]!), ...redSizes, ...s.axes.map((d) => st[d]!)];
    let v = c.launch(s.kernel, n * chunks, [c.value(s.in)], params);
    // the partials of output o are at o * chunks + 0..chunks-1
    if (split) v = c.launch(s.again, n, [v], [1, chunks, chunks, n, chunks, chunks, 1]);
    c.setDev(s.out, outShape, v);
  },
};

export const argreduce: Runner<Of<'argreduce'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const xs = c.shape(s.in);
    const n = prod(xs);
    if (s.axis === null) {
      if (n === 0) throw new RangeError(`${s.name}: attempt to get ${s.name} of an empty sequence`);
      c.setDev(s.out, s.keepdims ? xs.map(() => 1) : [], c.launch(s.kernel, 1, [c.value(s.in)], [n, 1]));
      return;
    }
    const ax = normalizeAxis(s.axis, xs.length, s.name);
    const m = xs[ax]!;
    if (m === 0) throw new RangeError(`${s.name}: attempt to get ${s.name} of an empty sequence (axis ${ax} of shape ${shapeStr(xs)})`);
    const outShape = s.keepdims ? xs.map((x, d) => (d === ax ? 1 : x)) : xs.filter((_, d) => d !== ax);
    c.setDev(s.out, outShape, c.launch(s.kernel, n / m, [c.value(s.in)], [m, prod(xs, ax + 1)]));
  },
};
