// Reductions over any set of axes. Two strategies share one parameter layout: `serial` (one
// invocation per output, for short reductions or many outputs) and `tree` (a workgroup per
// output, or per chunk of one in the first pass of a two-pass reduction, combining in
// workgroup memory). The runtime picks by size. A float16 result accumulates in f32 and is
// rounded once, at the end (the CPU accumulates in float64 and rounds once too).
import type { DType } from '../../../../runtime/dtype.ts';
import { REDUCE } from '../../../../runtime/webgpu/layout.ts';
import type { ReduceOpName } from '../../../ops/params.ts';
import { Params, WORKGROUP, binding, cast, el, kernel, linearMain, literal, put, unravel, wrap, wt } from '../wgsl.ts';

/** The value combining nothing, and how two partial results combine. */
function monoid(op: ReduceOpName, d: DType): { id: string; combine: (a: string, b: string) => string } {
  const f = wt(d) === 'f32';
  switch (op) {
    case 'sum': return { id: literal(0, d), combine: (a, b) => `(${a} + ${b})` };
    case 'prod': return { id: literal(1, d), combine: (a, b) => `(${a} * ${b})` };
    case 'max': return { id: f ? '(-inf_())' : wt(d) === 'i32' ? literal(-2147483648, d) : '0u', combine: (a, b) => (f ? `fmax_(${a}, ${b})` : `max(${a}, ${b})`) };
    case 'min': return { id: f ? 'inf_()' : wt(d) === 'i32' ? '2147483647i' : '4294967295u', combine: (a, b) => (f ? `fmin_(${a}, ${b})` : `min(${a}, ${b})`) };
    case 'all': return { id: '1u', combine: (a, b) => `(${a} & ${b})` };
    case 'any': return { id: '0u', combine: (a, b) => `(${a} | ${b})` };
  }
}

export type ReduceStrategy = 'serial' | 'tree';

/** The dtype a reduction to `to` accumulates in: float16 sums in f32, rounding only the result. */
export const accumulator = (to: DType): DType => (to === 'float16' ? 'float32' : to);

/**
 * One reduction kernel; `from` is the input dtype, `to` the output dtype. The accumulator is
 * `accumulator(to)`; a `partial` kernel (the first pass of two) writes it unrounded.
 */
export function renderReduce(op: ReduceOpName, from: DType, to: DType, kr: number, rr: number, strategy: ReduceStrategy, partial = false): string {
  const L = REDUCE(kr, rr);
  const P = new Params(L.count);
  const acc = accumulator(to);
  const out = partial ? acc : to;
  const { id, combine } = monoid(op, acc);
  const keptSizes = Array.from({ length: kr }, (_, d) => P.u(L.keptSizes + d));
  const redSizes = Array.from({ length: rr }, (_, d) => P.u(L.redSizes + d));
  const keptOff = ['0u', ...Array.from({ length: kr }, (_, d) => `k${d} * ${P.u(L.keptStrides + d)}`)].join(' + ');
  const redOff = ['0u', ...Array.from({ length: rr }, (_, d) => `r${d} * ${P.u(L.redStrides + d)}`)].join(' + ');
  const load = (at: string) => cast(el('a', at, from), from, acc);
  const binds = [binding(1, 'a', from), binding(2, 'o', out, true)];

  const reduceLoop = (start: string, end: string, step: string) => [
    `  for (var r = ${start}; r < ${end}; r = r + ${step}) {`,
    unravel('r', redSizes, 'r').replace(/^ {2}/gm, '    '),
    `    acc = ${combine('acc', load(`base + ${redOff}`))};`,
    '  }',
  ].filter((s) => s !== '').join('\n');

  if (strategy === 'serial') {
    const body = [
      `  if (i >= ${P.u(L.n)}) { return; }`,
      unravel('i', keptSizes, 'k'),
      `  let base = ${keptOff};`,
      `  var acc: ${wt(acc)} = ${id};`,
      reduceLoop('0u', P.u(L.m), '1u'),
      `  o[i] = ${put(wrap('acc', out), out)};`,
    ].filter((s) => s !== '').join('\n');
    return kernel(P, binds, linearMain(body));
  }
  const body = `var<workgroup> sh: array<${wt(acc)}, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let w = wid.x + wid.y * nwg.x;
  let chunks = ${P.u(L.chunks)};
  // no early return: every invocation must reach the barriers
  let valid = w < ${P.u(L.n)} * chunks;
  let oi = w / chunks;
${unravel('oi', keptSizes, 'k')}
  let base = ${keptOff};
  let start = (w % chunks) * ${P.u(L.chunkLen)};
  let end = select(0u, min(start + ${P.u(L.chunkLen)}, ${P.u(L.m)}), valid);
  var acc: ${wt(acc)} = ${id};
${reduceLoop('start + lid', 'end', `${WORKGROUP}u`)}
  sh[lid] = acc;
  workgroupBarrier();
  for (var s = ${WORKGROUP / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { sh[lid] = ${combine('sh[lid]', 'sh[lid + s]')}; }
    workgroupBarrier();
  }
  if (lid == 0u && valid) { o[w] = ${put(wrap('sh[0]', out), out)}; }
}`;
  return kernel(P, binds, body);
}
