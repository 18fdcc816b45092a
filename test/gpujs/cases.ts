// The op suite for the GPU.js backend, keyed by OpKind and ScalarOpName so a new op without
// cases does not compile. Plain data and graph builders, no test framework: the Node tests run
// it in GPU.js's cpu mode and the browser page runs the same cases in webgl2. Sizes reach every
// runner's branches (two-pass reductions, matmul layouts, gathers and scatter-gathers).
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { DType } from '../../runtime/dtype.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { Random } from '../../samples/lib/random.ts';

export interface Tol { atol: number; rtol: number }
export const EXACT: Tol = { atol: 0, rtol: 0 };
/** One float32 rounding or so: cpu mode rounds only outputs, the reference every op. */
export const ARITH: Tol = { atol: 1e-6, rtol: 2e-6 };
/** GLSL's exp, log, sin... are accurate to a few float32 ulps, more near their edges. */
export const TRANSC: Tol = { atol: 2e-4, rtol: 2e-5 };
/** Sums in another order, in float32 on the GPU. */
export const SUM: Tol = { atol: 1e-5, rtol: 1e-5 };

const rng = new Random(91);

export function rand(shape: readonly number[], lo = -1.5, hi = 1.5, dtype: DType = 'float32'): NDArray {
  const a = new NDArray(dtype, shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform(lo, hi);
  return a;
}
export const pos = (shape: readonly number[]) => rand(shape, 0.5, 2);
export function ints(shape: readonly number[], lo: number, hi: number, dtype: DType = 'int32'): NDArray {
  const a = new NDArray(dtype, shape);
  for (let i = 0; i < a.size; i++) a.data[i] = rng.randint(lo, hi);
  return a;
}
export const arr = (value: unknown, dtype: DType = 'float32') => T.asarray(value as never, { dtype });

export interface Arg { value: NDArray; bc?: boolean[] }
export interface OpCase {
  name: string;
  args: (NDArray | Arg)[];
  build: (...xs: Variable[]) => Variable | Variable[];
  tol?: Tol;
  options?: Record<string, unknown>;
}

const dim = (x: Variable, axis: number) => T.subtensor(T.shape(x), axis);
const bcRow = (value: NDArray): Arg => ({ value, bc: value.shape.map((s) => s === 1) });

const DOT_SHAPES: [number[], number[]][] = [
  [[], []], [[], [3]], [[3], []], [[2, 3], []],
  [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 3], [3, 4]],
  [[2, 2, 3], [3]], [[3], [2, 3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]], [[2, 2, 3], [2, 3, 2]],
  [[37, 50], [50, 29]],
];

export const OP_CASES: { [K in OpKind]: OpCase[] } = {
  elemwise: [
    { name: 'a chain with a broadcast column', args: [rand([2, 3]), bcRow(rand([2, 1]))], build: (x, y) => T.tensor`exp(${x}) * ${y} + ${x} / 2`, tol: TRANSC },
    { name: 'a 3-d broadcast in the middle', args: [rand([2, 3, 4]), bcRow(rand([2, 1, 4]))], build: (x, y) => T.tensor`${x} * ${y} - ${y}` },
    { name: 'eighteen inputs: the fused group is split', args: Array.from({ length: 18 }, () => rand([3, 5])), build: (...xs) => xs.reduce((acc, x, i) => (i % 2 ? T.mul(acc, x) : T.add(acc, x))) },
    { name: 'mixed dtypes (int8 * float32 > 0)', args: [ints([4], -5, 5, 'int8'), rand([4])], build: (i, x) => [T.mul(i, x), T.gt(T.mul(i, x), 0)] },
    { name: '100 000 elements', args: [rand([100000])], build: (x) => T.tensor`${x} * ${x} + 1` },
    { name: 'empty (0, 3)', args: [rand([0, 3]), rand([3])], build: (x, y) => T.tensor`${x} * ${y} + 1` },
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
    { name: 'two passes: 70 000 elements', args: [rand([70000], 0, 1)], build: (x) => [T.sum(x!), T.max(x!), T.all(T.lt(x!, 1))], tol: { atol: 1e-2, rtol: 1e-5 } },
    { name: 'sums over an empty axis', args: [rand([2, 0])], build: (x) => [T.sum(x!, { axis: 1 }), T.prod(x!)] },
    { name: 'two passes over axis 0 of (5000, 3)', args: [rand([5000, 3])], build: (x) => T.sum(x!, { axis: 0 }), tol: { atol: 1e-3, rtol: 1e-5 } },
  ],
  argreduce: [
    { name: 'argmax axis 1, argmin all', args: [rand([3, 4])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!)], tol: EXACT },
    { name: 'ties take the first, NaN wins', args: [arr([[1, 3, 3, 2], [0, NaN, 5, NaN]])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1, keepdims: true })], tol: EXACT },
    { name: 'axis 0 of a 3-d int tensor', args: [ints([3, 2, 4], 0, 5)], build: (x) => T.argmax(x!, { axis: 0 }), tol: EXACT },
  ],
  dot: [
    ...DOT_SHAPES.map(([a, b]): OpCase => ({ name: `dot (${a}) x (${b})`, args: [rand(a), rand(b)], build: (x, y) => T.dot(x!, y!), tol: SUM })),
    { name: 'dot (2, 0) x (0, 3): nothing to sum', args: [rand([2, 0]), rand([0, 3])], build: (x, y) => T.dot(x!, y!) },
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
    { name: 'set x[::-2] = y (a negative step)', args: [rand([5, 2]), rand([3, 2])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(null, null, -2)]), y!) },
    { name: 'inc x[[0, 2, 0]] += y (repeated rows accumulate)', args: [rand([4, 3]), rand([3, 3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[0, 2, 0]]), y!) },
    { name: 'inc x[idx] += 1 with many repeats', args: [rand([5]), ints([40], 0, 5)], build: (x, i) => T.inc_subtensor(T.subtensor(x!, [i!]), 1) },
    { name: 'set x[[3, 0, 3]] = y (the last write wins)', args: [rand([4, 3]), rand([3, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [[3, 0, 3]]), y!) },
    { name: 'inc int32 x[[1, 1], [0, 0]]', args: [ints([3, 2], 0, 9), ints([2], 0, 9)], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[1, 1], [0, 0]]), y!), tol: EXACT },
    { name: 'inc int8 x[1] += float y (cast first, then wrap)', args: [ints([3], 120, 127, 'int8'), arr([-0.5, 9.5, 3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [T.slice(0, 3)]), T.cast(y!, 'int8')), tol: EXACT },
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
    { name: 'a lane of 3000', args: [ints([3000], 0, 500, 'uint8')], build: (x) => T.sort(x!), tol: EXACT },
  ],
  argsort: [
    { name: 'stable with ties and NaN', args: [arr([3, NaN, 1, 2, 1, NaN, 3])], build: (x) => T.argsort(x!), tol: EXACT },
    { name: 'matrix axis 0', args: [ints([4, 3], 0, 3)], build: (x) => T.argsort(x!, { axis: 0 }), tol: EXACT },
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
    { name: 'normal float32 (drawn on the host: identical too)', args: [], build: () => new T.RandomStreams(4).normal([100], 1, 2, { dtype: 'float32' }), tol: EXACT, options: { noDefaultUpdates: true } },
    { name: 'integers int32, binomial', args: [], build: () => [new T.RandomStreams(5).integers([64], -3, 9, { dtype: 'int32' }), new T.RandomStreams(7).binomial([40], 5, 0.3, { dtype: 'int32' })], tol: EXACT, options: { noDefaultUpdates: true } },
    { name: 'a uniform draw used by a kernel (dropout)', args: [rand([4, 5])], build: (x) => T.mul(x!, T.lt(new T.RandomStreams(9).uniform([4, 5], 0, 1, { dtype: 'float32' }), 0.5)), options: { noDefaultUpdates: true } },
  ],
  rng_advance: [
    { name: 'the advanced state as an output', args: [], build: () => (new T.RandomStreams(8).uniform([5], 0, 1, { dtype: 'float32' }).rng as unknown as { defaultUpdate: Variable }).defaultUpdate, tol: EXACT, options: { noDefaultUpdates: true } },
  ],
  // not run on GPU.js yet: compiling one is a clear error (function.test.ts)
  scan: [],
  ifelse: [],
};

export interface ScalarCase { dtypes: DType[]; values: number[][]; tol?: Tol; castTo?: DType }

const f2: ScalarCase = { dtypes: ['float32', 'float32'], values: [[0.5, -1.25, 3, 0, 7.5, -2.5], [2, 0.5, -3, 1.5, -2, 0.75]] };
const i2: ScalarCase = { dtypes: ['int32', 'int32'], values: [[7, -7, 5, 0, -9, 8], [2, 3, -2, 4, -4, 0]], tol: EXACT };
const u1: ScalarCase = { dtypes: ['float32'], values: [[0.3, -0.7, 2.5, -3.5, 0, 12]], tol: TRANSC };
const posF: ScalarCase = { dtypes: ['float32'], values: [[0.3, 0.7, 2.5, 3.5, 1, 1e-3]], tol: TRANSC };
const unit: ScalarCase = { dtypes: ['float32'], values: [[0.3, -0.7, 0.5, -0.25, 0, 1.5]], tol: TRANSC };
const b2: ScalarCase = { dtypes: ['bool', 'bool'], values: [[1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 0, 0]], tol: EXACT };
const exactF = (c: ScalarCase): ScalarCase => ({ ...c, tol: EXACT });

export const SCALAR_CASES: { [K in ScalarOpName]: ScalarCase[] } = {
  add: [f2, i2, b2, { dtypes: ['int8', 'int8'], values: [[100, 120, -100, 5, 0, 1], [100, 20, -100, 5, 0, 1]], tol: EXACT }],
  sub: [f2, i2, { dtypes: ['uint8', 'uint8'], values: [[1, 200, 0, 5, 3, 9], [2, 100, 1, 5, 3, 10]], tol: EXACT }],
  mul: [f2, i2, { dtypes: ['int16', 'int16'], values: [[300, 200, -3, 7, 0, 1], [300, -200, 5, 7, 0, 1]], tol: EXACT }],
  true_div: [f2, { dtypes: ['int16', 'float32'], values: [[7, -7, 5, 0, 1, 3], [2, 3, -2, 4, 3, 0]], tol: ARITH }],
  int_div: [i2, { ...f2, tol: ARITH }, { dtypes: ['uint8', 'uint8'], values: [[7, 9, 5, 0, 1, 3], [2, 3, 2, 4, 0, 1]], tol: EXACT }],
  mod: [i2, { ...f2, tol: ARITH }],
  pow: [{ dtypes: ['float32', 'float32'], values: [[0.5, 2, 3, 1.5, -2, -2], [2, 0.5, -1, 3, 3, 2]], tol: TRANSC },
    { dtypes: ['int32', 'int32'], values: [[2, -3, 5, 0, 1, 7], [10, 3, 0, 4, -1, 2]], tol: EXACT }],
  minimum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: EXACT }],
  maximum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: EXACT }],
  neg: [exactF(u1), { dtypes: ['int8'], values: [[-128, 5, -3, 0, 127, 1]], tol: EXACT }],
  abs: [exactF(u1), { dtypes: ['int16'], values: [[-32768, 5, -3, 0, 32767, 1]], tol: EXACT }],
  sgn: [exactF(u1), { dtypes: ['int32'], values: [[-2, 5, 0, 0, 3, -1]], tol: EXACT }],
  sqr: [{ ...u1, tol: ARITH }, { dtypes: ['uint8'], values: [[16, 2, 3, 0, 255, 1]], tol: EXACT }],
  sqrt: [posF], exp: [u1], log: [posF], log2: [posF], log10: [posF], log1p: [{ ...posF, values: [[0.3, 1e-7, 2.5, -0.5, 1, 1e-3]] }],
  expm1: [{ ...u1, values: [[0.3, -0.7, 1e-6, -3.5, 0, 12]] }],
  sin: [u1], cos: [u1], tan: [unit], arcsin: [unit], arccos: [unit], arctan: [u1],
  sinh: [u1], cosh: [u1], tanh: [{ ...u1, values: [[0.3, -0.7, 2.5, -50, 0, 100]] }],
  sigmoid: [{ ...u1, values: [[0.3, -0.7, 2.5, -100, 0, 100]] }], softplus: [{ ...u1, values: [[0.3, -0.7, 2.5, -100, 0, 100]] }],
  floor: [exactF(u1)], ceil: [exactF(u1)], round: [{ dtypes: ['float32'], values: [[0.5, 1.5, 2.5, -0.5, -1.5, 2.4]], tol: EXACT }], trunc: [exactF(u1)],
  lt: [exactF(f2), i2], le: [exactF(f2)], gt: [exactF(f2)], ge: [exactF(f2)], eq: [i2, exactF(f2)], neq: [i2],
  and_: [b2, i2], or_: [i2, b2], xor: [i2],
  invert: [{ dtypes: ['int16'], values: [[0, 5, -3, 100, -1, 7]], tol: EXACT }, { dtypes: ['bool'], values: [[0, 1, 1, 0, 1, 0]], tol: EXACT },
    { dtypes: ['uint8'], values: [[0, 5, 3, 255, 1, 7]], tol: EXACT }],
  isnan: [{ dtypes: ['float32'], values: [[NaN, 1, 0, NaN, Infinity, -Infinity]], tol: EXACT }],
  isinf: [{ dtypes: ['float32'], values: [[NaN, 1, -Infinity, 0, Infinity, 3]], tol: EXACT }],
  switch: [{ dtypes: ['bool', 'float32', 'float32'], values: [[1, 0, 1, 0, 1, 1], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]], tol: EXACT },
    { dtypes: ['int32', 'int8', 'float32'], values: [[2, 0, -1, 0, 1, 0], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]], tol: EXACT }],
  clip: [{ dtypes: ['float32', 'float32', 'float32'], values: [[-1, 0.5, 2, 0, 3, 1], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]], tol: EXACT }],
  second: [exactF(f2)], identity: [exactF(u1)],
  cast: [{ dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, -129]], castTo: 'int8', tol: EXACT },
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, 0]], castTo: 'uint8', tol: EXACT },
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, NaN, 0]], castTo: 'bool', tol: EXACT },
    { dtypes: ['int32'], values: [[1, -1, 2, 300, -5, 0]], castTo: 'float32', tol: EXACT },
    { dtypes: ['float32'], values: [[1.7, 1e6, 2.5, 3e6, 0.5, 0]], castTo: 'uint32', tol: EXACT }],
};
