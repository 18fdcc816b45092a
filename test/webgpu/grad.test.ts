// Gradients on WebGPU: T.grad of a random projection of every differentiable case (the same
// cases the finite-difference suite checks on the CPU), in float32, against the CPU backend.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { tensor } from '../../compiler/api/variables.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { OPS } from '../../compiler/ops/table.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import { NDArray, asarray } from '../../runtime/ndarray.ts';
import { isFloat } from '../../runtime/dtype.ts';
import { SCALAR_CASES } from '../grad/cases-scalar.ts';
import { OP_CASES } from '../grad/cases-ops.ts';
import { type AnyCase, type Case, type NoGradCase, isNoGradCase } from '../grad/inputs.ts';
import type { InputSpec } from '../grad/verify-grad.ts';
import { hasGpu } from './gpu.ts';
import { agree } from './compare.ts';
import { rand } from './cases.ts';

/** float32 everywhere, except integer inputs (indices), which keep their dtype. */
function inputOf(x: Case['inputs'][number], i: number): { value: NDArray; sym: Variable } {
  const spec = (x instanceof NDArray || typeof x === 'number' || Array.isArray(x) ? { value: x } : x) as InputSpec;
  const given = asarray(spec.value as never, { dtype: spec.dtype ?? 'float64' });
  const value = isFloat(given.dtype) ? given.astype('float32') : given;
  const sym = tensor(value.dtype, value.ndim, `in${i}`, { broadcastable: spec.broadcastable ?? value.shape.map(() => false) });
  return { value, sym };
}

/** Gradients a float32 graph has on both backends agree to float32 accuracy of a chain of ops. */
async function gradAgrees(c: Case): Promise<void> {
  const ins = c.inputs.map(inputOf);
  const syms = ins.map((x) => x.sym), values = ins.map((x) => x.value);
  const out = c.build(...syms);
  const outValue = (T.fn(syms, out, { onUnusedInput: 'ignore' }) as (...a: unknown[]) => NDArray)(...values);
  const R = T.constant(rand(outValue.shape, -1, 1), { dtype: 'float32' });
  const cost = T.sum(T.mul(T.cast(out, 'float32'), R));
  const wrt = syms.filter((s) => isFloat(s.dtype));
  const grads = T.grad(cost, wrt, { disconnectedInputs: 'ignore' }) as Variable[];
  await agree(syms, grads, values, { atol: 5e-4, rtol: 5e-4 }, { onUnusedInput: 'ignore' });
}

/** An op with no gradient gives zeros on the device too. */
async function zeroGrad(c: NoGradCase): Promise<void> {
  const { value, sym } = inputOf(c.input as Case['inputs'][number], 0);
  const g = T.grad(T.sum(T.cast(c.build(sym), 'float32')), sym);
  const [got] = await agree([sym], [g], [value], { atol: 0, rtol: 0 }, { onUnusedInput: 'ignore' });
  expect(Array.from(got!.data).every((e) => e === 0)).toBe(true);
}

const runnable = (cases: readonly AnyCase[]) => cases.filter((c) => !isNoGradCase(c) || c.expect === 'zero');

function run(cases: readonly AnyCase[]): void {
  for (const c of runnable(cases)) {
    if (isNoGradCase(c)) { it(c.name, () => zeroGrad(c)); continue; }
    // float64 on purpose: WebGPU refuses it with the policy's message
    if (/up to float64|in float64/.test(c.name)) {
      it(`${c.name} is refused`, async () => {
        await expect(gradAgrees(c)).rejects.toThrow(/is float64; WGSL has no f64/);
      });
      continue;
    }
    it(c.name, () => gradAgrees(c));
  }
}

describe.skipIf(!hasGpu)('gradients on WebGPU match the CPU backend', () => {
  describe('scalar ops', () => {
    for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
      if (runnable(SCALAR_CASES[name] ?? []).length) describe(name, () => run(SCALAR_CASES[name] ?? []));
    }
  });
  describe('op kinds', () => {
    for (const kind of Object.keys(OPS) as OpKind[]) {
      if (runnable(OP_CASES[kind] ?? []).length) describe(kind, () => run(OP_CASES[kind] ?? []));
    }
  });
});
