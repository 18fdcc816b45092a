// Every op kind on WebGPU against the CPU backend, keyed by OpKind so a new kind without
// cases does not compile: the cases every device backend runs (../backends/op-cases.ts) at
// WebGPU's tolerances, then the ones only WebGPU runs. Sizes are chosen to reach each kernel
// strategy (serial, tree and two-pass reductions; sorts in workgroup and in global memory; tile
// edges of the matmul).
import { describe, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import { applyOp } from '../../compiler/ops/table.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { arr, dotCase, ints, manyInputs, opCasesFor, opInputs, rand } from '../backends/op-cases.ts';
import { hasGpu } from './gpu.ts';
import { TOLS, agree } from './compare.ts';

/** Theano's ifelse over lists of values (the op; T.ifelse wraps it). */
const ifelse = (c: Variable, a: Variable[], b: Variable[]) => applyOp('ifelse', { n: a.length }, [c, ...a, ...b]).outputs;

/** Every k-th element NaN. */
const withNaN = (a: NDArray, k: number) => { for (let i = 0; i < a.size; i += k) a.data[i] = NaN; return a; };

const CASES = opCasesFor(TOLS, {
  elemwise: [manyInputs(10, 'ten inputs: the fused group is split')],
  reduce: [
    { name: 'tree: 300 per output', args: [rand([3, 300])], build: (x) => [T.sum(x!, { axis: 1 }), T.max(x!, { axis: 1 })], tol: { atol: 1e-4, rtol: 1e-5 } },
    { name: 'serial: 9000 outputs', args: [rand([9000, 3])], build: (x) => T.sum(x!, { axis: 1 }), tol: 'sum' },
  ],
  argreduce: [
    { name: 'tree: 500 per lane', args: [rand([3, 500])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1 })], tol: 'exact' },
  ],
  dot: [dotCase([], [2, 3])],
  sort: [
    { name: 'a lane of 2048 (bitonic)', args: [ints([2048], 0, 500)], build: (x) => T.sort(x!), tol: 'exact' },
    { name: 'three lanes of 5000 floats with NaN (global network)', args: [withNaN(rand([3, 5000]), 997)], build: (x) => T.sort(x!, { axis: 1 }), tol: 'exact' },
    { name: 'a lane of 3000 (global network)', args: [ints([3000], 0, 500, 'uint8')], build: (x) => T.sort(x!), tol: 'exact' },
  ],
  argsort: [
    { name: 'axis 0 of (4100, 2) with ties (global network)', args: [ints([4100, 2], 0, 30)], build: (x) => T.argsort(x!, { axis: 0 }), tol: 'exact' },
    { name: 'a lane of 2100 (global network)', args: [ints([2100], 0, 50)], build: (x) => T.argsort(x!), tol: 'exact' },
  ],
  // without default updates both backends draw from the same generator state
  random: [
    // log and cos within SwiftShader's accuracy, scaled by std * sqrt(-2 log u)
    { name: 'normal float32', args: [], build: () => new T.RandomStreams(4).normal([100], 1, 2, { dtype: 'float32' }), tol: { atol: 2e-3, rtol: 1e-4 }, options: { noDefaultUpdates: true } },
    { name: 'integers int32 and int64', args: [], build: () => [new T.RandomStreams(5).integers([64], -3, 9, { dtype: 'int32' }), new T.RandomStreams(6).integers([7], 0, 100)], tol: 'exact', options: { noDefaultUpdates: true } },
    { name: 'binomial', args: [], build: () => new T.RandomStreams(7).binomial([40], 5, 0.3, { dtype: 'int32' }), tol: 'exact', options: { noDefaultUpdates: true } },
  ],
  ifelse: [
    { name: 'the true branch', args: [arr(1, 'int32'), rand([3]), rand([3])], build: (c, a, b) => ifelse(c!, [T.mul(a!, 2)], [T.add(b!, 1)]) },
    { name: 'the false branch, two values', args: [arr(0, 'int32'), rand([2, 2]), rand([2, 2])], build: (c, a, b) => ifelse(T.gt(c!, 0), [a!, T.exp(a!)], [b!, T.sin(b!)]), tol: 'transc' },
  ],
  // the steps run on the device (scan.test.ts covers the loop's forms)
  scan: [
    {
      name: 'a recurrence h = tanh(h W + x), fed by a kernel and feeding one', args: [rand([5, 3]), rand([3]), rand([3, 3], -0.8, 0.8)],
      build: (x, h0, w) => {
        const [h] = T.scan({ fn: (xt: Variable, hp: Variable, W: Variable) => T.tanh(T.add(T.dot(hp, W), xt)), sequences: T.mul(x!, 2), outputsInfo: h0!, nonSequences: w! });
        return T.sum(T.sqr(h as Variable), { axis: 1 });
      },
      tol: 'transc',
    },
  ],
});

describe.skipIf(!hasGpu)('every op kind on WebGPU matches the CPU backend', () => {
  for (const kind of Object.keys(CASES) as OpKind[]) {
    if (CASES[kind].length === 0) continue;
    describe(kind, () => {
      for (const c of CASES[kind]) {
        it(c.name, async () => {
          const { syms, values } = opInputs(c);
          await agree(syms, c.build(...syms), values, c.tol, { onUnusedInput: 'ignore', ...c.options });
        });
      }
    });
  }
});
