// The op suite for the GPU.js backend: the cases every device backend runs (../backends/op-cases.ts)
// at GPU.js's tolerances, then the ones only GPU.js runs. Plain data and graph builders, no test
// framework: the Node tests run it in GPU.js's cpu mode and the browser page runs the same cases
// in webgl2. Sizes reach every runner's branches (two-pass reductions, matmul layouts, gathers
// and scatter-gathers).
import * as T from '../../compiler/index.ts';
import {
  type AtTol, type OpCase as SharedOpCase, type ScalarCase as SharedScalarCase, type Tol, type Tols,
  arr, dotCase, ints, manyInputs, opCasesFor, rand, scalarCasesFor,
} from '../backends/op-cases.ts';

export type { Tol };
/** A case at GPU.js's tolerances. */
export type OpCase = AtTol<SharedOpCase>;
export type ScalarCase = AtTol<SharedScalarCase>;

export const EXACT: Tol = { atol: 0, rtol: 0 };
/** One float32 rounding or so: cpu mode rounds only outputs, the reference every op. */
export const ARITH: Tol = { atol: 1e-6, rtol: 2e-6 };
/** GLSL's exp, log, sin... are accurate to a few float32 ulps, more near their edges. */
export const TRANSC: Tol = { atol: 2e-4, rtol: 2e-5 };
/** Sums in another order, in float32 on the GPU. */
export const SUM: Tol = { atol: 1e-5, rtol: 1e-5 };
const TOLS: Tols = { exact: EXACT, arith: ARITH, transc: TRANSC, sum: SUM };

export const OP_CASES = opCasesFor(TOLS, {
  elemwise: [
    manyInputs(18, 'eighteen inputs: the fused group is split'),
    { name: '100 000 elements', args: [rand([100000])], build: (x) => T.tensor`${x} * ${x} + 1` },
    { name: 'empty (0, 3)', args: [rand([0, 3]), rand([3])], build: (x, y) => T.tensor`${x} * ${y} + 1` },
  ],
  reduce: [
    { name: 'sums over an empty axis', args: [rand([2, 0])], build: (x) => [T.sum(x!, { axis: 1 }), T.prod(x!)] },
    { name: 'two passes over axis 0 of (5000, 3)', args: [rand([5000, 3])], build: (x) => T.sum(x!, { axis: 0 }), tol: { atol: 1e-3, rtol: 1e-5 } },
  ],
  dot: [{ ...dotCase([2, 0], [0, 3]), name: 'dot (2, 0) x (0, 3): nothing to sum', tol: 'arith' }],
  set_subtensor: [
    { name: 'set x[::-2] = y (a negative step)', args: [rand([5, 2]), rand([3, 2])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(null, null, -2)]), y!) },
    { name: 'inc int8 x[1] += float y (cast first, then wrap)', args: [ints([3], 120, 127, 'int8'), arr([-0.5, 9.5, 3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [T.slice(0, 3)]), T.cast(y!, 'int8')), tol: 'exact' },
  ],
  sort: [
    { name: 'a lane of 3000', args: [ints([3000], 0, 500, 'uint8')], build: (x) => T.sort(x!), tol: 'exact' },
  ],
  random: [
    { name: 'normal float32 (drawn on the host: identical too)', args: [], build: () => new T.RandomStreams(4).normal([100], 1, 2, { dtype: 'float32' }), tol: 'exact', options: { noDefaultUpdates: true } },
    { name: 'integers int32, binomial', args: [], build: () => [new T.RandomStreams(5).integers([64], -3, 9, { dtype: 'int32' }), new T.RandomStreams(7).binomial([40], 5, 0.3, { dtype: 'int32' })], tol: 'exact', options: { noDefaultUpdates: true } },
    { name: 'a uniform draw used by a kernel (dropout)', args: [rand([4, 5])], build: (x) => T.mul(x!, T.lt(new T.RandomStreams(9).uniform([4, 5], 0, 1, { dtype: 'float32' }), 0.5)), options: { noDefaultUpdates: true } },
  ],
  // not run on GPU.js yet (scan, ifelse): compiling one is a clear error (function.test.ts)
});

export const SCALAR_CASES = scalarCasesFor(TOLS, {
  mul: [{ dtypes: ['int16', 'int16'], values: [[300, 200, -3, 7, 0, 1], [300, -200, 5, 7, 0, 1]], tol: 'exact' }],
  int_div: [{ dtypes: ['uint8', 'uint8'], values: [[7, 9, 5, 0, 1, 3], [2, 3, 2, 4, 0, 1]], tol: 'exact' }],
  cast: [{ dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, NaN, 0]], castTo: 'bool', tol: 'exact' },
    { dtypes: ['float32'], values: [[1.7, 1e6, 2.5, 3e6, 0.5, 0]], castTo: 'uint32', tol: 'exact' }],
});
