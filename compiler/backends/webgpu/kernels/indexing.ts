// Integer-array indexing on the device: gather (x[index]) and scatter (x[index] = / += y).
// Index arrays stay on the device; an out-of-bounds index sets the status words, which the
// runtime turns into numpy's IndexError message. Basic-only indexing uses the strided copy.
import type { DType } from '../../../../runtime/dtype.ts';
import { GATHER, SCATTER, STATUS_WORDS } from '../../../../runtime/webgpu/layout.ts';
import { Params, binding, cast, el, kernel, linearMain, put, unravel, wrap, wt } from '../wgsl.ts';

/** The static structure of an index: basic output axes, the advanced block's rank and position. */
export interface IndexShape { nb: number; na: number; advAt: number; arrays: DType[]; axes: number[] }

const statusDecl = (k: number) => `@group(0) @binding(${k}) var<storage, read_write> st: array<atomic<u32>, ${STATUS_WORDS}>;`;

/** Lines adding each index array's element at block coordinates c0.. to `off`, with bounds checks. */
function arrayOffsets(s: IndexShape, P: Params, L: ReturnType<typeof GATHER>, pad: string): string {
  return s.arrays.map((d, j) => {
    const at = L.arrays + j * L.perArray;
    const pos = ['0u', ...Array.from({ length: s.na }, (_, e) => `c${e} * ${P.u(at + 2 + e)}`)].join(' + ');
    const load = wt(d) === 'u32' ? `bitcast<i32>(x${j}[${pos}])` : `x${j}[${pos}]`;
    return [
      `${pad}let ix${j} = ${load};`,
      `${pad}let size${j} = ${P.i(at)};`,
      `${pad}var v${j} = select(ix${j}, ix${j} + size${j}, ix${j} < 0i);`,
      `${pad}if (v${j} < 0i || v${j} >= size${j}) {`,
      `${pad}  atomicMax(&st[0], ${P.u(L.tag)}); atomicStore(&st[1], bitcast<u32>(ix${j})); atomicStore(&st[2], ${s.axes[j]}u); atomicStore(&st[3], u32(size${j}));`,
      `${pad}  v${j} = 0i;`,
      `${pad}}`,
      `${pad}off = off + v${j} * ${P.i(at + 1)};`,
    ].join('\n');
  }).join('\n');
}

/** Output axis e of x[index]: basic axis q, or block axis e - advAt. */
function outAxes(s: IndexShape): ({ basic: number } | { block: number })[] {
  const out: ({ basic: number } | { block: number })[] = [];
  for (let q = 0; q < s.advAt; q++) out.push({ basic: q });
  for (let e = 0; e < s.na; e++) out.push({ block: e });
  for (let q = s.advAt; q < s.nb; q++) out.push({ basic: q });
  return out;
}

export function renderGather(s: IndexShape, d: DType): string {
  const L = GATHER(s.nb, s.na, s.arrays.length);
  const P = new Params(L.count);
  const axes = outAxes(s);
  const sizes = axes.map((a) => ('basic' in a ? P.u(L.sizes + a.basic) : P.u(L.advShape + a.block)));
  const lines = [
    `  if (i >= ${P.u(L.n)}) { return; }`,
    unravel('i', sizes, 'o'),
    `  var off = ${P.i(L.base)};`,
  ];
  axes.forEach((a, e) => {
    if ('basic' in a) lines.push(`  off = off + i32(o${e}) * ${P.i(L.strides + a.basic)};`);
    else lines.push(`  let c${a.block} = o${e};`);
  });
  lines.push(arrayOffsets(s, P, L, '  '), '  out[i] = a[u32(off)];');
  const A = s.arrays.length;
  const binds = [binding(1, 'a', d), ...s.arrays.map((t, j) => binding(2 + j, `x${j}`, t)), binding(A + 2, 'out', d, true), statusDecl(A + 3)];
  return kernel(P, binds, linearMain(lines.filter((l) => l !== '').join('\n')));
}

/**
 * One invocation per basic position walks the advanced block in order: two elements of the
 * region can only land on the same place when their basic coordinates agree, so no two
 * invocations ever write the same element, and repeats apply in index order (numpy's add.at;
 * for `set`, the last write wins).
 */
export function renderScatter(s: IndexShape, x: DType, y: DType, mode: 'set' | 'inc'): string {
  const L = SCATTER(s.nb, s.na, s.arrays.length);
  const P = new Params(L.count);
  const basicSizes = Array.from({ length: s.nb }, (_, q) => P.u(L.sizes + q));
  const blockSizes = Array.from({ length: s.na }, (_, e) => P.u(L.advShape + e));
  const axes = outAxes(s);
  const basicOff = ['0i', ...Array.from({ length: s.nb }, (_, q) => `i32(b${q}) * ${P.i(L.strides + q)}`)].join(' + ');
  const yOff = ['0u', ...axes.map((a, e) => `${'basic' in a ? `b${a.basic}` : `c${a.block}`} * ${P.u(L.yStrides + e)}`)].join(' + ');
  const yv = cast(el('y', yOff, y), y, x);
  const store = mode === 'set' ? 'yv' : x === 'bool' ? '(out[uoff] | yv)' : wrap(`(${el('out', 'uoff', x)} + yv)`, x);
  const lines = [
    `  if (i >= ${P.u(L.n)}) { return; }`,
    unravel('i', basicSizes, 'b'),
    `  let boff = ${P.i(L.base)} + ${basicOff};`,
    `  for (var p = 0u; p < ${P.u(L.advSize)}; p = p + 1u) {`,
    unravel('p', blockSizes, 'c').replace(/^ {2}/gm, '    '),
    '    var off = boff;',
    arrayOffsets(s, P, GATHER(s.nb, s.na, s.arrays.length), '    '),
    '    let uoff = u32(off);',
    `    let yv = ${yv};`,
    `    out[uoff] = ${put(store, x)};`,
    '  }',
  ];
  const A = s.arrays.length;
  // `auto` layouts drop unused bindings: without index arrays there is no status to report
  const binds = [binding(1, 'y', y), ...s.arrays.map((t, j) => binding(2 + j, `x${j}`, t)), binding(A + 2, 'out', x, true), ...(A > 0 ? [statusDecl(A + 3)] : [])];
  return kernel(P, binds, linearMain(lines.filter((l) => l !== '').join('\n')));
}

/** Storage bindings a gather or scatter needs: source, index arrays, output, status. */
export const indexBindings = (arrays: number) => arrays + (arrays > 0 ? 3 : 2);
