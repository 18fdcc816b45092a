// Reductions and argmax/argmin: output shapes as the CPU kernels compute them, and the choice
// of strategy. Short reductions (or many outputs) run one invocation per output; long ones a
// workgroup per output; very long ones with few outputs in two passes through partials.
import { normalizeAxis } from '../../cpu/util.ts';
import type { GpuStep } from '../code.ts';
import { ARGREDUCE, REDUCE } from '../layout.ts';
import { BYTES } from '../storage.ts';
import { type Runner, type StepContext, groupsFor, prod, shapeStr, strides } from './runner.ts';

type Of<K extends GpuStep['op']> = Extract<GpuStep, { op: K }>;

/** Below this many elements per output a serial loop beats a workgroup. */
const SERIAL_MAX = 64;
/** With this many outputs, one invocation each already fills the device... */
const MANY_OUTPUTS = 8192;
/** ...and with this many, when each loop stays short (barriers are expensive, on SwiftShader very). */
const SOME_OUTPUTS = 256, SHORT = 4096;
const serialFits = (n: number, m: number) => m <= SERIAL_MAX || n >= MANY_OUTPUTS || (n >= SOME_OUTPUTS && m <= SHORT);
/** Each first-pass workgroup of a two-pass reduction covers this many elements. */
export const CHUNK = 4096;
const TWO_PASS_MIN = 16 * CHUNK;

interface ReduceGeometry { n: number; m: number; keptSizes: number[]; keptStrides: number[]; redSizes: number[]; redStrides: number[] }

function writeReduce(c: StepContext, site: number, g: ReduceGeometry, chunks: number, chunkLen: number): void {
  const kr = g.keptSizes.length, rr = g.redSizes.length;
  const L = REDUCE(kr, rr);
  const p = c.params(site, L.count);
  p.u[L.n] = g.n; p.u[L.m] = g.m; p.u[L.chunks] = chunks; p.u[L.chunkLen] = chunkLen;
  for (let d = 0; d < kr; d++) { p.u[L.keptSizes + d] = g.keptSizes[d]!; p.u[L.keptStrides + d] = g.keptStrides[d]!; }
  for (let d = 0; d < rr; d++) { p.u[L.redSizes + d] = g.redSizes[d]!; p.u[L.redStrides + d] = g.redStrides[d]!; }
}

export const reduce: Runner<Of<'reduce'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const shape = c.shape(s.in);
    const st = strides(shape);
    const red = new Set(s.axes);
    const g: ReduceGeometry = { n: 1, m: 1, keptSizes: [], keptStrides: [], redSizes: [], redStrides: [] };
    shape.forEach((size, d) => {
      if (red.has(d)) { g.redSizes.push(size); g.redStrides.push(st[d]!); g.m *= size; } else { g.keptSizes.push(size); g.keptStrides.push(st[d]!); g.n *= size; }
    });
    if ((s.name === 'max' || s.name === 'min') && g.m === 0) throw new RangeError(`zero-size array to reduction operation ${s.name} which has no identity`);
    const outShape = s.keepdims ? shape.map((n, d) => (red.has(d) ? 1 : n)) : g.keptSizes.slice();
    const out = c.output(s.out, outShape);
    if (g.n === 0) return;
    const x = c.buffer(s.in);
    if (serialFits(g.n, g.m)) {
      writeReduce(c, 0, g, 1, g.m);
      c.dispatch(0, s.kernels.serial, [x, out], groupsFor(g.n));
    } else if (g.m >= TWO_PASS_MIN && g.n <= 64) {
      const chunks = Math.ceil(g.m / CHUNK);
      const partial = c.temp(1, g.n * chunks * BYTES);
      writeReduce(c, 1, g, chunks, CHUNK);
      c.dispatch(1, s.kernels.first, [x, partial], g.n * chunks);
      writeReduce(c, 2, { n: g.n, m: chunks, keptSizes: [g.n], keptStrides: [chunks], redSizes: [chunks], redStrides: [1] }, 1, chunks);
      c.dispatch(2, s.kernels.partial, [partial, out], g.n);
    } else {
      writeReduce(c, 3, g, 1, g.m);
      c.dispatch(3, s.kernels.tree, [x, out], g.n);
    }
  },
};

export const argreduce: Runner<Of<'argreduce'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const shape = c.shape(s.in);
    let m: number, inner: number, outShape: number[];
    if (s.axis === null) {
      m = prod(shape); inner = 1;
      outShape = s.keepdims ? shape.map(() => 1) : [];
      if (m === 0) throw new RangeError(`${s.name}: attempt to get ${s.name} of an empty sequence`);
    } else {
      const ax = normalizeAxis(s.axis, shape.length, s.name);
      m = shape[ax]!; inner = prod(shape, ax + 1);
      outShape = s.keepdims ? shape.map((n, d) => (d === ax ? 1 : n)) : shape.filter((_, d) => d !== ax);
      if (m === 0) throw new RangeError(`${s.name}: attempt to get ${s.name} of an empty sequence (axis ${ax} of shape ${shapeStr(shape)})`);
    }
    const n = prod(outShape);
    const out = c.output(s.out, outShape);
    if (n === 0) return;
    const serial = serialFits(n, m);
    const site = serial ? 0 : 1;
    const p = c.params(site, ARGREDUCE.count);
    p.u[ARGREDUCE.n] = n; p.u[ARGREDUCE.m] = m; p.u[ARGREDUCE.inner] = inner;
    if (serial) c.dispatch(site, s.kernels.serial, [c.buffer(s.in), out], groupsFor(n));
    else c.dispatch(site, s.kernels.tree, [c.buffer(s.in), out], n);
  },
};
