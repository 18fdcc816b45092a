// Advanced indexing. Reading x[index] with index arrays is a gather: each output element finds
// its source through the arrays. Writing x[index] = y (or += y) cannot scatter in GPU.js, so it
// is a gather too: each element of x checks whether the index reaches it and, with index
// arrays, scans the index block for the positions that land on it (the last one wins for
// `set`; `inc` adds them all, repeats included). Kernels are specialized on the index
// template's structure; bounds and sizes are parameters.
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel, IndexSpec } from '../../../../runtime/gpujs/code.ts';
import { dotTerms, kernel, names, unravel, wrap } from '../js.ts';
import { cast } from '../scalar.ts';

/** The static structure of x[index]: basic output axes, the advanced block's rank and place. */
export interface IndexShape { nb: number; na: number; advAt: number; arrays: number }

/**
 * Params: base, basic sizes s0.. and strides t0.., the block's shape v0.., then per index
 * array j its axis size N{j}, axis stride M{j} and strides over the block B{j}_0..
 */
export function renderGather(s: IndexShape, op: string): GpuJsKernel {
  const sizes = names('s', s.nb), strides = names('t', s.nb), adv = names('v', s.na);
  const perArray = (j: number) => [`N${j}`, `M${j}`, ...names(`B${j}_`, s.na)];
  const outSizes = [...sizes.slice(0, s.advAt), ...adv, ...sizes.slice(s.advAt)];
  const coords = unravel('i', outSizes, 'c');
  const basic = [...names('c', s.advAt), ...names('c', s.nb - s.advAt, s.advAt + s.na)];
  const block = names('c', s.na, s.advAt);
  const body = ['const i = this.thread.x;', ...coords];
  const terms = [dotTerms(basic, strides, 'base')];
  for (let j = 0; j < s.arrays; j++) {
    body.push(`const g${j} = ix${j}[${dotTerms(block, names(`B${j}_`, s.na))}];`);
    terms.push(`(g${j} < 0 ? g${j} + N${j} : g${j}) * M${j}`);
  }
  body.push(`return a[${terms.join(' + ')}];`);
  const params = ['a', ...names('ix', s.arrays), 'base', ...sizes, ...strides, ...adv];
  for (let j = 0; j < s.arrays; j++) params.push(...perArray(j));
  return kernel(`gather${s.nb}_${s.na}_${s.arrays}`, params, body, [op]);
}

/**
 * x with x[index] set to (or increased by) y. Params: x's sizes X0.., then per index entry k
 * in template order: an int its value n{k}, a slice its start st{k}, step sp{k} and length
 * ln{k}; then the block's shape v0.., per index array j its strides over the block B{j}_0..,
 * y's strides over the indexed shape Y0.., and the block's size advSize.
 */
export function renderScatter(spec: IndexSpec, xNdim: number, s: IndexShape, mode: 'set' | 'inc', x: DType, y: DType, op: string): GpuJsKernel {
  const X = names('X', xNdim);
  const body = ['const i = this.thread.x;', ...unravel('i', X, 'x'), 'const xv = a[i];', 'let ok = 1;'];
  const params = ['a', 'y', ...names('ix', s.arrays), ...X];
  const basic: string[] = [];
  const arrays: { j: number; axis: number }[] = [];
  let axis = 0;
  spec.index.forEach((e, k) => {
    switch (e.kind) {
      case 'newaxis': basic.push('0'); return;
      case 'int':
        params.push(`n${k}`);
        body.push(`if (x${axis} !== n${k}) { ok = 0; }`);
        break;
      case 'slice':
        params.push(`st${k}`, `sp${k}`, `ln${k}`);
        body.push(
          `const r${k} = x${axis} - st${k};`,
          // the nearest step count, checked: exact whatever the division's rounding
          `const h${k} = Math.floor(r${k} / sp${k} + 0.5);`,
          `if (h${k} * sp${k} !== r${k} || h${k} < 0 || h${k} >= ln${k}) { ok = 0; }`,
        );
        basic.push(`h${k}`);
        break;
      case 'array':
        arrays.push({ j: arrays.length, axis });
        break;
    }
    axis++;
  });
  for (; axis < xNdim; axis++) basic.push(`x${axis}`);
  const adv = names('v', s.na);
  params.push(...adv);
  for (let j = 0; j < s.arrays; j++) params.push(...names(`B${j}_`, s.na));
  const Y = names('Y', s.nb + s.na);
  params.push(...Y, 'advSize');
  const yBasic = [...Y.slice(0, s.advAt), ...Y.slice(s.advAt + s.na)];
  const yBlock = Y.slice(s.advAt, s.advAt + s.na);
  // numpy casts the value to x's dtype first, then stores or adds it (wrapping)
  const yv = (e: string) => cast(e, y, x);
  const add = (v: string) => wrap(`(xv + ${v})`, x);
  if (s.arrays === 0) {
    const read = yv(`y[${dotTerms(basic, yBasic)}]`);
    body.push('if (ok === 0) {', '  return xv;', '}', `return ${mode === 'set' ? read : add(read)};`);
    return kernel(`${mode}_basic${xNdim}`, params, body, [op]);
  }
  body.push(
    `let v = ${mode === 'set' ? 'xv' : '0'};`,
    'if (ok === 1) {',
    '  for (let p = 0; p < advSize; p++) {',
    ...unravel('p', adv, 'e').map((l) => `    ${l}`),
    '    let m = 1;',
  );
  for (const { j, axis: ax } of arrays) {
    body.push(
      `    const g${j} = ix${j}[${dotTerms(names('e', s.na), names(`B${j}_`, s.na))}];`,
      `    if ((g${j} < 0 ? g${j} + X${ax} : g${j}) !== x${ax}) { m = 0; }`,
    );
  }
  const yOff = dotTerms([...basic, ...names('e', s.na)], [...yBasic, ...yBlock]);
  body.push(
    '    if (m === 1) {',
    `      v = ${mode === 'set' ? yv(`y[${yOff}]`) : `v + ${yv(`y[${yOff}]`)}`};`,
    '    }',
    '  }',
    '}',
    `return ${mode === 'set' ? 'v' : add('v')};`,
  );
  return kernel(`${mode}_gather${xNdim}_${s.na}_${s.arrays}`, params, body, [op]);
}
