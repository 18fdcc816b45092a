// Stable sort and argsort along one axis, NaN last, in two gathers: the first gives each
// element its rank in its lane (elements before it, ties broken by position); the second has
// each output place look for the element of that rank. O(n) per thread, O(n^2) per lane.
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import { kernel } from '../js.ts';

/** Element k of lane (o, j) is at (o * m + k) * inner + j. */
const LANE = [
  'const i = this.thread.x;',
  'const o = qdiv_(i, m * inner);',
  'const w = i - o * m * inner;',
  'const k = qdiv_(w, inner);',
  'const base = o * m * inner + (w - k * inner);',
];

/** a < b with NaN after everything. */
const less = (a: string, b: string) => `(${a} < ${b} || (isnan_(${b}) === 1 && isnan_(${a}) === 0))`;

export function renderRank(): GpuJsKernel {
  return kernel('sort_rank', ['a', 'm', 'inner'], [
    ...LANE,
    'const v = a[i];',
    'let rank = 0;',
    'for (let q = 0; q < m; q++) {',
    '  const u = a[base + q * inner];',
    `  if (${less('u', 'v')} || (q < k && !${less('v', 'u')})) {`,
    '    rank = rank + 1;',
    '  }',
    '}',
    'return rank;',
  ], ['sort']);
}

/** Params as the rank kernel's; `arg` returns positions instead of values. */
export function renderPlace(arg: boolean): GpuJsKernel {
  return kernel(arg ? 'argsort_place' : 'sort_place', ['a', 'ranks', 'm', 'inner'], [
    ...LANE,
    'let v = 0;',
    'for (let q = 0; q < m; q++) {',
    '  if (ranks[base + q * inner] === k) {',
    `    v = ${arg ? 'q' : 'a[base + q * inner]'};`,
    '  }',
    '}',
    'return v;',
  ], [arg ? 'argsort' : 'sort']);
}
