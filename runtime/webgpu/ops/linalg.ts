// Products as one batched strided matmul: numpy.dot for every pairing of ndims, batched_dot,
// and tensordot (after moving the summed axes into place).
import type { GpuStep, MatmulKernels } from '../code.ts';
import { tensordotShape } from '../../device/shapes.ts';
import { MATMUL } from '../layout.ts';
import { BYTES } from '../storage.ts';
import { type Runner, type StepContext, groupsFor, prod, shapeStr, strides } from './runner.ts';
import { stridedCopy } from './shape.ts';

type Of<K extends GpuStep['op']> = Extract<GpuStep, { op: K }>;
type Geometry = Record<Exclude<keyof typeof MATMUL, 'count' | 'total'>, number> & { batch: number; out: number[] };

const TILE = 16;

/** numpy.dot of one pair of operands (per batch entry for batched_dot). */
function dotGeometry(a: readonly number[], b: readonly number[], op: string, shownA: readonly number[], shownB: readonly number[], dimBase: number): Geometry {
  const g = { M: 1, N: 1, K: 1, aM: 0, aK: 0, bK: 0, bN: 0, cM: 0, cN: 0, aB: 0, bB: 0, cB: 0, batch: 1, out: [] as number[] };
  if (a.length === 0) return { ...g, N: prod(b), bN: 1, cN: 1, out: b.slice() };
  if (b.length === 0) return { ...g, M: prod(a), aM: 1, cM: 1, out: a.slice() };
  const aAxis = a.length - 1, bAxis = b.length >= 2 ? b.length - 2 : 0;
  const K = a[aAxis]!;
  if (K !== b[bAxis]) {
    throw new RangeError(`${op}: shapes ${shapeStr(shownA)} and ${shapeStr(shownB)} not aligned: ${K} (dim ${aAxis + dimBase}) != ${b[bAxis]} (dim ${bAxis + dimBase})`);
  }
  const M = prod(a, 0, aAxis);
  if (b.length === 1) return { ...g, M, K, aM: K, aK: 1, bK: 1, cM: 1, out: a.slice(0, -1) };
  const N = b[b.length - 1]!, Bc = prod(b, 0, b.length - 2);
  return {
    ...g, M, N, K, aM: K, aK: 1, bK: N, bN: 1, cM: Bc * N, cN: 1, batch: Bc, bB: K * N, cB: N,
    out: [...a.slice(0, -1), ...b.slice(0, -2), N],
  };
}

/** Products thinner than a tile on either side run one invocation per output element. */
const thin = (g: Geometry) => g.M < TILE || g.N < TILE || g.K < TILE;

function launch(c: StepContext, site: number, kernels: MatmulKernels, g: Geometry, A: GPUBuffer, B: GPUBuffer, C: GPUBuffer): void {
  const total = g.M * g.N * g.batch;
  if (total === 0) return;
  // the two kernels have their own sites: their bind group layouts differ
  const serial = thin(g), at = serial ? site : site + 1;
  const p = c.params(at, MATMUL.count);
  for (const k of Object.keys(MATMUL) as (keyof typeof MATMUL)[]) if (k !== 'count' && k !== 'total') p.u[MATMUL[k]] = g[k];
  p.u[MATMUL.total] = total;
  if (serial) { c.dispatch(at, kernels.serial, [A, B, C], groupsFor(total)); return; }
  const grid = [Math.ceil(g.N / TILE), Math.ceil(g.M / TILE), g.batch] as const;
  if (grid.some((n) => n > 65535)) throw new RangeError(`webgpu: a product of shape (${g.batch}, ${g.M}, ${g.N}) exceeds the dispatch limits (65535 tiles per axis)`);
  c.dispatch3(at, kernels.tiled, [A, B, C], grid);
}

export const matmul: Runner<Of<'matmul'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const a = c.shape(s.a), b = c.shape(s.b);
    let g: Geometry;
    if (s.form === 'dot') g = dotGeometry(a, b, 'dot', a, b, 0);
    else {
      if (a.length < 1 || b.length < 1) throw new RangeError(`batchedDot: both inputs need a leading batch axis, got shapes ${shapeStr(a)} and ${shapeStr(b)}`);
      if (a[0] !== b[0]) throw new RangeError(`batchedDot: batch sizes differ: shapes ${shapeStr(a)} and ${shapeStr(b)} (${a[0]} != ${b[0]})`);
      const one = dotGeometry(a.slice(1), b.slice(1), 'batchedDot', a, b, 1);
      g = { ...one, batch: a[0]!, aB: prod(a, 1), bB: prod(b, 1), cB: prod(one.out), out: [a[0]!, ...one.out] };
    }
    const out = c.output(s.out, g.out);
    launch(c, 0, s.kernels, g, c.buffer(s.a), c.buffer(s.b), out);
  },
};

export const tensordot: Runner<Of<'tensordot'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const a = c.shape(s.a), b = c.shape(s.b);
    const { freeA, freeB, M, N, K, out: outShape } = tensordotShape(a, b, s.axesA, s.axesB);
    const out = c.output(s.out, outShape);
    const moved = (site: number, kernel: number | null, slot: number, shape: readonly number[], perm: number[]): GPUBuffer => {
      const src = c.buffer(slot);
      if (kernel === null) return src;
      const st = strides(shape);
      const pshape = perm.map((d) => shape[d]!);
      const dst = c.temp(site, Math.max(1, prod(shape)) * BYTES);
      stridedCopy(c, site, kernel, src, dst, pshape, 0, perm.map((d) => st[d]!), 0, strides(pshape));
      return dst;
    };
    const A = moved(0, s.permuteA, s.a, a, [...freeA, ...s.axesA]);
    const B = moved(1, s.permuteB, s.b, b, [...s.axesB, ...freeB]);
    launch(c, 3, s.kernels, { M, N, K, aM: K, aK: 1, bK: N, bN: 1, cM: N, cN: 1, aB: 0, bB: 0, cB: 0, batch: 1, out: [] }, A, B, out);
  },
};
