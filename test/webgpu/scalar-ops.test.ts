// Every scalar op in a fused WGSL kernel against the CPU backend, generated from SCALAR_OPS:
// the cases every device backend runs (../backends/op-cases.ts) at WebGPU's tolerances, then the
// ones only WebGPU runs; float32, int32 and bool operands, a plain layout and a broadcast row.
import { describe, it } from 'vitest';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { scalarCasesFor, scalarGraphs } from '../backends/op-cases.ts';
import { hasGpu } from './gpu.ts';
import { TOLS, agree } from './compare.ts';

const CASES = scalarCasesFor(TOLS, {
  mul: [{ dtypes: ['int32', 'int32'], values: [[65536, 46341, -3, 7, 0, 1], [65536, 46341, 5, 7, 0, 1]], tol: 'exact' }],
  int_div: [{ dtypes: ['uint32', 'uint32'], values: [[7, 9, 5, 0, 1, 3], [2, 3, 2, 4, 0, 1]], tol: 'exact' }],
  cast: [{ dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, 0]], castTo: 'bool', tol: 'exact' },
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 3e9, -0.5, 0]], castTo: 'uint32', tol: 'exact' }],
});

describe.skipIf(!hasGpu)('every scalar op on WebGPU matches the CPU backend', () => {
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    CASES[name].forEach((c, k) => {
      it(`${name} #${k} (${c.dtypes.join(', ')})`, async () => {
        // plain (2, 6) inputs, and a (1, 6) broadcastable row in front
        for (const g of scalarGraphs(name, c)) await agree(g.inputs, g.output, g.args, c.tol);
      });
    });
  }
});
