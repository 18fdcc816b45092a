// Arrays made from parameters alone.
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import { kernel } from '../js.ts';
import { cast } from '../scalar.ts';

/** start + i * step, converted to `d` as the CPU's arange does (from float64). */
export function renderArange(d: DType): GpuJsKernel {
  return kernel(`arange_${d}`, ['start', 'step'], ['const i = this.thread.x;', `return ${cast('(start + i * step)', 'float64', d)};`], ['arange']);
}

/** Ones where column - row = k in an (n, m) matrix. */
export function renderEye(): GpuJsKernel {
  return kernel('eye', ['m', 'k'], [
    'const i = this.thread.x;',
    'const r = qdiv_(i, m);',
    'return (i - r * m) - r === k ? 1 : 0;',
  ], ['eye']);
}
