// The dtype policy of the WebGPU backend (WGSL has neither f64 nor 64-bit integers):
// - float64 never reaches the device: compiling fails, naming the variable, rather than
//   silently computing in float32. Host-side shape arithmetic may still be float64.
// - float16 runs on every adapter: computed in f32 and rounded to binary16 wherever the CPU
//   backend rounds (wgsl.ts round16); stored packed where the device has `shader-f16`, in f32
//   lanes elsewhere (runtime/webgpu/storage.ts).
// - int64 is stored in 32 bits. That is exact for the values it holds there: inputs, shared
//   values and constants are range-checked where they enter, and indices and sizes (argmax,
//   argsort, arange, shapes) are bounded by buffer sizes. Ops whose int64 result could leave
//   the 32-bit range (sums, products, arithmetic) are refused here.
import { INT_RANGE } from '../../../runtime/dtype.ts';
import { Constant, type Apply, type Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import type { ScalarOpName } from '../../ops/scalar.ts';
import { describe, where } from '../shared/naming.ts';

const FLOAT_HINT = "WGSL has no f64 — use float32 (T.config.floatX = 'float32' or HYPATIA_FLAGS=floatX=float32)";

/** Elementwise ops whose int64 result stays within the range of their int64 operands. */
const BOUNDED = new Set<ScalarOpName>(['identity', 'cast', 'second', 'switch', 'minimum', 'maximum', 'clip', 'and_', 'or_', 'xor', 'invert',
  'sgn', 'floor', 'ceil', 'round', 'trunc']);

/** A value that will be stored on the device: float64 is refused, int64 constants must fit. */
export function checkStored(v: Variable, inputs: readonly Variable[]): void {
  if (v.dtype === 'float64') throw new TypeError(`webgpu: ${describe(v, inputs)} is float64; ${FLOAT_HINT}${where(v)}`);
  if (v.dtype === 'int64' && v instanceof Constant) {
    const [lo, hi] = INT_RANGE.int32;
    for (const x of v.value.data) {
      if (x < lo || x > hi) throw new TypeError(`webgpu: ${describe(v, inputs)} holds ${x}, which does not fit in 32 bits; WebGPU stores int64 as int32${where(v)}`);
    }
  }
}

const int64Error = (what: string, v: Variable) => new TypeError(
  `webgpu: ${what} gives int64 values that may not fit in 32 bits, and WGSL has no 64-bit integers; ` +
  `cast to int32 first (T.cast(x, 'int32'), or T.sum(x, { dtype: 'int32' }))${where(v)}`);

/**
 * A node computed by a kernel: no float64 anywhere in it, and int64 only where bounded.
 * `params` are the inputs the host reads (sizes, bounds), which may be anything.
 */
export function checkKernelNode(n: Apply, inputs: readonly Variable[], params: ReadonlySet<number> = new Set()): void {
  for (const v of [...n.inputs.filter((_, i) => !params.has(i)), ...n.outputs]) {
    if (v.dtype !== 'float64') continue;
    const use = n.outputs.includes(v) ? '' : `, used by ${n.op.name},`;
    throw new TypeError(`webgpu: ${describe(v, inputs)}${use} is float64; ${FLOAT_HINT}${where(v)}`);
  }
  const out = n.outputs[0]!;
  if (out.dtype !== 'int64') return;
  switch (n.op.kind) {
    case 'elemwise': {
      const p = n.op.params as OpParams['elemwise'];
      // a uint32 operand promotes to int64 with values past the int32 range
      const wide = n.inputs.some((i) => i.dtype === 'uint32') || (p.scalar === 'cast' && n.inputs[0]!.dtype.startsWith('float'));
      if (!BOUNDED.has(p.scalar) || wide) throw int64Error(`${p.scalar}`, out);
      return;
    }
    case 'reduce': {
      const p = n.op.params as OpParams['reduce'];
      // counting bools stays below the element count, which fits in 32 bits
      if ((p.op === 'sum' || p.op === 'prod') && n.inputs[0]!.dtype !== 'bool') throw int64Error(`${p.op}`, out);
      return;
    }
    case 'dot': case 'tensordot': case 'batched_dot':
      throw int64Error(n.op.name, out);
    default:
      return;
  }
}
