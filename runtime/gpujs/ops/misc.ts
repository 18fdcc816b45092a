// Sorting, arrays made from parameters, and host steps.
import { normalizeAxis } from '../../cpu/util.ts';
import { checkEye } from '../../device/shapes.ts';
import { type Of, type Runner, prod } from './runner.ts';

export const sort: Runner<Of<'sort'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const xs = c.shape(s.in);
    const n = prod(xs);
    let m: number, inner: number;
    if (s.axis === null) { m = n; inner = 1; }
    else {
      const ax = normalizeAxis(s.axis, xs.length, s.name);
      m = xs[ax]!;
      inner = prod(xs, ax + 1);
    }
    const x = c.value(s.in);
    const ranks = c.launch(s.kernels.rank, n, [x], [m, inner]);
    c.setDev(s.out, s.axis === null ? [n] : xs, c.launch(s.kernels.place, n, [x, ranks], [m, inner]));
  },
};

/** numpy's arange length, and its checks, as the CPU kernel has them. */
function arangeLength(start: number, stop: number, step: number): number {
  if (step === 0) throw new RangeError('arange: step cannot be zero');
  if (![start, stop, step].every(Number.isFinite)) throw new RangeError(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
  return Math.max(0, Math.ceil((stop - start) / step));
}

export const arange: Runner<Of<'arange'>> = {
  hostNeeds: (s) => s.args,
  run(s, c) {
    const [start, stop, step] = s.args.map((a) => c.scalar(a)) as [number, number, number];
    const n = arangeLength(start, stop, step);
    c.setDev(s.out, [n], c.launch(s.kernel, n, [], [start, step]));
  },
};

export const eye: Runner<Of<'eye'>> = {
  hostNeeds: (s) => s.args,
  run(s, c) {
    const [n, m, k] = s.args.map((a) => c.scalar(a)) as [number, number, number];
    checkEye(n, m, k);
    c.setDev(s.out, [n, m], c.launch(s.kernel, n * m, [], [m, k]));
  },
};

export const host: Runner<Of<'host'>> = {
  hostNeeds: (s) => s.ins,
  run(s, c) {
    c.setHost(s.out, c.runHost(s.fn, s.ins.map((i) => c.host(i))));
  },
};
