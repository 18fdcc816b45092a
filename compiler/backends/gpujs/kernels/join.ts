// concatenate as one gather: each output element picks the input its coordinate along the axis
// falls in (GPU.js kernels cannot write into a slice of their output, so no copy per input).
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import { kernel, names, unravel } from '../js.ts';
import { cast } from '../scalar.ts';

/** Params: output sizes s0.., then e0.. where input j ends along the axis (all but the last). */
export function renderConcat(rank: number, axis: number, ins: readonly DType[], out: DType): GpuJsKernel {
  const k = ins.length;
  const sizes = names('s', rank), ends = names('e', k - 1);
  const body = ['const i = this.thread.x;', ...unravel('i', sizes, 'c')];
  const offset = (j: number) => {
    const start = j === 0 ? '0' : ends[j - 1]!;
    const len = j === k - 1 ? `(s${axis} - ${start})` : j === 0 ? ends[0]! : `(${ends[j]} - ${start})`;
    let off = '';
    for (let d = 0; d < rank; d++) {
      const c = d === axis ? `(c${d} - ${start})` : `c${d}`;
      off = off === '' ? c : `(${off}) * ${d === axis ? len : sizes[d]} + ${c}`;
    }
    return off;
  };
  body.push('let v = 0;');
  for (let j = 0; j < k; j++) {
    const read = `v = ${cast(`a${j}[${offset(j)}]`, ins[j]!, out)};`;
    if (j === 0) body.push(k === 1 ? read : `if (c${axis} < e0) {`, ...(k === 1 ? [] : [`  ${read}`]));
    else if (j < k - 1) body.push(`} else if (c${axis} < e${j}) {`, `  ${read}`);
    else body.push('} else {', `  ${read}`, '}');
  }
  body.push('return v;');
  return kernel(`concat${rank}_${k}`, [...names('a', k), ...sizes, ...ends], body, ['concatenate']);
}
