// Type-level tests: dtype and ndim flow into users' editors. tsc checks the @ts-expect-error
// lines (npm test runs tsc first); vitest checks the expectTypeOf assertions run.
import { describe, expectTypeOf, it, expect } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { PROMOTE } from '../../compiler/api/promote-table.ts';
import { DTYPES, promote } from '../../runtime/dtype.ts';

describe('types carry dtype and ndim', () => {
  it('constructors', () => {
    expectTypeOf(T.dmatrix('x')).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.fvector()).toEqualTypeOf<T.Variable<'float32', 1>>();
    expectTypeOf(T.iscalar()).toEqualTypeOf<T.Variable<'int32', 0>>();
    expectTypeOf(T.ltensor3()).toEqualTypeOf<T.Variable<'int64', 3>>();
    expectTypeOf(T.scalar('s', 'int32')).toEqualTypeOf<T.Variable<'int32', 0>>();
    expectTypeOf(T.matrix('m')).toEqualTypeOf<T.Variable<'float16' | 'float32' | 'float64', 2>>();
    const [a, b] = T.dmatrices('a', 'b');
    expectTypeOf(a).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(b).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.shared(new Float32Array(3))).toEqualTypeOf<T.SharedVariable<'float32', 1>>();
    expectTypeOf(T.shared(0, { dtype: 'int32' })).toEqualTypeOf<T.SharedVariable<'int32', 0>>();
  });

  it('elementwise results promote dtypes and broadcast ndim', () => {
    const m = T.fmatrix(), v = T.dvector(), i = T.imatrix();
    expectTypeOf(T.add(m, 2.5)).toEqualTypeOf<T.Variable<'float32', 2>>();
    expectTypeOf(T.mul(i, 2)).toEqualTypeOf<T.Variable<'int32', 2>>();
    expectTypeOf(T.add(m, v)).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.exp(i)).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.lt(m, 0)).toEqualTypeOf<T.Variable<'bool', 2>>();
    expectTypeOf(T.true_div(T.iscalar(), T.iscalar())).toEqualTypeOf<T.Variable<'float64', 0>>();
  });

  it('reductions and dot', () => {
    const m = T.dmatrix(), v = T.dvector();
    expectTypeOf(T.sum(m)).toEqualTypeOf<T.Variable<'float64', 0>>();
    expectTypeOf(T.sum(m, { axis: 0 })).toEqualTypeOf<T.Variable<'float64', 1>>();
    expectTypeOf(m.sum({ axis: 1, keepdims: true })).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.mean(T.ivector())).toEqualTypeOf<T.Variable<'float64', 0>>();
    expectTypeOf(T.dot(m, v)).toEqualTypeOf<T.Variable<'float64', 1>>();
    expectTypeOf(T.dot(v, v)).toEqualTypeOf<T.Variable<'float64', 0>>();
    expectTypeOf(T.dot(m, m)).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(T.argmax(m, { axis: 1 })).toEqualTypeOf<T.Variable<'int64', 1>>();
    expectTypeOf(m.T).toEqualTypeOf<T.Variable<'float64', 2>>();
    expectTypeOf(m.reshape([4])).toEqualTypeOf<T.Variable<'float64', 1>>();
  });

  it('compiled functions are typed from their inputs and outputs', () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const f = T.fn([x, w], T.dot(x, w));
    expectTypeOf(f([[1]], [1])).toEqualTypeOf<NDArray<'float64', 1>>();
    const g = T.fn([x, w], [T.dot(x, w), T.sum(w)]);
    expectTypeOf(g([[1]], [1])).toEqualTypeOf<[NDArray<'float64', 1>, NDArray<'float64', 0>]>();
    const h = T.fn([x], undefined, { onUnusedInput: 'ignore' });
    expectTypeOf(h([[1]])).toEqualTypeOf<[]>();
    const d = T.fn([x, T.In(w, { value: [1] })], T.dot(x, w));
    expectTypeOf(d([[1]])).toEqualTypeOf<NDArray<'float64', 1>>();
  });

  it('shape errors are red lines', () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const f = T.fn([x, w], T.dot(x, w));
    // @ts-expect-error a vector where a matrix is declared
    expect(() => f([1, 2], [1, 2])).toThrow(/ndim 2/);
    // @ts-expect-error a matrix where a vector is declared
    expect(() => f([[1, 2]], [[1], [2]])).toThrow(/ndim 1/);
    // @ts-expect-error a string is not a tensor
    expect(() => T.exp('x')).toThrow(/expected a tensor/);
    // an NDArray's ndim is checked when the call runs (NDArray types are structurally compatible)
    expect(() => f(T.asarray([1, 2]) as NDArray<'float64', 1>, [1])).toThrow(/ndim/);
  });

  it('the type-level promotion table agrees with the runtime', () => {
    for (const a of DTYPES) for (const b of DTYPES) expect(PROMOTE[a][b]).toBe(promote(a, b));
  });
});
