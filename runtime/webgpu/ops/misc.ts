// Sorting, arrays made from parameters (arange, eye, random draws), host steps and ifelse.
import { INT_RANGE, isFloat } from '../../dtype.ts';
import { normalizeAxis } from '../../cpu/util.ts';
import { checkEye } from '../../device/shapes.ts';
import { checkParams, lanesPerElement } from '../../random/draw.ts';
import type { GpuStep } from '../code.ts';
import { ARANGE, EYE, RANDOM, SORT } from '../layout.ts';
import { BYTES } from '../storage.ts';
import { type Runner, groupsFor, prod } from './runner.ts';

type Of<K extends GpuStep['op']> = Extract<GpuStep, { op: K }>;

/** Lanes up to this long sort in workgroup memory (kernels/sort.ts BITONIC_MAX). */
const BITONIC_MAX = 2048;

export const sort: Runner<Of<'sort'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const x = c.shape(s.in);
    const shape = s.axis === null ? [prod(x)] : x.slice();
    const ax = s.axis === null ? 0 : normalizeAxis(s.axis, shape.length, s.name);
    const n = shape[ax]!, inner = prod(shape, ax + 1), lanes = prod(shape, 0, ax) * inner;
    const out = c.output(s.out, shape);
    if (n === 0 || lanes === 0) return;
    let pow2 = 1;
    while (pow2 < n) pow2 *= 2;
    const write = (site: number, size = 0, stride = 0) => {
      const p = c.params(site, SORT.count);
      p.u[SORT.lanes] = lanes; p.u[SORT.n] = n; p.u[SORT.inner] = inner; p.u[SORT.pow2] = pow2; p.u[SORT.size] = size; p.u[SORT.stride] = stride;
    };
    const x0 = c.buffer(s.in);
    if (n <= BITONIC_MAX) {
      write(0);
      c.dispatch(0, s.kernels.local, [x0, out], lanes);
      return;
    }
    const keys = c.temp(1, lanes * pow2 * BYTES), pos = c.temp(2, lanes * pow2 * BYTES);
    const all = groupsFor(lanes * pow2);
    write(3);
    c.dispatch(3, s.kernels.init, [x0, keys, pos], all);
    // one site per stage: each has its own (size, stride) parameters
    let site = 5;
    for (let size = 2; size <= pow2; size *= 2) {
      for (let stride = size / 2; stride >= 1; stride /= 2) {
        write(site, size, stride);
        c.dispatch(site++, s.kernels.stage, [keys, pos], all);
      }
    }
    write(4);
    c.dispatch(4, s.kernels.out, [s.name === 'argsort' ? pos : keys, out], groupsFor(lanes * n));
  },
};

const NAN_BITS = 0x7fc00000;
const fitsI32 = (v: number) => Number.isInteger(v) && v >= INT_RANGE.int32[0] && v <= INT_RANGE.int32[1];

export const arange: Runner<Of<'arange'>> = {
  hostNeeds: (s) => s.args,
  run(s, c) {
    const [start, stop, step] = s.args.map((a) => c.scalar(a)) as [number, number, number];
    if (step === 0) throw new RangeError('arange: step cannot be zero');
    if (![start, stop, step].every(Number.isFinite)) throw new RangeError(`arange: start, stop and step must be finite, got ${start}, ${stop}, ${step}`);
    const n = Math.max(0, Math.ceil((stop - start) / step));
    const out = c.output(s.out, [n]);
    if (n === 0) return;
    const dtype = c.info(s.out).dtype;
    const p = c.params(0, ARANGE.count);
    // float kernels (float32, float16) always read the float start and step
    const integral = !isFloat(dtype) && fitsI32(start) && fitsI32(step) && fitsI32(start + (n - 1) * step);
    if (dtype === 'int64' && !integral) throw new RangeError(`arange: int64 values from ${start} by ${step} do not fit in 32 bits; WebGPU stores int64 as int32`);
    if (integral) { p.u[ARANGE.startF] = NAN_BITS; p.i[ARANGE.startI] = start; p.i[ARANGE.stepI] = step; } else { p.f[ARANGE.startF] = start; p.f[ARANGE.stepF] = step; }
    p.u[ARANGE.n] = n;
    c.dispatch(0, s.kernel, [out], groupsFor(n));
  },
};

export const eye: Runner<Of<'eye'>> = {
  hostNeeds: (s) => s.args,
  run(s, c) {
    const [n, m, k] = s.args.map((a) => c.scalar(a)) as [number, number, number];
    checkEye(n, m, k);
    const out = c.output(s.out, [n, m]);
    if (n * m === 0) return;
    const p = c.params(0, EYE.count);
    p.u[EYE.n] = n * m; p.u[EYE.cols] = m; p.i[EYE.k] = k;
    c.dispatch(0, s.kernel, [out], groupsFor(n * m));
  },
};

export const random: Runner<Of<'random'>> = {
  hostNeeds: (s) => [s.state, ...s.dims, s.a, s.b],
  run(s, c) {
    const st = c.host(s.state).data;
    const shape = s.dims.map((d) => c.scalar(d));
    const a = c.scalar(s.a), b = c.scalar(s.b);
    const dtype = c.info(s.out).dtype;
    checkParams(s.dist, a, b);
    const out = c.output(s.out, shape);
    const n = prod(shape);
    if (n === 0) return;
    const p = c.params(0, RANDOM.count);
    p.u[RANDOM.n] = n; p.u[RANDOM.k0] = st[0]!; p.u[RANDOM.k1] = st[1]!; p.u[RANDOM.c0] = st[2]!; p.u[RANDOM.c1] = st[3]!;
    p.u[RANDOM.lanes] = lanesPerElement(s.dist, dtype, a);
    switch (s.dist) {
      case 'uniform': p.f[RANDOM.a] = a; p.f[RANDOM.b] = b - a; break;
      case 'normal': p.f[RANDOM.a] = a; p.f[RANDOM.b] = b; break;
      case 'integers':
        if (dtype === 'int64' && (!fitsI32(a) || !fitsI32(b - 1))) throw new RangeError(`integers: int64 draws in [${a}, ${b}) do not fit in 32 bits; WebGPU stores int64 as int32`);
        p.i[RANDOM.a] = a | 0; p.u[RANDOM.range] = (b - a) >>> 0;
        break;
      case 'binomial': p.u[RANDOM.a] = a; p.u[RANDOM.b] = Math.ceil(b * 16777216); break;
    }
    c.dispatch(0, s.kernel, [out], groupsFor(n));
  },
};

export const host: Runner<Of<'host'>> = {
  hostNeeds: (s) => s.ins,
  run(s, c) {
    const outs = c.runHost(s.fn, s.ins.map((i) => c.host(i)));
    s.outs.forEach((o, k) => c.setHost(o, outs[k]!));
  },
};

/** The frame decides which arm to encode (frame.ts); the condition must be on the host first. */
export const branch: Runner<Of<'branch'>> = {
  hostNeeds: (s) => [s.cond],
  run() { /* the frame skips the arm not taken */ },
};

export const ifelse: Runner<Of<'ifelse'>> = {
  hostNeeds: (s) => [s.cond],
  run(s, c) {
    const from = c.scalar(s.cond) !== 0 ? 0 : s.outs.length;
    s.outs.forEach((o, k) => { const src = s.ins[from + k]!; c.setView(o, src, c.shape(src)); });
  },
};
