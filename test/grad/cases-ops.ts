// Gradient cases per op kind, keyed by OpKind so a new op without cases does not compile.
import * as T from '../../compiler/index.ts';
import type { OpKind } from '../../compiler/ops/params.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { type AnyCase, bc, int, pos, rand } from './inputs.ts';

/** The stacked outputs of T.scan as one variable (the cases project one expression). */
const scanned = (o: T.ScanOptions): T.Variable => {
  const [out] = T.scan(o);
  return Array.isArray(out) ? out.reduce((a, b) => T.add(a, b)) : out;
};

const m = (rows: number[][]) => new NDArray('float64', [rows.length, rows[0]!.length], Float64Array.from(rows.flat()));

/** numpy.dot for every pair of ndims up to 3 (sizes chosen so the contracted axes agree). */
const DOT_SHAPES: [number[], number[]][] = [
  [[], []], [[], [3]], [[3], []], [[], [2, 3]], [[2, 3], []],
  [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 3], [3, 4]],
  [[2, 2, 3], [3]], [[3], [2, 3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]], [[2, 2, 3], [2, 3, 2]],
];

export const OP_CASES: { [K in OpKind]: AnyCase[] } = {
  elemwise: [
    { name: 'a chain: exp(x) * y + x / 2', inputs: [rand([2, 3]), bc(rand([2, 1]))], build: (x, y) => T.tensor`exp(${x}) * ${y} + ${x} / 2` },
  ],
  dimshuffle: [
    { name: 'transpose', inputs: [rand([2, 3])], build: (x) => T.sin(T.transpose(x!)) },
    { name: '(2, 3, 4) -> (2, 0, x, 1)', inputs: [rand([2, 3, 4])], build: (x) => T.dimshuffle(x!, 2, 0, 'x', 1) },
    { name: 'squeeze a broadcastable axis', inputs: [bc(rand([2, 1, 3]))], build: (x) => T.squeeze(x!) },
    { name: 'expand_dims', inputs: [rand([3])], build: (x) => T.expand_dims(x!, 1) },
  ],
  reshape: [
    { name: '(2, 3) -> (3, 2)', inputs: [rand([2, 3])], build: (x) => T.reshape(x!, [3, 2]) },
    { name: '(2, 3, 2) -> (-1,)', inputs: [rand([2, 3, 2])], build: (x) => T.reshape(x!, [-1]) },
    { name: 'flatten (a symbolic shape)', inputs: [rand([2, 2, 3])], build: (x) => T.flatten(x!, { ndim: 2 }) },
  ],
  shape: [{ name: 'shape is disconnected', input: rand([2, 3]), build: (x) => T.shape(x), expect: 'disconnected' }],
  reduce: [
    { name: 'sum all', inputs: [rand([2, 3])], build: (x) => T.sum(x!) },
    { name: 'sum axis 1', inputs: [rand([2, 3])], build: (x) => T.sum(x!, { axis: 1 }) },
    { name: 'sum axes [0, 2] keepdims', inputs: [rand([2, 3, 2])], build: (x) => T.sum(x!, { axis: [0, 2], keepdims: true }) },
    { name: 'prod axis 1, no zeros', inputs: [rand([2, 3])], build: (x) => T.prod(x!, { axis: 1 }) },
    { name: 'prod with one zero per row', inputs: [m([[0, 2, 3], [1.5, 0, -2]])], build: (x) => T.prod(x!, { axis: 1 }) },
    { name: 'prod with two zeros in a row', inputs: [m([[0, 0, 3], [1.5, 0.5, -2]])], build: (x) => T.prod(x!, { axis: 1 }) },
    { name: 'prod all, keepdims', inputs: [rand([2, 2])], build: (x) => T.prod(x!, { keepdims: true }) },
    { name: 'max axis 0', inputs: [rand([3, 4])], build: (x) => T.max(x!, { axis: 0 }) },
    { name: 'min axes [0, 2] keepdims', inputs: [rand([2, 3, 2])], build: (x) => T.min(x!, { axis: [0, 2], keepdims: true }) },
    { name: 'mean axis 0', inputs: [rand([3, 2])], build: (x) => T.mean(x!, { axis: 0 }) },
    { name: 'var axis 1, keepdims', inputs: [rand([2, 4])], build: (x) => T.var(x!, { axis: 1, keepdims: true }) },
    { name: 'std all', inputs: [rand([2, 3])], build: (x) => T.std(x!) },
    { name: 'ptp axis 1', inputs: [rand([2, 4])], build: (x) => T.ptp(x!, { axis: 1 }) },
    { name: 'all has no gradient', input: rand([2, 3]), build: (x) => T.all(T.gt(x, 0), { axis: 1 }), expect: 'zero' },
    { name: 'any has no gradient', input: rand([2, 3]), build: (x) => T.any(T.gt(x, 0)), expect: 'zero' },
  ],
  argreduce: [
    { name: 'argmax has no gradient', input: rand([2, 3]), build: (x) => T.argmax(x, { axis: 1 }), expect: 'zero' },
    { name: 'argmin has no gradient', input: rand([2, 3]), build: (x) => T.argmin(x), expect: 'zero' },
  ],
  dot: DOT_SHAPES.map(([a, b]) => ({ name: `dot (${a}) x (${b})`, inputs: [rand(a), rand(b)], build: (x, y) => T.dot(x!, y!) })),
  tensordot: [
    { name: 'axes=1', inputs: [rand([2, 3]), rand([3, 4])], build: (a, b) => T.tensordot(a!, b!, { axes: 1 }) },
    { name: 'axes=2', inputs: [rand([2, 3, 2]), rand([3, 2, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: 2 }) },
    { name: 'axes [[0, 2], [1, 0]]', inputs: [rand([3, 2, 4]), rand([4, 3, 2])], build: (a, b) => T.tensordot(a!, b!, { axes: [[0, 2], [1, 0]] }) },
    { name: 'axes=0 (outer product)', inputs: [rand([2, 3]), rand([2])], build: (a, b) => T.tensordot(a!, b!, { axes: 0 }) },
  ],
  batched_dot: [
    { name: '(2, 3, 4) x (2, 4, 2)', inputs: [rand([2, 3, 4]), rand([2, 4, 2])], build: (a, b) => T.batched_dot(a!, b!) },
    { name: '(2, 3, 4) x (2, 4)', inputs: [rand([2, 3, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!) },
    { name: '(2, 4) x (2, 4, 3)', inputs: [rand([2, 4]), rand([2, 4, 3])], build: (a, b) => T.batched_dot(a!, b!) },
    { name: '(2, 4) x (2, 4)', inputs: [rand([2, 4]), rand([2, 4])], build: (a, b) => T.batched_dot(a!, b!) },
  ],
  subtensor: [
    { name: 'x[1:3]', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(1, 3)]) },
    { name: 'x[::-1, 1]', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(null, null, -1), 1]) },
    { name: 'x[-1]', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, -1) },
    { name: 'x[i:] with a symbolic bound', inputs: [rand([4, 3]), int(1)], build: (x, i) => T.subtensor(x!, [T.slice(i!, null)]) },
    { name: 'x[[0, 2, 0, 0]]: repeated rows accumulate', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, [[0, 2, 0, 0]]) },
    { name: 'x[:, [2, 2, 0]]', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, [T.slice(), [2, 2, 0]]) },
    { name: 'x[[0, 1, 1], [2, 2, 0]]', inputs: [rand([4, 3])], build: (x) => T.subtensor(x!, [[0, 1, 1], [2, 2, 0]]) },
    { name: 'x[[0, 2, 0], :, [1, 1, 0]] (split advanced indices)', inputs: [rand([3, 4, 2])], build: (x) => T.subtensor(x!, [[0, 2, 0], T.slice(), [1, 1, 0]]) },
    { name: 'x[None, 1:]', inputs: [rand([3, 2])], build: (x) => T.subtensor(x!, [T.newaxis, T.slice(1)]) },
    { name: 'x[idx] with an int index input', inputs: [rand([5]), int([4, 0, 4])], build: (x, i) => T.subtensor(x!, [i!]) },
  ],
  set_subtensor: [
    { name: 'set x[1:3] = y', inputs: [rand([4, 3]), rand([2, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(1, 3)]), y!) },
    { name: 'set x[1:3] = broadcast row', inputs: [rand([4, 3]), bc(rand([1, 3]))], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(1, 3)]), y!) },
    { name: 'inc x[1:] += vector (lower ndim)', inputs: [rand([4, 3]), rand([3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [T.slice(1)]), y!) },
    { name: 'set x[:, 0] = 0-d', inputs: [rand([4, 3]), rand([])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [T.slice(), 0]), y!) },
    { name: 'inc x[[0, 2, 0]] += y (repeated)', inputs: [rand([4, 3]), rand([3, 3])], build: (x, y) => T.inc_subtensor(T.subtensor(x!, [[0, 2, 0]]), y!) },
    { name: 'set x[[3, 0]] = y', inputs: [rand([4, 3]), rand([2, 3])], build: (x, y) => T.set_subtensor(T.subtensor(x!, [[3, 0]]), y!) },
  ],
  concatenate: [
    { name: 'axis 0, three inputs', inputs: [rand([2, 3]), rand([1, 3]), rand([3, 3])], build: (a, b, c) => T.concatenate([a!, b!, c!]) },
    { name: 'axis 1', inputs: [rand([2, 1]), rand([2, 3])], build: (a, b) => T.concatenate([a!, b!], { axis: 1 }) },
    { name: 'stack axis 0', inputs: [rand([3]), rand([3])], build: (a, b) => T.stack([a!, b!]) },
    { name: 'stack axis 1', inputs: [rand([2, 2]), rand([2, 2]), rand([2, 2])], build: (a, b, c) => T.stack([a!, b!, c!], { axis: 1 }) },
  ],
  sort: [
    { name: 'vector', inputs: [rand([5])], build: (x) => T.sort(x!) },
    { name: 'matrix, last axis', inputs: [rand([3, 4])], build: (x) => T.sort(x!) },
    { name: 'matrix, axis 0', inputs: [rand([3, 4])], build: (x) => T.sort(x!, { axis: 0 }) },
    { name: '3-d, axis 1', inputs: [rand([2, 3, 2])], build: (x) => T.sort(x!, { axis: 1 }) },
    { name: 'flattened (axis null)', inputs: [rand([2, 3])], build: (x) => T.sort(x!, { axis: null }) },
  ],
  argsort: [{ name: 'argsort has no gradient', input: rand([4]), build: (x) => T.argsort(x), expect: 'zero' }],
  alloc: [
    { name: 'alloc(x, [2, 3])', inputs: [rand([])], build: (x) => T.alloc(x!, [2, 3]) },
    { name: "alloc(x, [y.shape[0], 2]) with y's shape", inputs: [rand([]), pos([3])], build: (x, y) => T.mul(T.alloc(x!, [T.subtensor(T.shape(y!), 0), 2]), 2) },
  ],
  arange: [
    { name: 'arange(start, 2, step) in float64', inputs: [0.3, 0.4], build: (a, s) => T.arange(a!, 2, s!, { dtype: 'float64' }) },
    { name: 'integer arange has no gradient', input: 3.2, build: (x) => T.arange(T.cast(x, 'int64')), expect: 'zero' },
  ],
  eye: [{ name: 'eye has no gradient', input: 3.2, build: (x) => T.eye(T.cast(x, 'int64')), expect: 'zero' }],
  random: [{ name: 'a draw has no gradient in its parameters', input: 0.3, build: (x) => T.sum(new T.RandomStreams(1).uniform([3], x, 2)), expect: 'zero' }],
  rng_advance: [{
    name: 'the generator state is disconnected', input: rand([2]), expect: 'disconnected',
    build: (x) => {
      const rv = new T.RandomStreams(1).normal([2], T.subtensor(x, [0]), 1);
      return T.sum(T.cast(T.subtensor(rv.rng.defaultUpdate!, [0]), 'float64'));
    },
  }],
  scan: [
    {
      name: 'a recurrence h = tanh(h W + x) over a sequence, from an initial state',
      inputs: [rand([4, 3]), rand([3]), rand([3, 3], -0.8, 0.8)],
      build: (x, h0, w) => scanned({ fn: (xt, h, W) => T.tanh(T.add(T.dot(h!, W!), xt!)), sequences: x!, outputsInfo: h0!, nonSequences: w! }),
    },
    {
      name: 'non-sequences: c * prior + x with nSteps shorter than the sequence',
      inputs: [rand([6]), rand([]), rand([])],
      build: (x, p0, c) => scanned({ fn: (xt, p, k) => T.add(T.mul(k!, p!), xt!), sequences: x!, outputsInfo: p0!, nonSequences: c!, nSteps: 4 }),
    },
    {
      name: 'a map with two outputs and no state',
      inputs: [rand([3, 2])],
      build: (x) => scanned({ fn: (xt) => [T.sin(xt!), T.mul(xt!, xt!)], sequences: x! }),
    },
    {
      name: 'taps [-2, -1]: a * prior2 + prior1 * x',
      inputs: [rand([2, 2]), rand([4, 2]), rand([])],
      build: (init, x, a) => scanned({ fn: (xt, p2, p1) => T.add(T.mul(a!, p2!), T.mul(p1!, xt!)), sequences: x!, outputsInfo: { initial: init!, taps: [-2, -1] } }),
    },
    {
      name: 'sequence taps [-1, 1] and an outer variable read without nonSequences',
      inputs: [rand([5, 2]), rand([2])],
      build: (x, w) => scanned({ fn: (before, after) => T.mul(T.sub(after!, before!), w!), sequences: { input: x!, taps: [-1, 1] } }),
    },
    {
      name: 'goBackwards with a state',
      inputs: [rand([4]), rand([])],
      build: (x, s0) => scanned({ fn: (xt, s) => T.add(T.mul(T.cos(s!), 0.5), xt!), sequences: x!, outputsInfo: s0!, goBackwards: true }),
    },
    {
      name: 'two sequences (the shorter wins) and a state also returned as a map',
      inputs: [rand([5, 2]), rand([3, 2]), rand([2])],
      build: (a, b, s0) => scanned({ fn: (x, y, s) => [T.add(T.mul(s!, x!), y!), T.exp(T.mul(x!, y!))], sequences: [a!, b!], outputsInfo: [s0!, null] }),
    },
    {
      name: 'the last state only (a reduction), through a nested scan',
      inputs: [rand([3, 2]), rand([2])],
      build: (x, s0) => {
        const [all] = T.scan({
          fn: (xt, s) => T.add(s!, scanned({ fn: (e) => T.mul(e!, e!), sequences: xt! })),
          sequences: x!, outputsInfo: s0!,
        });
        return T.subtensor(all as T.Variable, -1);
      },
    },
  ],
  ifelse: [
    { name: 'the true branch gets the gradient', inputs: [rand([3]), rand([3])], build: (a, b) => T.ifelse(1, T.mul(a!, 2), T.sin(b!)) },
    { name: 'the false branch, chosen by a comparison', inputs: [rand([3]), rand([3])], build: (a, b) => T.ifelse(T.gt(T.sum(T.abs(a!)), 100), T.exp(a!), T.mul(b!, a!)) },
    {
      name: 'two values per branch',
      inputs: [rand([2]), rand([2])],
      build: (a, b) => { const [u, v] = T.ifelse(T.lt(0, 1), [T.sin(a!), T.mul(a!, b!)], [b!, a!]); return T.add(u!, v!); },
    },
  ],
};
