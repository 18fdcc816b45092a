// Every expected value here is small enough to check by hand.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray } from '../../runtime/ndarray.ts';
import type { DType } from '../../runtime/dtype.ts';
import {
  arange, argReduce, argsort, batchedDot, broadcastShapes, broadcastTo, cast, concatenate, dimshuffle, dot, eye, fill,
  outer, reduce, setSubtensor, sort, stack, subtensor, subtensorShape, tensordot, transpose, type IndexEntry,
} from '../../runtime/cpu/kernels.ts';

const a = (v: Parameters<typeof asarray>[0], dtype?: DType) => asarray(v, dtype ? { dtype } : {});
const iota = (shape: number[], dtype: DType = 'int64') => arange(0, shape.reduce((p, n) => p * n, 1), 1, dtype).reshape(shape);
const int = (value: number): IndexEntry => ({ kind: 'int', value });
const sl = (start: number | null, stop: number | null, step: number | null = null): IndexEntry => ({ kind: 'slice', start, stop, step });
const all = sl(null, null);
const arr = (v: Parameters<typeof asarray>[0]): IndexEntry => ({ kind: 'array', value: asarray(v) });
const newaxis: IndexEntry = { kind: 'newaxis' };

function expectArray(x: NDArray, shape: number[], values: unknown, dtype?: DType): void {
  expect(x.shape).toEqual(shape);
  expect(x.toArray()).toEqual(values);
  if (dtype) expect(x.dtype).toBe(dtype);
}

describe('reduce', () => {
  const x = iota([2, 3, 4]); // x[i, j, k] = 12i + 4j + k

  it('sums over several axes, with and without keepdims', () => {
    expectArray(reduce('sum', x, [0, 2], false, 'int64'), [3], [60, 92, 124], 'int64');
    expectArray(reduce('sum', x, [0, 2], true, 'int64'), [1, 3, 1], [[[60], [92], [124]]]);
    expectArray(reduce('sum', x, [0, 1, 2], false, 'int64'), [], 276);
    expectArray(reduce('sum', x, [1], false, 'float64'), [2, 4], [[12, 15, 18, 21], [48, 51, 54, 57]], 'float64');
  });

  it('reduces nothing for axes []', () => {
    expectArray(reduce('sum', a([[1, 2], [3, 4]]), [], false, 'float32'), [2, 2], [[1, 2], [3, 4]], 'float32');
  });

  it('multiplies integers', () => {
    const m = a([[1, 2, 3], [4, 5, 6]], 'int32');
    expectArray(reduce('prod', m, [1], false, 'int32'), [2], [6, 120], 'int32');
    expectArray(reduce('prod', m, [0], false, 'int32'), [3], [4, 10, 18]);
    expectArray(reduce('prod', m, [0, 1], false, 'int64'), [], 720);
  });

  it('takes max and min, propagating NaN', () => {
    const m = a([[1, 5], [7, 2]]);
    expectArray(reduce('max', m, [0], false, 'int64'), [2], [7, 5]);
    expectArray(reduce('min', m, [1], true, 'int64'), [2, 1], [[1], [2]]);
    expect(reduce('max', a([1, NaN, 3]), [0], false, 'float64').toArray()).toBeNaN();
    expect(reduce('min', a([NaN, 1, 3]), [0], false, 'float64').toArray()).toBeNaN();
    expectArray(reduce('max', a([[1, NaN], [2, 3]]), [1], false, 'float64'), [2], [NaN, 3]);
  });

  it('throws for max/min over nothing, but sums empty to 0', () => {
    const empty = new NDArray('float64', [0, 3]);
    expect(() => reduce('max', empty, [0], false, 'float64')).toThrow(
      new RangeError('zero-size array to reduction operation max which has no identity'));
    expect(() => reduce('min', new NDArray('float64', [0]), [0], false, 'float64')).toThrow(RangeError);
    expectArray(reduce('max', empty, [1], false, 'float64'), [0], []);
    expectArray(reduce('sum', empty, [0], false, 'float64'), [3], [0, 0, 0]);
    expectArray(reduce('prod', empty, [0, 1], false, 'float64'), [], 1);
  });

  it('computes all/any as bool (NaN counts as true)', () => {
    const m = a([[1, 0], [1, 1]]);
    expectArray(reduce('all', m, [1], false, 'bool'), [2], [false, true], 'bool');
    expectArray(reduce('any', m, [0], false, 'bool'), [2], [true, true]);
    expectArray(reduce('all', a([NaN, 2]), [0], false, 'bool'), [], true);
    expectArray(reduce('any', a([0, 0]), [0], false, 'bool'), [], false);
  });

  it('casts the float64 accumulator to the output dtype', () => {
    expect(reduce('sum', a([0.1, 0.2], 'float32'), [0], false, 'float32').data[0]).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expectArray(reduce('sum', a([true, true, false]), [0], false, 'int64'), [], 2, 'int64');
  });

  it('rejects unsorted or out-of-range axes', () => {
    expect(() => reduce('sum', x, [2, 0], false, 'int64')).toThrow(RangeError);
    expect(() => reduce('sum', x, [3], false, 'int64')).toThrow(/shape \(2, 3, 4\)/);
  });
});

describe('argReduce', () => {
  it('returns the first index on ties, as int64', () => {
    expectArray(argReduce('argmax', a([3, 7, 7, 1]), null, false), [], 1, 'int64');
    expectArray(argReduce('argmin', a([3, 1, 7, 1]), null, false), [], 1);
  });

  it('works along an axis, with keepdims', () => {
    const m = a([[1, 9, 9], [9, 1, 9]]);
    expectArray(argReduce('argmax', m, 0, false), [3], [1, 0, 0]);
    expectArray(argReduce('argmax', m, 1, false), [2], [1, 0]);
    expectArray(argReduce('argmin', m, -1, true), [2, 1], [[0], [1]]);
    expectArray(argReduce('argmax', m, null, true), [1, 1], [[1]]);
    expectArray(argReduce('argmax', m, null, false), [], 1);
  });

  it('treats the first NaN as the extreme', () => {
    expectArray(argReduce('argmax', a([1, NaN, 5, NaN]), null, false), [], 1);
    expectArray(argReduce('argmin', a([1, 5, NaN]), 0, false), [], 2);
  });

  it('throws for empty input', () => {
    expect(() => argReduce('argmax', new NDArray('float64', [0]), null, false)).toThrow(RangeError);
  });
});

describe('dot', () => {
  const m = a([[1, 2], [3, 4]]);

  it('scales by a 0-d operand', () => {
    expectArray(dot(a(2), a([1, 2, 3]), 'int64'), [3], [2, 4, 6]);
    expectArray(dot(a([[1, 2]]), a(3), 'float64'), [1, 2], [[3, 6]], 'float64');
    expectArray(dot(a(2), a(5), 'int64'), [], 10);
  });

  it('handles vector, matrix and N-d combinations', () => {
    expectArray(dot(a([1, 2, 3]), a([4, 5, 6]), 'int64'), [], 32);
    expectArray(dot(m, a([5, 6]), 'int64'), [2], [17, 39]);
    expectArray(dot(a([5, 6]), m, 'int64'), [2], [23, 34]);
    expectArray(dot(m, a([[5, 6], [7, 8]]), 'int64'), [2, 2], [[19, 22], [43, 50]]);
    expectArray(dot(a([[[1, 2]], [[3, 4]]]), a([[5, 6], [7, 8]]), 'int64'), [2, 1, 2], [[[19, 22]], [[43, 50]]]);
    expectArray(dot(a([[1, 1]]), a([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), 'int64'), [1, 2, 2], [[[4, 6], [12, 14]]]);
    expectArray(dot(a([[[1, 2]], [[3, 4]]]), a([1, 1]), 'int64'), [2, 1], [[3], [7]]);
    expectArray(dot(a([1, 1]), a([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), 'int64'), [2, 2], [[4, 6], [12, 14]]);
  });

  it('casts to the output dtype', () => {
    expectArray(dot(a([0.5, 0.5]), a([1, 2]), 'float32'), [], 1.5, 'float32');
  });

  it('names both shapes and the mismatching dims', () => {
    expect(() => dot(iota([2, 3]), iota([2, 3]), 'int64')).toThrow(
      new RangeError('dot: shapes (2, 3) and (2, 3) not aligned: 3 (dim 1) != 2 (dim 0)'));
    expect(() => dot(a([1, 2]), a([1, 2, 3]), 'int64')).toThrow('dot: shapes (2,) and (3,) not aligned: 2 (dim 0) != 3 (dim 0)');
  });
});

describe('tensordot', () => {
  const x = iota([2, 3]); // [[0, 1, 2], [3, 4, 5]]
  const y = iota([3, 2]); // [[0, 1], [2, 3], [4, 5]]

  it('contracts the given axes', () => {
    expectArray(tensordot(x, y, [1], [0], 'int64'), [2, 2], [[10, 13], [28, 40]]);
    expectArray(tensordot(x, y, [0, 1], [1, 0], 'int64'), [], 50);
    expectArray(tensordot(x, a([1, 10]), [0], [0], 'int64'), [3], [30, 41, 52]);
    expectArray(tensordot(x, y, [-1], [-2], 'int64'), [2, 2], [[10, 13], [28, 40]]);
  });

  it('is an outer product with no axes', () => {
    expectArray(tensordot(a([1, 2]), a([3, 4]), [], [], 'int64'), [2, 2], [[3, 4], [6, 8]]);
  });

  it('rejects mismatched sizes', () => {
    expect(() => tensordot(x, y, [0], [0], 'int64')).toThrow(/shape-mismatch for sum/);
    expect(() => tensordot(x, y, [0, 1], [0], 'int64')).toThrow(RangeError);
  });
});

describe('batchedDot', () => {
  const A = a([[[1, 2], [3, 4]], [[1, 0], [0, 1]]]);

  it('multiplies matrix batches', () => {
    const B = a([[[5, 6], [7, 8]], [[2, 3], [4, 5]]]);
    expectArray(batchedDot(A, B, 'int64'), [2, 2, 2], [[[19, 22], [43, 50]], [[2, 3], [4, 5]]]);
  });

  it('takes dot products of vector batches', () => {
    expectArray(batchedDot(a([[1, 2, 3], [4, 5, 6]]), a([[1, 1, 1], [2, 2, 2]]), 'int64'), [2], [6, 30]);
  });

  it('multiplies matrices by vectors per batch', () => {
    expectArray(batchedDot(A, a([[1, 1], [1, 0]]), 'int64'), [2, 2], [[3, 7], [1, 0]]);
  });

  it('rejects different batch sizes and misaligned slices', () => {
    expect(() => batchedDot(A, a([[1, 1]]), 'int64')).toThrow(/batch sizes differ/);
    expect(() => batchedDot(A, iota([2, 3]), 'int64')).toThrow(/not aligned: 2 \(dim 2\) != 3 \(dim 1\)/);
  });
});

describe('outer', () => {
  it('multiplies every pair', () => {
    expectArray(outer(a([1, 2]), a([3, 4, 5]), 'int64'), [2, 3], [[3, 4, 5], [6, 8, 10]]);
    expectArray(outer(a([[1], [2]]), a(3), 'int64'), [2, 1], [[3], [6]]);
  });
});

describe('dimshuffle', () => {
  it('permutes and inserts broadcastable axes', () => {
    expectArray(dimshuffle(iota([2, 3]), [1, 'x', 0]), [3, 1, 2], [[[0, 3]], [[1, 4]], [[2, 5]]]);
    expectArray(dimshuffle(a(7), ['x', 'x']), [1, 1], [[7]]);
  });

  it('drops size-1 axes left out', () => {
    expectArray(dimshuffle(a([[1, 2, 3]]), [1]), [3], [1, 2, 3]);
    expectArray(dimshuffle(a([[5]]), []), [], 5);
  });

  it('refuses to drop a longer axis or to repeat one', () => {
    expect(() => dimshuffle(iota([2, 3]), [1])).toThrow(/drops axis 0/);
    expect(() => dimshuffle(iota([2, 3]), [0, 0, 1])).toThrow(RangeError);
    expect(() => dimshuffle(iota([2, 3]), [2])).toThrow(RangeError);
  });
});

describe('subtensor', () => {
  const v = iota([5]); // [0, 1, 2, 3, 4]
  const m = iota([3, 4]); // m[i, j] = 4i + j
  const t = iota([2, 3, 4]); // t[i, j, k] = 12i + 4j + k

  it('slices with numpy semantics, including negative steps', () => {
    expectArray(subtensor(v, [sl(null, null, -1)]), [5], [4, 3, 2, 1, 0]);
    expectArray(subtensor(v, [sl(3, 0, -2)]), [2], [3, 1]);
    expectArray(subtensor(v, [sl(null, null, -2)]), [3], [4, 2, 0]);
    expectArray(subtensor(v, [int(-1)]), [], 4);
    expectArray(subtensor(v, [sl(1, 4)]), [3], [1, 2, 3]);
    expectArray(subtensor(v, [sl(-2, null)]), [2], [3, 4]);
    expectArray(subtensor(v, [sl(10, null)]), [0], []);
    expectArray(subtensor(v, [sl(-100, 100, 2)]), [3], [0, 2, 4]);
  });

  it('indexes several axes and adds new ones', () => {
    expectArray(subtensor(m, [int(1)]), [4], [4, 5, 6, 7]);
    expectArray(subtensor(m, [all, int(1)]), [3], [1, 5, 9]);
    expectArray(subtensor(m, [sl(null, null, 2), sl(null, null, -1)]), [2, 4], [[3, 2, 1, 0], [11, 10, 9, 8]]);
    expectArray(subtensor(m, [newaxis, int(0)]), [1, 4], [[0, 1, 2, 3]]);
    expectArray(subtensor(m, [int(2), newaxis, sl(1, 3)]), [1, 2], [[9, 10]]);
    expectArray(subtensor(a(3), [newaxis]), [1], [3]);
  });

  it('gathers with integer arrays, repeats included', () => {
    expectArray(subtensor(v, [arr([0, 0, 3, -1])]), [4], [0, 0, 3, 4]);
    expectArray(subtensor(m, [arr([2, 0])]), [2, 4], [[8, 9, 10, 11], [0, 1, 2, 3]]);
    expectArray(subtensor(m, [all, arr([0, 0])]), [3, 2], [[0, 0], [4, 4], [8, 8]]);
    expectArray(subtensor(m, [arr([0, 2]), arr([1, 3])]), [2], [1, 11]);
    expectArray(subtensor(m, [arr([[0], [2]]), arr([1, 3])]), [2, 2], [[1, 3], [9, 11]]);
  });

  it('places the advanced block like numpy', () => {
    // adjacent advanced indices (the int counts as one) stay in place
    expectArray(subtensor(t, [all, int(0), arr([1, 2])]), [2, 2], [[1, 2], [13, 14]]);
    // separated by a slice: the block moves to the front
    expectArray(subtensor(t, [int(0), all, arr([1, 2])]), [2, 3], [[1, 5, 9], [2, 6, 10]]);
  });

  it('accepts boolean masks', () => {
    expectArray(subtensor(v, [arr([true, false, true, false, true])]), [3], [0, 2, 4]);
    expectArray(subtensor(m, [arr([false, true, true]), int(0)]), [2], [4, 8]);
  });

  it('reports bad indices', () => {
    expect(() => subtensor(v, [int(5)])).toThrow(new RangeError('subtensor: index 5 is out of bounds for axis 0 with size 5'));
    expect(() => subtensor(m, [all, arr([0, 4])])).toThrow('subtensor: index 4 is out of bounds for axis 1 with size 4');
    expect(() => subtensor(v, [sl(null, null, 0)])).toThrow(/step cannot be zero/);
    expect(() => subtensor(v, [int(0), int(0)])).toThrow(/too many indices/);
    expect(() => subtensor(m, [arr([0, 1]), arr([0, 1, 2])])).toThrow(/could not be broadcast/);
    expect(() => subtensor(v, [{ kind: 'array', value: a([0.5]) }])).toThrow(TypeError);
  });

  it('predicts the result shape', () => {
    expect(subtensorShape([5], [sl(3, 0, -2)])).toEqual([2]);
    expect(subtensorShape([3, 4], [newaxis, all, int(-1)])).toEqual([1, 3]);
    expect(subtensorShape([2, 3, 4], [int(0), all, arr([1, 2])])).toEqual([2, 3]);
    expect(subtensorShape([2, 3, 4], [all, arr([[0, 1]]), arr([1])])).toEqual([2, 1, 2]);
    expect(subtensorShape([2, 3], [])).toEqual([2, 3]);
  });
});

describe('setSubtensor', () => {
  it('accumulates every occurrence of a repeated index for inc', () => {
    expectArray(setSubtensor(new NDArray('float64', [3]), [arr([0, 0, 2])], a(1), 'inc'), [3], [2, 0, 1]);
    expectArray(setSubtensor(a([1, 1, 1]), [arr([2, 2, 2])], a([1, 2, 3]), 'inc'), [3], [1, 1, 7]);
  });

  it('keeps the last write for set', () => {
    expectArray(setSubtensor(new NDArray('float64', [3]), [arr([0, 0, 2])], a([1, 2, 3]), 'set'), [3], [2, 0, 3]);
  });

  it('broadcasts the value over basic slices', () => {
    const m = iota([2, 3]);
    expectArray(setSubtensor(m, [all, int(1)], a(0), 'set'), [2, 3], [[0, 0, 2], [3, 0, 5]]);
    expectArray(setSubtensor(m, [int(1)], a([10, 20, 30]), 'inc'), [2, 3], [[0, 1, 2], [13, 24, 35]]);
    expectArray(setSubtensor(m, [all, sl(null, null, -2)], a([[1, 2]]), 'set'), [2, 3], [[2, 1, 1], [2, 4, 1]]);
    expectArray(setSubtensor(new NDArray('int64', [5]), [sl(null, null, -2)], a([1, 2, 3]), 'set'), [5], [3, 0, 2, 0, 1]);
  });

  it('casts the value to the array dtype and leaves the input alone', () => {
    const x = a([1, 2, 3], 'int32');
    expectArray(setSubtensor(x, [int(0)], a(7.9), 'set'), [3], [7, 2, 3], 'int32');
    expectArray(x, [3], [1, 2, 3]);
    expectArray(setSubtensor(a([false, false]), [arr([1, 1])], a(true), 'inc'), [2], [false, true], 'bool');
  });

  it('rejects values that do not broadcast', () => {
    expect(() => setSubtensor(iota([2, 3]), [int(0)], a([1, 2]), 'set')).toThrow(
      new RangeError('setSubtensor: could not broadcast value of shape (2,) into indexed shape (3,)'));
  });
});

describe('concatenate and stack', () => {
  it('concatenates along axis 0 and 1', () => {
    expectArray(concatenate([a([[1, 2]]), a([[3, 4], [5, 6]])], 0, 'int64'), [3, 2], [[1, 2], [3, 4], [5, 6]]);
    expectArray(concatenate([a([[1], [2]]), a([[3, 4], [5, 6]])], 1, 'int64'), [2, 3], [[1, 3, 4], [2, 5, 6]]);
    expectArray(concatenate([a([[1], [2]]), a([[3], [4]])], -1, 'int64'), [2, 2], [[1, 3], [2, 4]]);
  });

  it('converts inputs to the output dtype', () => {
    expectArray(concatenate([a([1], 'int32'), a([2.5])], 0, 'float64'), [2], [1, 2.5], 'float64');
    expectArray(concatenate([a([0.5, 2])], 0, 'bool'), [2], [true, true], 'bool');
  });

  it('names the first mismatching input and axis', () => {
    expect(() => concatenate([iota([2, 3]), iota([2, 3]), iota([2, 4])], 0, 'int64')).toThrow(
      /input 2 has shape \(2, 4\) but input 0 has shape \(2, 3\): sizes differ on axis 1/);
    expect(() => concatenate([iota([2]), iota([1, 2])], 0, 'int64')).toThrow(/input 1/);
    expect(() => concatenate([a(1)], 0, 'int64')).toThrow(RangeError);
  });

  it('stacks along a new axis 0 or 1', () => {
    expectArray(stack([a([1, 2]), a([3, 4])], 0, 'int64'), [2, 2], [[1, 2], [3, 4]]);
    expectArray(stack([a([1, 2]), a([3, 4])], 1, 'int64'), [2, 2], [[1, 3], [2, 4]]);
    expectArray(stack([a(1), a(2)], 0, 'float32'), [2], [1, 2], 'float32');
    expect(() => stack([a([1, 2]), a([1, 2, 3])], 0, 'int64')).toThrow(/same shape/);
  });
});

describe('sort and argsort', () => {
  it('argsort is stable', () => {
    expectArray(argsort(a([3, 1, 2, 1, 3]), 0), [5], [1, 3, 2, 0, 4], 'int64');
    // long enough to go through the merge passes
    const n = 100;
    const keys = Array.from({ length: n }, (_, i) => i % 3);
    const expected = [0, 1, 2].flatMap((k) => keys.flatMap((v, i) => (v === k ? [i] : [])));
    expect(argsort(a(keys), null).toArray()).toEqual(expected);
  });

  it('sorts NaN last', () => {
    expectArray(sort(a([3, NaN, 1, -Infinity]), 0), [4], [-Infinity, 1, 3, NaN], 'float64');
    expectArray(argsort(a([NaN, 3, NaN, 1]), -1), [4], [3, 1, 0, 2]);
  });

  it('sorts along an axis or flattened', () => {
    const m = a([[3, 1], [2, 4]]);
    expectArray(sort(m, 0), [2, 2], [[2, 1], [3, 4]], 'int64');
    expectArray(sort(m, 1), [2, 2], [[1, 3], [2, 4]]);
    expectArray(sort(m, null), [4], [1, 2, 3, 4]);
    expectArray(argsort(m, null), [4], [1, 2, 0, 3]);
    expectArray(argsort(m, 0), [2, 2], [[1, 0], [0, 1]]);
  });
});

describe('broadcasting and transposition', () => {
  it('broadcasts shapes', () => {
    expect(broadcastShapes([2, 3], [3])).toEqual([2, 3]);
    expect(broadcastShapes([4, 1], [1, 5])).toEqual([4, 5]);
    expect(broadcastShapes([], [2])).toEqual([2]);
    expect(broadcastShapes([0], [1])).toEqual([0]);
  });

  it('names both shapes when they do not broadcast', () => {
    expect(() => broadcastShapes([2, 3], [4])).toThrow(new RangeError('shapes (2, 3) and (4,) cannot be broadcast together'));
    expect(() => broadcastShapes([2, 1], [3, 1, 1])).not.toThrow();
    expect(() => broadcastShapes([0], [2])).toThrow('shapes (0,) and (2,) cannot be broadcast together');
  });

  it('materializes broadcasts', () => {
    expectArray(broadcastTo(a([1, 2, 3]), [2, 3]), [2, 3], [[1, 2, 3], [1, 2, 3]]);
    expectArray(broadcastTo(a([[1], [2]]), [2, 2]), [2, 2], [[1, 1], [2, 2]]);
    expectArray(broadcastTo(a(5), [2]), [2], [5, 5]);
    expect(() => broadcastTo(a([1, 2]), [3])).toThrow(RangeError);
  });

  it('transposes', () => {
    expectArray(transpose(iota([2, 3])), [3, 2], [[0, 3], [1, 4], [2, 5]]);
    expectArray(transpose(iota([1, 2, 3]), [2, 0, 1]), [3, 1, 2], [[[0, 3]], [[1, 4]], [[2, 5]]]);
    expect(() => transpose(iota([2, 3]), [0, 0])).toThrow(RangeError);
  });
});

describe('creation and casting', () => {
  it('arange has numpy length ceil((stop - start) / step)', () => {
    expectArray(arange(0, 5, 1, 'int64'), [5], [0, 1, 2, 3, 4], 'int64');
    expectArray(arange(1, 2, 0.25, 'float64'), [4], [1, 1.25, 1.5, 1.75]);
    expectArray(arange(5, 0, -2, 'int32'), [3], [5, 3, 1], 'int32');
    expectArray(arange(0, 5, 2, 'float32'), [3], [0, 2, 4]);
    expectArray(arange(3, 1, 1, 'int64'), [0], []);
    expect(() => arange(0, 1, 0, 'int64')).toThrow(RangeError);
  });

  it('eye puts ones on diagonal k', () => {
    expectArray(eye(2, 3, 0, 'float64'), [2, 3], [[1, 0, 0], [0, 1, 0]]);
    expectArray(eye(3, 3, 1, 'int32'), [3, 3], [[0, 1, 0], [0, 0, 1], [0, 0, 0]]);
    expectArray(eye(3, 2, -1, 'int64'), [3, 2], [[0, 0], [1, 0], [0, 1]]);
    expectArray(eye(2, 2, 0, 'bool'), [2, 2], [[true, false], [false, true]]);
  });

  it('fill casts the value', () => {
    expectArray(fill([2, 2], 7.9, 'int32'), [2, 2], [[7, 7], [7, 7]], 'int32');
    expectArray(fill([], 2.5, 'float64'), [], 2.5);
  });

  it('cast truncates, wraps and maps nonzero to true like astype', () => {
    expectArray(cast(a([1.7, -1.7, NaN]), 'int32'), [3], [1, -1, 0], 'int32');
    expectArray(cast(a([1.7, -2.5]), 'int64'), [2], [1, -2], 'int64');
    expectArray(cast(a([0, 2, -0.5]), 'bool'), [3], [false, true, true], 'bool');
    expectArray(cast(a([300, -1]), 'uint8'), [2], [44, 255], 'uint8');
    const x = a([1, 2]);
    const y = cast(x, 'int64');
    expect(y).not.toBe(x);
    expect(y.data).not.toBe(x.data);
  });
});
