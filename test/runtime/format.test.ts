// Expected strings are numpy 2.x's repr/str with default print options.
import { describe, expect, it } from 'vitest';
import { NDArray, asarray } from '../../runtime/ndarray.ts';
import { formatNDArray, formatValue } from '../../runtime/format.ts';
import type { DType } from '../../runtime/dtype.ts';

const arr = (v: Parameters<typeof asarray>[0], dtype?: DType) => asarray(v, dtype ? { dtype } : {});
const range = (n: number, dtype: DType = 'int64') => asarray(Array.from({ length: n }, (_, i) => i), { dtype });

describe('formatNDArray (numpy repr)', () => {
  it.each<[string, NDArray, string]>([
    ['0-d float64 integral', arr(5, 'float64'), 'array(5.)'],
    ['0-d float64 fraction', arr(0.5), 'array(0.5)'],
    ['0-d int64', arr(0), 'array(0)'],
    ['0-d negative int64', arr(-3), 'array(-3)'],
    ['0-d bool', arr(true), 'array(True)'],
    ['0-d negative zero', arr(-0, 'float64'), 'array(-0.)'],
    ['0-d large float', arr(1e10, 'float64'), 'array(1.e+10)'],
    ['0-d small float', arr(1e-5), 'array(1.e-05)'],
    ['0-d uint8', arr(200, 'uint8'), 'array(200, dtype=uint8)'],
    ['2-d float64', arr([[11, 22], [33, 44]], 'float64'), 'array([[11., 22.],\n       [33., 44.]])'],
    ['sigmoid values padded to a common width', arr([[0.5, 0.7310585786300049], [0.2689414213699951, 0.11920292202211755]]),
      'array([[0.5       , 0.73105858],\n       [0.26894142, 0.11920292]])'],
    ['integral and fractional floats', arr([1, 0.5]), 'array([1. , 0.5])'],
    ['negative floats widen the integer part', arr([1.5, -0.25]), 'array([ 1.5 , -0.25])'],
    ['precision 8', arr([1 / 3]), 'array([0.33333333])'],
    ['scientific when max/min > 1e3', arr([1e10, 1], 'float64'), 'array([1.e+10, 1.e+00])'],
    ['scientific for tiny values', arr([1.23456789e-5]), 'array([1.23456789e-05])'],
    ['scientific shares fraction digits and exponent width', arr([1.5e300, 2], 'float64'), 'array([1.5e+300, 2.0e+000])'],
    ['nan and infinities', arr([NaN, -Infinity, 1.5]), 'array([ nan, -inf,  1.5])'],
    ['only non-finite', arr([NaN, Infinity]), 'array([nan, inf])'],
    ['float32 rounds to float32 precision', arr([0.1, 0.2], 'float32'), 'array([0.1, 0.2], dtype=float32)'],
    ['int8 with sign', arr([-1, 10], 'int8'), 'array([-1, 10], dtype=int8)'],
    ['int16', arr([[1, 2]], 'int16'), 'array([[1, 2]], dtype=int16)'],
    ['uint32', arr([7], 'uint32'), 'array([7], dtype=uint32)'],
    ['bool pads True', arr([true, false]), 'array([ True, False])'],
    ['bool pads True even without False', arr([true, true]), 'array([ True,  True])'],
    ['empty float64', new NDArray('float64', [0]), 'array([], dtype=float64)'],
    ['empty int64', new NDArray('int64', [0]), 'array([], dtype=int64)'],
    ['empty 2-d', new NDArray('float64', [0, 3]), 'array([], shape=(0, 3), dtype=float64)'],
    ['3-d blocks separated by a blank line', asarray([0, 1, 2, 3, 4, 5, 6, 7], { dtype: 'float64', shape: [2, 2, 2] }),
      'array([[[0., 1.],\n        [2., 3.]],\n\n       [[4., 5.],\n        [6., 7.]]])'],
    ['long rows wrap at 75 columns', range(30, 'int32'),
      'array([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16,\n'
      + '       17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=int32)'],
    ['summarized past 1000 elements', range(1001), 'array([   0,    1,    2, ...,  998,  999, 1000], shape=(1001,))'],
    ['summarized rows', range(2000).reshape([2, 1000]),
      'array([[   0,    1,    2, ...,  997,  998,  999],\n       [1000, 1001, 1002, ..., 1997, 1998, 1999]], shape=(2, 1000))'],
  ])('%s', (_name, a, expected) => {
    expect(formatNDArray(a)).toBe(expected);
  });

  it('wraps float rows with aligned continuation lines', () => {
    const a = asarray(Array.from({ length: 40 }, (_, i) => i / 8));
    expect(formatNDArray(a)).toBe(
      'array([0.   , 0.125, 0.25 , 0.375, 0.5  , 0.625, 0.75 , 0.875, 1.   ,\n'
      + '       1.125, 1.25 , 1.375, 1.5  , 1.625, 1.75 , 1.875, 2.   , 2.125,\n'
      + '       2.25 , 2.375, 2.5  , 2.625, 2.75 , 2.875, 3.   , 3.125, 3.25 ,\n'
      + '       3.375, 3.5  , 3.625, 3.75 , 3.875, 4.   , 4.125, 4.25 , 4.375,\n'
      + '       4.5  , 4.625, 4.75 , 4.875])',
    );
  });

  it('is what toString and util.inspect show', () => {
    const a = arr([1, 2], 'float64');
    expect(String(a)).toBe('array([1., 2.])');
  });
});

describe('formatValue (numpy str)', () => {
  it.each<[string, NDArray, string]>([
    ['0-d float64', arr(5, 'float64'), '5.0'],
    ['0-d fraction', arr(0.5), '0.5'],
    ['0-d float32', arr(0.1, 'float32'), '0.1'],
    ['0-d large float', arr(1e16, 'float64'), '1e+16'],
    ['0-d small float', arr(1e-5), '1e-05'],
    ['0-d negative zero', arr(-0, 'float64'), '-0.0'],
    ['0-d nan', arr(NaN), 'nan'],
    ['0-d int', arr(7), '7'],
    ['0-d bool', arr(false), 'False'],
    ['2-d float64', arr([[1, 2], [3, 4]], 'float64'), '[[1. 2.]\n [3. 4.]]'],
    ['padded floats', arr([[0.5, 0.7310585786300049], [0.2689414213699951, 0.11920292202211755]]),
      '[[0.5        0.73105858]\n [0.26894142 0.11920292]]'],
    ['bool', arr([true, false]), '[ True False]'],
    ['float32 without dtype', arr([0.1, 0.2], 'float32'), '[0.1 0.2]'],
    ['empty', new NDArray('float64', [0, 3]), '[]'],
    ['summarized', range(1001), '[   0    1    2 ...  998  999 1000]'],
    ['wrapped at 75 columns', range(30, 'int32'),
      '[ 0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16 17 18 19 20 21 22 23\n 24 25 26 27 28 29]'],
  ])('%s', (_name, a, expected) => {
    expect(formatValue(a)).toBe(expected);
  });
});
