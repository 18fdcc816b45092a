// Strided reads: out[i] = a[off + Σ c_d * t_d] over the output's coordinates c. Transposes,
// basic indexing, broadcasts (stride 0) and tensordot's operand permutations are all this.
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import { dotTerms, kernel, names, unravel, wrap } from '../js.ts';

/** Params: off, the output sizes s0.., the input strides t0..; `to` wraps a narrowing cast. */
export function renderCopy(rank: number, op: string, to?: DType): GpuJsKernel {
  const sizes = names('s', rank), strides = names('t', rank);
  const body = [
    'const i = this.thread.x;',
    ...unravel('i', sizes, 'c'),
    `return ${wrap(`a[${dotTerms(names('c', rank), strides, 'off')}]`, to ?? 'float32')};`,
  ];
  return kernel(`copy${rank}${to ? `_${to}` : ''}`, ['a', 'off', ...sizes, ...strides], body, [op]);
}

/** out[i] = a[0]: alloc's fill (a 0-d value broadcast to any shape). */
export function renderFill(op: string): GpuJsKernel {
  return kernel('fill', ['a'], ['return a[0];'], [op]);
}
