// Every scalar op and every op kind, by finite differences (or, for ops with no gradient,
// checked to give zeros or to be disconnected). Generated from the op tables.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable, Apply } from '../../compiler/graph.ts';
import { tensor } from '../../compiler/api/variables.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { OPS } from '../../compiler/ops/table.ts';
import type { OpKind, OpParams } from '../../compiler/ops/params.ts';
import { NDArray, asarray } from '../../runtime/ndarray.ts';
import { verifyGrad, type InputSpec } from './verify-grad.ts';
import { type AnyCase, type NoGradCase, isNoGradCase } from './inputs.ts';
import { SCALAR_CASES } from './cases-scalar.ts';
import { OP_CASES } from './cases-ops.ts';

/** Does the graph under v apply an op matching `hit`? Guards against a case that skips its op. */
function uses(v: Variable, hit: (n: Apply) => boolean): boolean {
  const seen = new Set<Apply>();
  const stack = [v];
  while (stack.length) {
    const n = stack.pop()!.owner;
    if (!n || seen.has(n)) continue;
    if (hit(n)) return true;
    seen.add(n);
    stack.push(...n.inputs);
  }
  return false;
}

function checkNoGrad(c: NoGradCase, hit: (n: Apply) => boolean): void {
  const spec = (typeof c.input === 'object' && c.input !== null && 'value' in c.input ? c.input : { value: c.input }) as InputSpec;
  const value = asarray(spec.value as never, { dtype: 'float64' });
  const x = tensor('float64', value.ndim, 'x');
  const out = c.build(x);
  expect(uses(out, hit)).toBe(true);
  const cost = T.sum(T.cast(out, 'float64'));
  if (c.expect === 'disconnected') {
    expect(() => T.grad(cost, x)).toThrow(/does not depend on 'x'/);
    const g = T.grad(cost, x, { disconnectedInputs: 'ignore' });
    expect(Array.from((g.eval({ x: value }) as NDArray).data).every((e) => e === 0)).toBe(true);
    return;
  }
  const g = T.grad(cost, x);
  const gv = T.fn([x], g, { onUnusedInput: 'ignore' })(value) as NDArray;
  expect(gv.dtype).toBe('float64');
  expect(gv.shape).toEqual(value.shape);
  expect(Array.from(gv.data).every((e) => e === 0)).toBe(true);
}

function run(cases: readonly AnyCase[], hit: (n: Apply) => boolean): void {
  expect(cases.length).toBeGreaterThan(0);
  for (const c of cases) {
    it(c.name, () => {
      if (isNoGradCase(c)) { checkNoGrad(c, hit); return; }
      let built: Variable | null = null;
      const res = verifyGrad((...xs) => (built = c.build(...xs)), c.inputs, { ...(c.eps ? { eps: c.eps } : {}), ...(c.tol ? { tol: c.tol } : {}) });
      expect(uses(built!, hit)).toBe(true);
      expect(res.checked).toBeGreaterThan(0);
    });
  }
}

describe('gradients of scalar ops (elemwise)', () => {
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    describe(name, () => {
      const isOp = (n: Apply) => n.op.kind === 'elemwise' && (n.op.params as OpParams['elemwise']).scalar === name;
      run(SCALAR_CASES[name] ?? [], isOp);
    });
  }
});

describe('gradients of op kinds', () => {
  for (const kind of Object.keys(OPS) as OpKind[]) {
    describe(kind, () => run(OP_CASES[kind] ?? [], (n) => n.op.kind === kind));
  }
});
