// The strided copy: any view of one buffer (transposes, basic slices, broadcasts, a piece of a
// concatenation) written into another, converting dtype on the way.
import type { DType } from '../../../../runtime/dtype.ts';
import { COPY } from '../../../../runtime/webgpu/layout.ts';
import { Params, binding, cast, el, kernel, linearMain, put, unravel } from '../wgsl.ts';

/** Params: see runtime/webgpu/layout.ts COPY; strides of the source are signed (negative steps). */
export function renderCopy(rank: number, from: DType, to: DType): string {
  const L = COPY(rank);
  const P = new Params(L.count);
  const sizes = Array.from({ length: rank }, (_, d) => P.u(L.shape + d));
  let src = P.i(L.inOff);
  let dst = P.u(L.outOff);
  for (let d = 0; d < rank; d++) {
    src += ` + i32(i${d}) * ${P.i(L.inStrides + d)}`;
    dst += ` + i${d} * ${P.u(L.outStrides + d)}`;
  }
  const body = [
    `  if (i >= ${P.u(L.n)}) { return; }`,
    unravel('i', sizes),
    `  let v = ${el('a', `u32(${src})`, from)};`,
    `  o[${dst}] = ${put(cast('v', from, to), to)};`,
  ].filter((s) => s !== '').join('\n');
  return kernel(P, [binding(1, 'a', from), binding(2, 'o', to, true)], linearMain(body));
}
