// The op suite that every device backend (WebGPU, GPU.js) runs against the CPU backend, keyed by
// OpKind and ScalarOpName so a new op without cases does not compile. Plain data and graph
// builders, no test framework: the GPU.js browser page bundles it too. A case names a tolerance
// class ('exact', 'arith', 'transc', 'sum', or numbers of its own); each backend maps the classes
// to its own numbers (WGSL and GLSL differ in accuracy) and appends the cases only it runs.
import * as T from '../../compiler/index.ts';
import { elem } from '../../compiler/api/core.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { DType } from '../../runtime/dtype.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { Random } from '../../samples/lib/random.ts';

export interface Tol { atol: number; rtol: number }
export type TolName = 'exact' | 'arith' | 'transc' | 'sum';
/** A tolerance class, or the numbers of an unusual case (the same on every backend). */
export type TolClass = TolName | Tol;
/** A backend's numbers for each class. */
export type Tols = { [K in TolName]: Tol };

/** Seeded inputs: float32 uniform in [lo, hi) unless said otherwise. */
export function seededInputs(seed: number) {
  const rng = new Random(seed);
  function rand(shape: readonly number[], lo = -1.5, hi = 1.5, dtype: DType = 'float32'): NDArray {
    const a = new NDArray(dtype, shape);
    for (let i = 0; i < a.size; i++) a.data[i] = rng.uniform(lo, hi);
    return a;
  }
  function ints(shape: readonly number[], lo: number, hi: number, dtype: DType = 'int32'): NDArray {
    const a = new NDArray(dtype, shape);
    for (let i = 0; i < a.size; i++) a.data[i] = rng.randint(lo, hi);
    return a;
  }
  const pos = (shape: readonly number[]) => rand(shape, 0.5, 2);
  return { rand, ints, pos };
}
export const arr = (value: unknown, dtype: DType = 'float32') => T.asarray(value as never, { dtype });

/** The generator of this module's cases, and of the cases each backend adds. */
export const { rand, ints, pos } = seededInputs(91);

export interface Arg { value: NDArray; bc?: boolean[] }
export interface OpCase {
  name: string;
  args: (NDArray | Arg)[];
  build: (...xs: Variable[]) => Variable | Variable[];
  tol?: TolClass;
  options?: Record<string, unknown>;
}
export type OpCases = { [K in OpKind]: OpCase[] };
/** A case at a backend's tolerance. */
export type AtTol<C extends { tol?: TolClass }> = Omit<C, 'tol'> & { tol: Tol };

export const dim = (x: Variable, axis: number) => T.subtensor(T.shape(x), axis);
export const bcRow = (value: NDArray): Arg => ({ value, bc: value.shape.map((s) => s === 1) });
/** A case's inputs as values with broadcastable flags, and symbolic inputs for them. */
export function opInputs(c: Pick<OpCase, 'args'>): { values: NDArray[]; syms: Variable[] } {
  const specs = c.args.map((a) => ('value' in a ? a : { value: a }));
  const syms = specs.map((a, i) => T.tensor(a.value.dtype, a.value.ndim, `in${i}`, a.bc ? { broadcastable: a.bc } : {}) as Variable);
  return { values: specs.map((a) => a.value), syms };
}

export const DOT_SHAPES: [number[], number[]][] = [
  [[], []], [[], [3]], [[3], []], [[2, 3], []],
  [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 3], [3, 4]],
  [[2, 2, 3], [3]], [[3], [2, 3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]], [[2, 2, 3], [2, 3, 2]],
  [[37, 50], [50, 29]],
];
export const dotCase = (a: number[], b: number[]): OpCase => ({ name: `dot (${a}) x (${b})`, args: [rand(a), rand(b)], build: (x, y) => T.dot(x!, y!), tol: 'sum' });
/** `n` inputs summed and multiplied in turn: more than a fused kernel may take. */
export const manyInputs = (n: number, name: string): OpCase => ({
  name, args: Array.from({ length: n }, () => rand([3, 5])), build: (...xs) => xs.reduce((acc, x, i) => (i % 2 ? T.mul(acc, x) : T.add(acc, x))),
});

export const OP_CASES: OpCases = {
  elemwise: [
    { name: 'a chain with a broadcast column', args: [rand([2, 3]), bcRow(rand([2, 1]))], build: (x, y) => T.tensor`exp(${x}) * ${y} + ${x} / 2`, tol: 'transc' },
    { name: 'a 3-d broadcast in the middle', args: [rand([2, 3, 4]), bcRow(rand([2, 1, 4]))], build: (x, y) => T.tensor`${x} * ${y} - ${y}` },
    { name: 'mixed dtypes (int8 * float32 > 0)', args: [ints([4], -5, 5, 'int8'), rand([4])], build: (i, x) => [T.mul(i, x), T.gt(T.mul(i, x), 0)] },
  ],
  dimshuffle: [
    { name: 'transpose', args: [rand([2, 3])], build: (x) => T.sin(T.transpose(x!)), tol: 'transc' },
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
    { name: 'mean over a symbolic size', args: [rand([4, 3])], build: (x) => T.true_div(T.sum(x!), T.cast(dim(x!, 0), 'float32')), tol: 'sum' },
  ],
  reduce: [
    { name: 'sum all', args: [rand([2, 3])], build: (x) => T.sum(x!), tol: 'sum' },
    { name: 'sum axis 1', args: [rand([2, 3])], build: (x) => T.sum(x!, { axis: 1 }), tol: 'sum' },
    { name: 'sum axes [0, 2] keepdims', args: [rand([2, 3, 2])], build: (x) => T.sum(x!, { axis: [0, 2], keepdims: true }), tol: 'sum' },
    { name: 'prod, max, min axis 0', args: [rand([3, 4])], build: (x) => [T.prod(x!, { axis: 0 }), T.max(x!, { axis: 0 }), T.min(x!, { axis: 0 })], tol: 'sum' },
    { name: 'max with NaN', args: [arr([[1, NaN, 3], [4, 5, 6]])], build: (x) => [T.max(x!, { axis: 1 }), T.min(x!)] },
    { name: 'mean, var, std, ptp', args: [rand([3, 5])], build: (x) => [T.mean(x!, { axis: 0 }), T.var(x!, { axis: 1 }), T.std(x!), T.ptp(x!, { axis: 1 })], tol: 'sum' },
    { name: 'all, any', args: [rand([3, 4])], build: (x) => [T.all(T.gt(x!, -1), { axis: 1 }), T.any(T.gt(x!, 1))] },
    { name: 'int sum as int32, int max', args: [ints([3, 5], -100, 100)], build: (x) => [T.sum(x!, { axis: 1, dtype: 'int32' }), T.max(x!, { axis: 0 })], tol: 'exact' },
    { name: 'two passes: 70 000 elements', args: [rand([70000], 0, 1)], build: (x) => [T.sum(x!), T.max(x!), T.all(T.lt(x!, 1))], tol: { atol: 1e-2, rtol: 1e-5 } },
  ],
  argreduce: [
    { name: 'argmax axis 1, argmin all', args: [rand([3, 4])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!)], tol: 'exact' },
    { name: 'ties take the first, NaN wins', args: [arr([[1, 3, 3, 2], [0, NaN, 5, NaN]])], build: (x) => [T.argmax(x!, { axis: 1 }), T.argmin(x!, { axis: 1, keepdims: true })], tol: 'exact' },
    { name: 'axis 0 of a 3-d int tensor', args: [ints([3, 2, 4], 0, 5)], build: (x) => T.argmax(x!, { axis: 0 }), tol: 'exact' },
  ],
  dot: [
    ...DOT_SHAPES.map(([a, b]) => dotCase(a, b)),
    { name: 'int32 matmul', args: [ints([5, 7], -9, 9), ints([7, 3], -9, 9)], build: (x, y) => T.dot(x!, y!), tol: 'exact' },
    { name: 'outer', args: [rand([4]), rand([3])], build: (x, y) => T.outer(x!, y!) },
  ],
  tensordot: [
    { name: 'axes=1', args: [rand([2, 3]), rand([3, 4])], build: (a, b) => T.tensordot(a!, b!, { axes: 1 }), tol: 'sum' },
    { name: 'axes=2', args: [rand([2, 3, 2]), rand([3, 2, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: 2 }), tol: 'sum' },
    { name: 'axes [[0, 2], [1, 0]]', args: [rand([3, 2, 4]), rand([4, 3, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: [[0, 2], [1, 0]] }), tol: 'sum' },
    { name: 'axes=0 (outer product)', args: [rand([2, 3]), rand([2])], build: (a, b) => T.tensordot(a!, b!, { axes: 0 }) },
  ],
  batched_dot: [
    { name: '(2, 3, 4) x (2, 4, 2)', args: [rand([2, 3, 4]), rand([2, 4, 2])], build: (a, b) => T.batched_dot(a!, b!), tol: 'sum' },
    { name: '(2, 3, 4) x (2, 4)', args: [rand([2, 3, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!), tol: 'sum' },
    { name: '(2, 4) x (2, 4, 3)', args: [rand([2, 4]), rand([2, 4, 3])], build: (a, b) => T.batched_dot(a!, b!), tol: 'sum' },
    { name: '(2, 4) x (2, 4)', args: [rand([2, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!), tol: 'sum' },
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
    { name: 'inc int32 x[[1, 1], [0, 0]]', args: [ints([3, 2], 0, 9), ints([2], 0, 9)], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[1, 1], [0, 0]]), y!), tol: 'exact' },
  ],
  concatenate: [
    { name: 'axis 0, three inputs', args: [rand([2, 3]), rand([1, 3]), rand([3, 3])], build: (a, b, c) => T.concatenate([a!, b!, c!]) },
    { name: 'axis 1', args: [rand([2, 1]), rand([2, 3])], build: (a, b) => T.concatenate([a!, b!], { axis: 1 }) },
    { name: 'stack axis 1', args: [rand([2, 2]), rand([2, 2]), rand([2, 2])], build: (a, b, c) => T.stack([a!, b!, c!], { axis: 1 }) },
    { name: 'int8 and int32 join as int32', args: [ints([3], -5, 5, 'int8'), ints([2], -5, 5)], build: (a, b) => T.concatenate([a!, b!]), tol: 'exact' },
  ],
  sort: [
    { name: 'vector with ties and NaN', args: [arr([3, NaN, 1, 2, 1, -Infinity, 3])], build: (x) => T.sort(x!), tol: 'exact' },
    { name: 'matrix, last axis', args: [rand([3, 4])], build: (x) => T.sort(x!), tol: 'exact' },
    { name: 'matrix, axis 0', args: [rand([3, 4])], build: (x) => T.sort(x!, { axis: 0 }), tol: 'exact' },
    { name: '3-d, axis 1', args: [ints([2, 3, 2], 0, 3)], build: (x) => T.sort(x!, { axis: 1 }), tol: 'exact' },
    { name: 'flattened (axis null)', args: [rand([2, 3])], build: (x) => T.sort(x!, { axis: null }), tol: 'exact' },
  ],
  argsort: [
    { name: 'stable with ties and NaN', args: [arr([3, NaN, 1, 2, 1, NaN, 3])], build: (x) => T.argsort(x!), tol: 'exact' },
    { name: 'matrix axis 0', args: [ints([4, 3], 0, 3)], build: (x) => T.argsort(x!, { axis: 0 }), tol: 'exact' },
  ],
  alloc: [
    { name: 'alloc(x, [2, 3])', args: [rand([])], build: (x) => T.mul(T.alloc(x!, [2, 3]), 1) },
    { name: "alloc(x, [y.shape[0], 2]) with y's shape", args: [rand([]), pos([3])], build: (x, y) => T.mul(T.alloc(x!, [T.subtensor(T.shape(y!), 0), 2]), 2) },
    { name: 'zeros_like and ones_like', args: [rand([2, 3])], build: (x) => [T.add(T.zeros_like(x!), x!), T.mul(T.ones_like(x!), x!)] },
  ],
  arange: [
    { name: 'float32 arange(start, 2, step)', args: [arr(0.3), arr(0.4)], build: (a, s) => T.arange(a!, 2, s!, { dtype: 'float32' }) },
    { name: 'arange(n) from a shape, as int64', args: [rand([5])], build: (x) => [T.arange(dim(x!, 0)), T.mul(T.cast(T.arange(dim(x!, 0)), 'int32'), 3)], tol: 'exact' },
    { name: 'int32 arange with a negative step', args: [arr(10, 'int32')], build: (n) => T.arange(n!, 0, -3, { dtype: 'int32' }), tol: 'exact' },
  ],
  eye: [
    { name: 'eye(3, 4, k=1) from a shape', args: [rand([3, 4])], build: (x) => T.add(T.eye(dim(x!, 0), dim(x!, 1), { k: 1, dtype: 'float32' }), x!) },
  ],
  // without default updates both backends draw from the same generator state
  random: [
    { name: 'uniform float32 (bit-identical)', args: [], build: () => new T.RandomStreams(3).uniform([3, 50], -1, 2, { dtype: 'float32' }), tol: 'exact', options: { noDefaultUpdates: true } },
  ],
  rng_advance: [
    { name: 'the advanced state as an output', args: [], build: () => (new T.RandomStreams(8).uniform([5], 0, 1, { dtype: 'float32' }).rng as unknown as { defaultUpdate: Variable }).defaultUpdate, tol: 'exact', options: { noDefaultUpdates: true } },
  ],
  scan: [],
  ifelse: [],
};

export interface ScalarCase { dtypes: DType[]; values: number[][]; tol?: TolClass; castTo?: DType }
export type ScalarCases = { [K in ScalarOpName]: ScalarCase[] };

const f2: ScalarCase = { dtypes: ['float32', 'float32'], values: [[0.5, -1.25, 3, 0, 7.5, -2.5], [2, 0.5, -3, 1.5, -2, 0.75]] };
const i2: ScalarCase = { dtypes: ['int32', 'int32'], values: [[7, -7, 5, 0, -9, 8], [2, 3, -2, 4, -4, 0]], tol: 'exact' };
const u1: ScalarCase = { dtypes: ['float32'], values: [[0.3, -0.7, 2.5, -3.5, 0, 12]], tol: 'transc' };
const posF: ScalarCase = { dtypes: ['float32'], values: [[0.3, 0.7, 2.5, 3.5, 1, 1e-3]], tol: 'transc' };
const unit: ScalarCase = { dtypes: ['float32'], values: [[0.3, -0.7, 0.5, -0.25, 0, 1.5]], tol: 'transc' };
const b2: ScalarCase = { dtypes: ['bool', 'bool'], values: [[1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 0, 0]], tol: 'exact' };
const exactF = (c: ScalarCase): ScalarCase => ({ ...c, tol: 'exact' });

/** Float32, int and bool operands; each runs on a plain layout and with a broadcast row. */
export const SCALAR_CASES: ScalarCases = {
  add: [f2, i2, b2, { dtypes: ['int8', 'int8'], values: [[100, 120, -100, 5, 0, 1], [100, 20, -100, 5, 0, 1]], tol: 'exact' }],
  sub: [f2, i2, { dtypes: ['uint8', 'uint8'], values: [[1, 200, 0, 5, 3, 9], [2, 100, 1, 5, 3, 10]], tol: 'exact' }],
  mul: [f2, i2],
  true_div: [f2, { dtypes: ['int16', 'float32'], values: [[7, -7, 5, 0, 1, 3], [2, 3, -2, 4, 3, 0]], tol: 'arith' }],
  int_div: [i2, { ...f2, tol: 'arith' }],
  mod: [i2, { ...f2, tol: 'arith' }],
  pow: [{ dtypes: ['float32', 'float32'], values: [[0.5, 2, 3, 1.5, -2, -2], [2, 0.5, -1, 3, 3, 2]], tol: 'transc' },
    { dtypes: ['int32', 'int32'], values: [[2, -3, 5, 0, 1, 7], [10, 3, 0, 4, -1, 2]], tol: 'exact' }],
  minimum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: 'exact' }],
  maximum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: 'exact' }],
  neg: [exactF(u1), { dtypes: ['int8'], values: [[-128, 5, -3, 0, 127, 1]], tol: 'exact' }],
  abs: [exactF(u1), { dtypes: ['int16'], values: [[-32768, 5, -3, 0, 32767, 1]], tol: 'exact' }],
  sgn: [exactF(u1), { dtypes: ['int32'], values: [[-2, 5, 0, 0, 3, -1]], tol: 'exact' }],
  sqr: [{ ...u1, tol: 'arith' }, { dtypes: ['uint8'], values: [[16, 2, 3, 0, 255, 1]], tol: 'exact' }],
  sqrt: [posF], exp: [u1], log: [posF], log2: [posF], log10: [posF], log1p: [{ ...posF, values: [[0.3, 1e-7, 2.5, -0.5, 1, 1e-3]] }],
  expm1: [{ ...u1, values: [[0.3, -0.7, 1e-6, -3.5, 0, 12]] }],
  sin: [u1], cos: [u1], tan: [unit], arcsin: [unit], arccos: [unit], arctan: [u1],
  sinh: [u1], cosh: [u1], tanh: [{ ...u1, values: [[0.3, -0.7, 2.5, -50, 0, 100]] }],
  sigmoid: [{ ...u1, values: [[0.3, -0.7, 2.5, -100, 0, 100]] }], softplus: [{ ...u1, values: [[0.3, -0.7, 2.5, -100, 0, 100]] }],
  floor: [exactF(u1)], ceil: [exactF(u1)], round: [{ dtypes: ['float32'], values: [[0.5, 1.5, 2.5, -0.5, -1.5, 2.4]], tol: 'exact' }], trunc: [exactF(u1)],
  lt: [exactF(f2), i2], le: [exactF(f2)], gt: [exactF(f2)], ge: [exactF(f2)], eq: [i2, exactF(f2)], neq: [i2],
  and_: [b2, i2], or_: [i2, b2], xor: [i2],
  invert: [{ dtypes: ['int16'], values: [[0, 5, -3, 100, -1, 7]], tol: 'exact' }, { dtypes: ['bool'], values: [[0, 1, 1, 0, 1, 0]], tol: 'exact' },
    { dtypes: ['uint8'], values: [[0, 5, 3, 255, 1, 7]], tol: 'exact' }],
  isnan: [{ dtypes: ['float32'], values: [[NaN, 1, 0, NaN, Infinity, -Infinity]], tol: 'exact' }],
  isinf: [{ dtypes: ['float32'], values: [[NaN, 1, -Infinity, 0, Infinity, 3]], tol: 'exact' }],
  switch: [{ dtypes: ['bool', 'float32', 'float32'], values: [[1, 0, 1, 0, 1, 1], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]], tol: 'exact' },
    { dtypes: ['int32', 'int8', 'float32'], values: [[2, 0, -1, 0, 1, 0], [1, 2, 3, 4, 5, 6], [-1, -2, -3, -4, -5, -6]], tol: 'exact' }],
  clip: [{ dtypes: ['float32', 'float32', 'float32'], values: [[-1, 0.5, 2, 0, 3, 1], [0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1]], tol: 'exact' }],
  second: [exactF(f2)], identity: [exactF(u1)],
  cast: [{ dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, -129]], castTo: 'int8', tol: 'exact' },
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, 0]], castTo: 'uint8', tol: 'exact' },
    { dtypes: ['int32'], values: [[1, -1, 2, 300, -5, 0]], castTo: 'float32', tol: 'exact' }],
};

/** A scalar op's two graphs: plain (2, 6) inputs, and a (1, 6) broadcastable row in front. */
export function scalarGraphs(name: ScalarOpName, c: Omit<ScalarCase, 'tol'>): { inputs: Variable[]; output: Variable; args: NDArray[] }[] {
  const flat = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`) as Variable);
  const row = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`, i === 0 ? { broadcastable: [true, false] } : {}) as Variable);
  const full = c.values.map((r, i) => T.asarray([r, r.map((x) => (c.dtypes[i] === 'bool' ? 1 - x : x * 0.5))], { dtype: c.dtypes[i] }));
  const rowArgs = c.values.map((r, i) => (i === 0 ? T.asarray([r], { dtype: c.dtypes[i] }) : full[i]!));
  return [{ inputs: flat, output: elem(name, flat, c.castTo), args: full }, { inputs: row, output: elem(name, row, c.castTo), args: rowArgs }];
}

const resolve = <C extends { tol?: TolClass }>(c: C, tols: Tols): AtTol<C> =>
  ({ ...c, tol: c.tol === undefined ? tols.arith : typeof c.tol === 'string' ? tols[c.tol] : c.tol });

/** The shared op cases followed by a backend's own, at that backend's tolerances. */
export function opCasesFor(tols: Tols, extra: Partial<OpCases>): { [K in OpKind]: AtTol<OpCase>[] } {
  const out = {} as { [K in OpKind]: AtTol<OpCase>[] };
  for (const kind of Object.keys(OP_CASES) as OpKind[]) out[kind] = [...OP_CASES[kind], ...(extra[kind] ?? [])].map((c) => resolve(c, tols));
  return out;
}

/** The shared scalar cases followed by a backend's own, at that backend's tolerances. */
export function scalarCasesFor(tols: Tols, extra: Partial<ScalarCases>): { [K in ScalarOpName]: AtTol<ScalarCase>[] } {
  const out = {} as { [K in ScalarOpName]: AtTol<ScalarCase>[] };
  for (const name of Object.keys(SCALAR_CASES) as ScalarOpName[]) out[name] = [...SCALAR_CASES[name], ...(extra[name] ?? [])].map((c) => resolve(c, tols));
  return out;
}
