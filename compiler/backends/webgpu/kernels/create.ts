// Arrays made from parameters: arange and eye. (alloc is a strided copy with zero strides.)
import type { DType } from '../../../../runtime/dtype.ts';
import { ARANGE, EYE } from '../../../../runtime/webgpu/layout.ts';
import { Params, binding, cast, kernel, linearMain, literal, put, wrap, wt } from '../wgsl.ts';

/**
 * Integer dtypes count in i32 when start and step are integral (the runtime says so with
 * startF = NaN); float dtypes always count in f32, and float16 rounds each value.
 */
export function renderArange(d: DType): string {
  const P = new Params(ARANGE.count);
  const value = wt(d) === 'f32'
    ? wrap(`(${P.f(ARANGE.startF)} + f32(i) * ${P.f(ARANGE.stepF)})`, d)
    : `select(${cast(`(${P.f(ARANGE.startF)} + f32(i) * ${P.f(ARANGE.stepF)})`, 'float32', d)}, ${cast(`(${P.i(ARANGE.startI)} + i32(i) * ${P.i(ARANGE.stepI)})`, 'int32', d)}, ${P.u(ARANGE.startF)} == 0x7fc00000u)`;
  const body = `  if (i >= ${P.u(ARANGE.n)}) { return; }\n  o[i] = ${put(value, d)};`;
  return kernel(P, [binding(1, 'o', d, true)], linearMain(body));
}

export function renderEye(d: DType): string {
  const P = new Params(EYE.count);
  const body = `  if (i >= ${P.u(EYE.n)}) { return; }
  let cols = ${P.u(EYE.cols)};
  let on = i32(i % cols) - i32(i / cols) == ${P.i(EYE.k)};
  o[i] = ${put(`select(${literal(0, d)}, ${literal(1, d)}, on)`, d)};`;
  return kernel(P, [binding(1, 'o', d, true)], linearMain(body));
}
