// Batched strided matrix product, one thread per output element (GPU.js has no workgroup
// memory to tile in). The output is walked as three axes (u0, u1, u2) in memory order; each
// operand's offset is linear in them, so numpy.dot's (rows, batch, cols) layout and
// batched_dot's (batch, rows, cols) are the same kernel with other strides.
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import { kernel, wrap } from '../js.ts';

/** Params: S1, S2 (sizes of the inner output axes), A0..A2, B0..B2 (strides per axis), aK, bK, K. */
export function renderMatmul(out: DType, op: string): GpuJsKernel {
  const body = [
    'const i = this.thread.x;',
    'const q = qdiv_(i, S2);',
    'const u2 = i - q * S2;',
    'const u0 = qdiv_(q, S1);',
    'const u1 = q - u0 * S1;',
    'const ao = u0 * A0 + u1 * A1 + u2 * A2;',
    'const bo = u0 * B0 + u1 * B1 + u2 * B2;',
    'let acc = 0;',
    'for (let k = 0; k < K; k++) {',
    '  acc = acc + a[ao + k * aK] * b[bo + k * bK];',
    '}',
    `return ${wrap('acc', out)};`,
  ];
  return kernel(`matmul_${out}`, ['a', 'b', 'S1', 'S2', 'A0', 'A1', 'A2', 'B0', 'B1', 'B2', 'aK', 'bK', 'K'], body, [op]);
}
