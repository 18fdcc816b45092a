// Every op kind on WebGPU against the CPU backend, keyed by OpKind so a new kind without
// cases does not compile. Sizes are chosen to reach each kernel strategy (serial, tree and
// two-pass reductions; sorts in workgroup and in global memory; tile edges of the matmul).
import { describe, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import { applyOp } from '../../compiler/ops/table.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu } from './gpu.ts';
import { ARITH, EXACT, TRANSC, type Tol, agree } from './compare.ts';
import { arr, ints, pos, rand, symbol } from './cases.ts';

interface Arg { value: NDArray; bc?: boolean[] }
interface GpuCase { name: string; args: (NDArray | Arg)[]; build: (...xs: Variable[]) => Variable | Variable[]; tol?: Tol; options?: Record<string, unknown> }

/** Theano's ifelse over lists of values (the op; T.ifelse wraps it). */
const ifelse = (c: Variable, a: Variable[], b: Variable[]) => applyOp('ifelse', { n: a.length }, [c, ...a, ...b]).outputs;

/** Every k-th element NaN. */
const withNaN = (a: NDArray, k: number) => { for (let i = 0; i < a.size; i += k) a.data[i] = NaN; return a; };
const dim = (x: Variable, axis: number) => T.subtensor(T.shape(x), axis);
const bcRow = (value: NDArray): Arg => ({ value, bc: value.shape.map((s) => s === 1) });
/** Sums accumulate in a different order on the device: a little more than one op's rounding. */
const SUM: Tol = { atol: 1e-5, rtol: 1e-5 };

const DOT_SHAPES: [number[], number[]][] = [
  [[], []], [[], [3]], [[3], []], [[], [2, 3]], [[2, 3], []],
  [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 3], [3, 4]],
  [[2, 2, 3], [3]], [[3], [2, 3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]], [[2, 2, 3], [2, 3, 2]],
  [[37, 50], [50, 29]],
];

const CASES: { [K in OpKind]: GpuCase[] } = {
  elemwise: [
    { name: 'a chain with a broadcast column', args: [rand([2, 3]), bcRow(rand([2, 1]))], build: (x, y) => T.tensor`exp(${x}) * ${y} + ${x} / 2`, tol: TRANSC },
    { name: 'a 3-d broadcast in the middle', args: [rand([2, 3, 4]), bcRow(rand([2, 1, 4]))], build: (x, y) => T.tensor`${x} * ${y} - ${y}` },
    {
      name: 'ten inputs: the fused group is split', args: Array.from({ length: 10 }, () => rand([3, 5])),
      build: (...xs) => xs.reduce((acc, x, i) => (i % 2 ? T.mul(acc, x) : T.add(acc, x))),
    },
    { name: 'mixed dtypes (int8 * float32 > 0)', args: [ints([4], -5, 5, 'int8'), rand([4])], build: (i, x) => [T.mul(i, x), T.gt(T.mul(i, x), 0)] },
  ],
  dimshuffle: [
    { name: 'transpose', args: [rand([2, 3])], build: (x) => T.sin(T.transpose(x!)), tol: TRANSC },
    { name: '(2, 3, 4) -> (2, 0, x, 1)', args: [rand([2, 3, 4])], build: (x) => T.dimshuffle(x!, 2, 0, 'x', 1) },
    { name: 'squeeze a broadcastable axis (a view)', args: [bcRow(rand([2, 1, 3]))], build: (x) => T.squeeze(x!) },
    { name: 'expand_dims (a view)', args: [rand([3])], build: (x) => T.expand_dims(x!, 1) },
  ],
  reshape: [
    { name: '(2, 3) -> (3, 2)', args: [rand([2, 3])], build: (x) => T.reshape(x!, [3, 2]) },
    { name: '(2, 3, 2) -> (-1,)', args: [rand([2, 3, 2])], build: (x) => T.mul(T.reshape(x!, [-1]), 2) },
    { name: 'flatten (a shape computed on the host)', args: [rand([2, 2, 3])], build: (x) => T.flatten(x!, { ndim: 2 }) },
    { name: 'to a shape from an int input', args: [rand([6]), arr([3, 2], 'int32')], build: (x, s) => T.reshape(x!, [T.subtensor(s!, 0), T.subtensor(s!, 1)]) },
  ],
  shape: [
    { name: 'shape as an output', args: [rand([2, 3])], build: (x) => [T.shape(x!), T.mul(x!, 2)] },
    { name: 'mean over a symbolic size', args: [rand([4, 3])], build: (x) => T.true_div(T.sum(x!), T.cast(dim(x!, 0), 'float32')), tol: SUM },
  ],
  reduce: [
    { name: 'sum all', args: [rand([2, 3])], build: (x) => T.sum(x!), tol: SUM },
    { name: 'sum axis 1', args: [rand([2, 3])], build: (x) => T.sum(x!, { axis: 1 }), tol: SUM },
    { name: 'sum axes [0, 2] keepdims', args: [rand([2, 3, 2])], build: (x) => T.sum(x!, { axis: [0, 2], keepdims: true }), tol: SUM },
    { name: 'prod, max, min axis 0', args: [rand([3, 4])], build: (x) => [T.prod(x!, { axis: 0 }), T.max(x!, { axis: 0 }), T.min(x!, { axis: 0 })], tol: SUM },
    { name: 'max with NaN', args: [arr([[1, NaN, 3], [4, 5, 6]])], build: (x) => [T.max(x!, { axis: 1 }), T.min(x!)] },
    { name: 'mean, var, std, ptp', args: [rand([3, 5])], build: (x) => [T.mean(x!, { axis: 0 }), T.var(x!, { axis: 1 }), T.std(x!), T.ptp(x!, { axis: 1 })], tol: SUM },
    { name: 'all, any', args: [rand([3, 4])], build: (x) => [T.all(T.gt(x!, -1), { axis: 1 }), T.any(T.gt(x!, 1))] },
    { name: 'int sum as int32, int max', args: [ints([3, 5], -100, 100)], build: (x) => [T.sum(x!, { axis: 1, dtype: 'int32' }), T.max(x!, { axis: 0 })], tol: EXACT },
    { name: 'tree: 300 per output', args: [rand([3, 300])], build: (x) => [T.sum(x!, { axis: 1 }), T.max(x!, { axis: 1 })], tol: { atol: 1e-4, rtol: 1e-5 } },
    { name: 'serial: 9000 outputs', args: [rand([9000, 3])], build: (x) => T.sum(x!, { axis: 1 }), tol: SUM },
    { name: 'two passes: 70 000 elements', args: [rand([70000], 0, 1)], build: (x) => [T.sum(x!), T.max(x!), T.all(T.lt(x!, 1))], tol: { atol: 1e-2, rtol: 1e-5 } },
  ],
  argreduce: [
    { name: 'argmax axis 1, argmin all', args: [rand([3, 4])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!)], tol: EXACT },
    { name: 'ties take the first, NaN wins', args: [arr([[1, 3, 3, 2], [0, NaN, 5, NaN]])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1, keepdims: true })], tol: EXACT },
    { name: 'axis 0 of a 3-d int tensor', args: [ints([3, 2, 4], 0, 5)], build: (x) => T.argmax(x!, { axis: 0 }), tol: EXACT },
    { name: 'tree: 500 per lane', args: [rand([3, 500])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1 })], tol: EXACT },
  ],
  dot: [
    ...DOT_SHAPES.map(([a, b]): GpuCase => ({ name: `dot (${a}) x (${b})`, args: [rand(a), rand(b)], build: (x, y) => T.dot(x!, y!), tol: SUM })),
    { name: 'int32 matmul', args: [ints([5, 7], -9, 9), ints([7, 3], -9, 9)], build: (x, y) => T.dot(x!, y!), tol: EXACT },
    { name: 'outer', args: [rand([4]), rand([3])], build: (x, y) => T.outer(x!, y!) },
  ],
  tensordot: [
    { name: 'axes=1', args: [rand([2, 3]), rand([3, 4])], build: (a, b) => T.tensordot(a!, b!, { axes: 1 }), tol: SUM },
    { name: 'axes=2', args: [rand([2, 3, 2]), rand([3, 2, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: 2 }), tol: SUM },
    { name: 'axes [[0, 2], [1, 0]]', args: [rand([3, 2, 4]), rand([4, 3, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: [[0, 2], [1, 0]] }), tol: SUM },
    { name: 'axes=0 (outer product)', args: [rand([2, 3]), rand([2])], build: (a, b) => T.tensordot(a!, b!, { axes: 0 }) },
  ],
  batched_dot: [
    { name: '(2, 3, 4) x (2, 4, 2)', args: [rand([2, 3, 4]), rand([2, 4, 2])], build: (a, b) => T.batched_dot(a!, b!), tol: SUM },
    { name: '(2, 3, 4) x (2, 4)', args: [rand([2, 3, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!), tol: SUM },
    { name: '(2, 4) x (2, 4, 3)', args: [rand([2, 4]), rand([2, 4, 3])], build: (a, b) => T.batched_dot(a!, b!), tol: SUM },
    { name: '(2, 4) x (2, 4)', args: [rand([2, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!), tol: SUM },
  ],
  subtensor: [
    { name: 'x[1:3]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(1, 3)]) },
    { name: 'x[::-1, 1]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(null, null, -1), 1]) },
    { name: 'x[-1]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, -1) },
    { name: 'x[i:] with a symbolic bound', args: [rand([4, 3]), arr(1, 'int32')], build: (x, i) => T.subtensor(x!, [T.slice(i!, null)]) },
    { name: 'x[[0, 2, 0, 0]]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, [[0, 2, 0, 0]]) },
    { name: 'x[:, [2, 2, 0]]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(), [2, 2, 0]]) },
    { name: 'x[[0, 1, 1], [2, -1, 0]]', args: [rand([4, 3])], build: (x) => T.subtensor(x!, [[0, 1, 1], [2, -1, 0]]) },
    { name: 'x[[0, 2, 0], :, [1, 1, 0]] (split advanced indices)', args: [rand([3, 4, 2])], build: (x) => T.subtensor(x!, [[0, 2, 0], T.slice(), [1, 1, 0]]) },
    { name: 'x[:, 1, [0, 1]] (an int among arrays)', args: [rand([3, 4, 2])], build: (x) => T.subtensor(x!, [T.slice(), 1, [0, 1]]) },
    { name: 'x[None, 1:]', args: [rand([3, 2])], build: (x) => T.subtensor(x!, [T.newaxis, T.slice(1)]) },
    { name: 'x[idx] with a 2-d int index input', args: [rand([5]), arr([[4, 0], [4, -2]], 'int32')], build: (x, i) => T.subtensor(x!, [i!]) },
  ],
  set_subtensor: [
    { name: 'set x[1:3] = y', args: [rand([4, 3]), rand([2, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(1, 3)]), y!) },
    { name: 'set x[1:3] = broadcast row', args: [rand([4, 3]), bcRow(rand([1, 3]))], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(1, 3)]), y!) },
    { name: 'inc x[1:] += vector (lower ndim)', args: [rand([4, 3]), rand([3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [T.slice(1)]), y!) },
    { name: 'set x[:, 0] = 0-d', args: [rand([4, 3]), rand([])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(), 0]), y!) },
    { name: 'inc x[[0, 2, 0]] += y (repeated rows accumulate)', args: [rand([4, 3]), rand([3, 3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[0, 2, 0]]), y!) },
    { name: 'inc x[idx] += 1 with many repeats', args: [rand([5]), ints([40], 0, 5)], build: (x, i) => T.inc_subtensor(T.subtensor(x!, [i!]), 1) },
    { name: 'set x[[3, 0, 3]] = y (the last write wins)', args: [rand([4, 3]), rand([3, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [[3, 0, 3]]), y!) },
    { name: 'inc int32 x[[1, 1], [0, 0]]', args: [ints([3, 2], 0, 9), ints([2], 0, 9)], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[1, 1], [0, 0]]), y!), tol: EXACT },
  ],
  concatenate: [
    { name: 'axis 0, three inputs', args: [rand([2, 3]), rand([1, 3]), rand([3, 3])], build: (a, b, c) => T.concatenate([a!, b!, c!]) },
    { name: 'axis 1', args: [rand([2, 1]), rand([2, 3])], build: (a, b) => T.concatenate([a!, b!], { axis: 1 }) },
    { name: 'stack axis 1', args: [rand([2, 2]), rand([2, 2]), rand([2, 2])], build: (a, b, c) => T.stack([a!, b!, c!], { axis: 1 }) },
    { name: 'int8 and int32 join as int32', args: [ints([3], -5, 5, 'int8'), ints([2], -5, 5)], build: (a, b) => T.concatenate([a!, b!]), tol: EXACT },
  ],
  sort: [
    { name: 'vector with ties and NaN', args: [arr([3, NaN, 1, 2, 1, -Infinity, 3])], build: (x) => T.sort(x!), tol: EXACT },
    { name: 'matrix, last axis', args: [rand([3, 4])], build: (x) => T.sort(x!), tol: EXACT },
    { name: 'matrix, axis 0', args: [rand([3, 4])], build: (x) => T.sort(x!, { axis: 0 }), tol: EXACT },
    { name: '3-d, axis 1', args: [ints([2, 3, 2], 0, 3)], build: (x) => T.sort(x!, { axis: 1 }), tol: EXACT },
    { name: 'flattened (axis null)', args: [rand([2, 3])], build: (x) => T.sort(x!, { axis: null }), tol: EXACT },
    { name: 'a lane of 2048 (bitonic)', args: [ints([2048], 0, 500)], build: (x) => T.sort(x!), tol: EXACT },
    { name: 'three lanes of 5000 floats with NaN (global network)', args: [withNaN(rand([3, 5000]), 997)], build: (x) => T.sort(x!, { axis: 1 }), tol: EXACT },
    { name: 'a lane of 3000 (global network)', args: [ints([3000], 0, 500, 'uint8')], build: (x) => T.sort(x!), tol: EXACT },
  ],
  argsort: [
    { name: 'stable with ties and NaN', args: [arr([3, NaN, 1, 2, 1, NaN, 3])], build: (x) => T.argsort(x!), tol: EXACT },
    { name: 'matrix axis 0', args: [ints([4, 3], 0, 3)], build: (x) => T.argsort(x!, { axis: 0 }), tol: EXACT },
    { name: 'axis 0 of (4100, 2) with ties (global network)', args: [ints([4100, 2], 0, 30)], build: (x) => T.argsort(x!, { axis: 0 }), tol: EXACT },
    { name: 'a lane of 2100 (global network)', args: [ints([2100], 0, 50)], build: (x) => T.argsort(x!), tol: EXACT },
  ],
  alloc: [
    { name: 'alloc(x, [2, 3])', args: [rand([])], build: (x) => T.mul(T.alloc(x!, [2, 3]), 1) },
    { name: "alloc(x, [y.shape[0], 2]) with y's shape", args: [rand([]), pos([3])], build: (x, y) => T.mul(T.alloc(x!, [T.subtensor(T.shape(y!), 0), 2]), 2) },
    { name: 'zeros_like and ones_like', args: [rand([2, 3])], build: (x) => [T.add(T.zeros_like(x!), x!), T.mul(T.ones_like(x!), x!)] },
  ],
  arange: [
    { name: 'float32 arange(start, 2, step)', args: [arr(0.3), arr(0.4)], build: (a, s) => T.arange(a!, 2, s!, { dtype: 'float32' }) },
    { name: 'arange(n) from a shape, as int64', args: [rand([5])], build: (x) => [T.arange(dim(x!, 0)), T.mul(T.cast(T.arange(dim(x!, 0)), 'int32'), 3)], tol: EXACT },
    { name: 'int32 arange with a negative step', args: [arr(10, 'int32')], build: (n) => T.arange(n!, 0, -3, { dtype: 'int32' }), tol: EXACT },
  ],
  eye: [
    { name: 'eye(3, 4, k=1) from a shape', args: [rand([3, 4])], build: (x) => T.add(T.eye(dim(x!, 0), dim(x!, 1), { k: 1, dtype: 'float32' }), x!) },
  ],
  // without default updates both backends draw from the same generator state
  random: [
    { name: 'uniform float32 (bit-identical)', args: [], build: () => new T.RandomStreams(3).uniform([3, 50], -1, 2, { dtype: 'float32' }), tol: EXACT, options: { noDefaultUpdates: true } },
    // log and cos within SwiftShader's accuracy, scaled by std * sqrt(-2 log u)
    { name: 'normal float32', args: [], build: () => new T.RandomStreams(4).normal([100], 1, 2, { dtype: 'float32' }), tol: { atol: 2e-3, rtol: 1e-4 }, options: { noDefaultUpdates: true } },
    { name: 'integers int32 and int64', args: [], build: () => [new T.RandomStreams(5).integers([64], -3, 9, { dtype: 'int32' }), new T.RandomStreams(6).integers([7], 0, 100)], tol: EXACT, options: { noDefaultUpdates: true } },
    { name: 'binomial', args: [], build: () => new T.RandomStreams(7).binomial([40], 5, 0.3, { dtype: 'int32' }), tol: EXACT, options: { noDefaultUpdates: true } },
  ],
  ifelse: [
    { name: 'the true branch', args: [arr(1, 'int32'), rand([3]), rand([3])], build: (c, a, b) => ifelse(c!, [T.mul(a!, 2)], [T.add(b!, 1)]) },
    { name: 'the false branch, two values', args: [arr(0, 'int32'), rand([2, 2]), rand([2, 2])], build: (c, a, b) => ifelse(T.gt(c!, 0), [a!, T.exp(a!)], [b!, T.sin(b!)]), tol: TRANSC },
  ],
  // the steps run on the device (scan.test.ts covers the loop's forms)
  scan: [
    {
      name: 'a recurrence h = tanh(h W + x), fed by a kernel and feeding one', args: [rand([5, 3]), rand([3]), rand([3, 3], -0.8, 0.8)],
      build: (x, h0, w) => {
        const [h] = T.scan({ fn: (xt: Variable, hp: Variable, W: Variable) => T.tanh(T.add(T.dot(hp, W), xt)), sequences: T.mul(x!, 2), outputsInfo: h0!, nonSequences: w! });
        return T.sum(T.sqr(h as Variable), { axis: 1 });
      },
      tol: TRANSC,
    },
  ],
  rng_advance: [
    { name: 'the advanced state as an output', args: [], build: () => (new T.RandomStreams(8).uniform([5], 0, 1, { dtype: 'float32' }).rng as unknown as { defaultUpdate: Variable }).defaultUpdate, tol: EXACT, options: { noDefaultUpdates: true } },
  ],
};

describe.skipIf(!hasGpu)('every op kind on WebGPU matches the CPU backend', () => {
  for (const kind of Object.keys(CASES) as OpKind[]) {
    if (CASES[kind].length === 0) continue;
    describe(kind, () => {
      for (const c of CASES[kind]) {
        it(c.name, async () => {
          const specs = c.args.map((a) => ('value' in a ? a : { value: a }));
          const syms = specs.map((a, i) => symbol(a.value, `in${i}`, a.bc));
          await agree(syms, c.build(...syms), specs.map((a) => a.value), c.tol ?? ARITH, { onUnusedInput: 'ignore', ...c.options });
        });
      }
    });
  }
});
