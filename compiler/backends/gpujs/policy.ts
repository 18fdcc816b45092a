// The dtype policy of the GPU.js backend. GPU.js stores and computes float32 only (cpu mode
// computes in float64 but rounds every output to float32), so:
// - float64 never reaches a kernel: compiling fails, naming the variable, instead of silently
//   losing precision. Host steps (shape arithmetic, random draws) may still use float64.
// - float16 is refused the same way: GPU.js would store it as float32, skipping the binary16
//   rounding every other backend applies.
// - integers and bools are float32 values: exact up to 2^24 in magnitude. Narrow integers
//   (int8, int16, uint8) wrap as numpy's do; int32, int64 and uint32 results past 2^24 round.
import type { Apply, Variable } from '../../graph.ts';
import { describe, where } from '../shared/naming.ts';

const HINT = "GPU.js computes in float32 only — use float32 (T.config.floatX = 'float32' or HYPATIA_FLAGS=floatX=float32)";

/** A kernel node: none of its inputs (but `params`, which the host reads) or outputs is float64. */
export function checkKernelNode(n: Apply, inputs: readonly Variable[], params: ReadonlySet<number> = new Set()): void {
  for (const v of [...n.inputs.filter((_, i) => !params.has(i)), ...n.outputs]) {
    if (v.dtype !== 'float64' && v.dtype !== 'float16') continue;
    const use = n.outputs.includes(v) ? '' : `, used by ${n.op.name},`;
    throw new TypeError(`gpujs: ${describe(v, inputs)}${use} is ${v.dtype}; ${HINT}${where(v)}`);
  }
}

/** A value a kernel reads: float64 is refused. */
export function checkStored(v: Variable, inputs: readonly Variable[]): void {
  if (v.dtype === 'float64' || v.dtype === 'float16') throw new TypeError(`gpujs: ${describe(v, inputs)} is ${v.dtype}; ${HINT}${where(v)}`);
}
