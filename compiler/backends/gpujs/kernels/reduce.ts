// Reductions over any set of axes, one thread per (output, chunk): a thread folds `chunkLen`
// consecutive reduced positions. Short reductions use one chunk; long ones (few outputs, many
// positions) fold chunks first and the partial results in a second pass, which keeps every
// thread's loop short on the GPU and float32 sums accurate.
import { type DType, isFloat } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import type { ReduceOpName } from '../../../ops/params.ts';
import { dotTerms, kernel, names, unravel, wrap } from '../js.ts';

/** The value combining nothing, and how an accumulator takes in a value. */
function monoid(op: ReduceOpName, d: DType): { id: string; combine: (acc: string, v: string) => string } {
  const f = isFloat(d);
  switch (op) {
    case 'sum': return { id: '0', combine: (a, v) => `${a} + ${v}` };
    case 'prod': return { id: '1', combine: (a, v) => `${a} * ${v}` };
    case 'max': return { id: '(-inf_(0))', combine: (a, v) => (f ? `fmax_(${a}, ${v})` : `Math.max(${a}, ${v})`) };
    case 'min': return { id: 'inf_(0)', combine: (a, v) => (f ? `fmin_(${a}, ${v})` : `Math.min(${a}, ${v})`) };
    case 'all': return { id: '1', combine: (a, v) => `(${a} !== 0 && ${v} !== 0 ? 1 : 0)` };
    case 'any': return { id: '0', combine: (a, v) => `(${a} !== 0 || ${v} !== 0 ? 1 : 0)` };
  }
}

/**
 * kr kept and rr reduced axes. Params: chunks, chunkLen, m (positions per output), kept sizes
 * k0.. and strides K0.., reduced sizes r0.. and strides R0..; thread i is chunk i % chunks of
 * output i / chunks.
 */
export function renderReduce(op: ReduceOpName, from: DType, to: DType, kr: number, rr: number): GpuJsKernel {
  const ks = names('k', kr), kt = names('K', kr), rs = names('r', rr), rt = names('R', rr);
  // the maximum of a float is float whatever the output says; comparisons of ints are exact
  const { id, combine } = monoid(op, isFloat(from) ? from : to);
  const body = [
    'const i = this.thread.x;',
    'const o = qdiv_(i, chunks);',
    'const start = (i - o * chunks) * chunkLen;',
    'const len = Math.min(chunkLen, m - start);',
    ...unravel('o', ks, 'c'),
    `const base = ${dotTerms(names('c', kr), kt)};`,
    `let acc = ${id};`,
    'for (let j = 0; j < len; j++) {',
    '  const p = start + j;',
    ...unravel('p', rs, 'e').map((l) => `  ${l}`),
    `  acc = ${combine('acc', `a[${dotTerms(names('e', rr), rt, 'base')}]`)};`,
    '}',
    `return ${wrap('acc', to)};`,
  ];
  return kernel(`${op}${kr}x${rr}_${from}_${to}`, ['a', 'chunks', 'chunkLen', 'm', ...ks, ...kt, ...rs, ...rt], body, [op]);
}

/** argmax/argmin along one axis: element k of lane (o, j) is at (o * m + k) * inner + j; NaN wins, ties keep the first. */
export function renderArgReduce(op: 'argmax' | 'argmin'): GpuJsKernel {
  const better = op === 'argmax' ? '>' : '<';
  const body = [
    'const i = this.thread.x;',
    'const o = qdiv_(i, inner);',
    'const base = o * m * inner + (i - o * inner);',
    'let best = a[base];',
    'let at = 0;',
    'let found = isnan_(best);',
    'for (let k = 1; k < m; k++) {',
    '  const v = a[base + k * inner];',
    '  if (found === 0) {',
    `    if (isnan_(v) === 1 || v ${better} best) {`,
    '      best = v;',
    '      at = k;',
    '      found = isnan_(v);',
    '    }',
    '  }',
    '}',
    'return at;',
  ];
  return kernel(op, ['a', 'm', 'inner'], body, [op]);
}
