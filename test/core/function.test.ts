// T.fn semantics (Theano's): updates from pre-call values, atomic calls, givens, copy, borrow,
// and every kind of bad input with an error that names it.
import { describe, expect, it, vi } from 'vitest';
import * as T from '../../compiler/index.ts';
import { NDArray } from '../../runtime/ndarray.ts';

describe('updates', () => {
  it('are computed from pre-call values and applied together (swap)', () => {
    const a = T.shared(T.asarray([1, 2]), { name: 'a' });
    const b = T.shared(T.asarray([10, 20]), { name: 'b' });
    const f = T.fn([], [T.add(a, b)], { updates: [[a, b], [b, a]] });
    const [s] = f();
    expect(s!.toArray()).toEqual([11, 22]);
    expect(a.getValue().toArray()).toEqual([10, 20]);
    expect(b.getValue().toArray()).toEqual([1, 2]);
    // the swapped values are independent buffers
    a.getValue({ borrow: true }).data[0] = 99;
    expect(b.getValue().toArray()).toEqual([1, 2]);
  });

  it('a call that throws changes no shared value', () => {
    const w = T.shared(T.asarray([[1, 2, 3], [4, 5, 6]], { dtype: 'float64' }), { name: 'w' });
    const c = T.shared(0, { name: 'count' });
    const x = T.dmatrix('x');
    const f = T.fn([x], T.dot(x, w), { updates: [[c, T.add(c, 1)], [w, T.mul(w, 2)]] });
    expect(() => f([[1, 2, 3], [4, 5, 6]])).toThrow(/dot: shapes \(2, 3\) and \(2, 3\) not aligned: 3 \(dim 1\) != 2 \(dim 0\)/);
    expect(c.getValue().toArray()).toBe(0);
    expect(w.getValue().toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(f([[1, 0]]).toArray()).toEqual([[1, 2, 3]]);
    expect(c.getValue().toArray()).toBe(1);
  });

  it('outputs never alias inputs or shared state', () => {
    const x = T.dvector('x');
    const s = T.shared(T.asarray([1, 2], { dtype: 'float64' }));
    const f = T.fn([x], [x, s, T.reshape(x, [2, 1])]);
    const input = T.asarray([5, 6], { dtype: 'float64' });
    const [o1, o2, o3] = f(input);
    o1!.data[0] = 0; o2!.data[0] = 0; o3!.data[1] = 0;
    expect(input.toArray()).toEqual([5, 6]);
    expect(s.getValue().toArray()).toEqual([1, 2]);
  });

  it('updates of a shared variable accept Map and pairs; noDefaultUpdates keeps explicit ones', () => {
    const s = T.shared(1);
    T.fn([], undefined, { updates: new Map([[s, T.mul(s, 3)]]) })();
    expect(s.getValue().toArray()).toBe(3);
    T.fn([], undefined, { updates: [[s, T.mul(s, 3)]], noDefaultUpdates: true })();
    expect(s.getValue().toArray()).toBe(9);
  });
});

describe('shared variables', () => {
  it('getValue copies unless borrow; setValue copies unless borrow', () => {
    const v = T.asarray([1, 2, 3], { dtype: 'float64' });
    const s = T.shared(v);
    v.data[0] = 100;
    expect(s.getValue().toArray()).toEqual([1, 2, 3]);
    s.getValue().data[1] = 50;
    expect(s.getValue().toArray()).toEqual([1, 2, 3]);
    s.getValue({ borrow: true }).data[1] = 50;
    expect(s.getValue().toArray()).toEqual([1, 50, 3]);
    const w = T.asarray([7, 8, 9], { dtype: 'float64' });
    s.setValue(w, { borrow: true });
    w.data[0] = 0;
    expect(s.getValue().toArray()).toEqual([0, 8, 9]);
    s.setValue(w);
    w.data[0] = 1;
    expect(s.getValue().toArray()).toEqual([0, 8, 9]);
  });

  it('dtypes: JS numbers are floatX, typed arrays and NDArrays keep theirs', () => {
    expect(T.shared(0).dtype).toBe('float64');
    expect(T.shared(0, { dtype: 'int32' }).dtype).toBe('int32');
    expect(T.shared(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(T.shared(new Float32Array([1, 2])).dtype).toBe('float32');
    expect(T.shared(T.asarray([1, 2])).dtype).toBe('int64');
    expect(T.shared([[1, 2]]).ndim).toBe(2);
  });

  it('setValue refuses a wrong ndim or a lossy dtype, leaving the value alone', () => {
    const s = T.shared(T.asarray([1, 2], { dtype: 'int32' }), { name: 'counts' });
    expect(() => s.setValue([[1, 2]])).toThrow(/shared variable 'counts': expected 1-d value, got 2-d/);
    expect(() => s.setValue(T.asarray([1.5], { dtype: 'float64' }))).toThrow(/'counts': expected dtype int32, got float64, which would lose precision/);
    expect(() => s.setValue([1.5])).toThrow(/fractional/);
    expect(s.getValue().toArray()).toEqual([1, 2]);
    s.setValue(T.asarray([3], { dtype: 'int8' }));
    expect(s.getValue().dtype).toBe('int32');
  });
});

describe('inputs, outputs and keyword arguments', () => {
  it('outputs: one, a list, none', () => {
    const x = T.dscalar('x');
    expect(T.fn([x], x)(1)).toBeInstanceOf(NDArray);
    expect(T.fn([x], [x])(1)).toHaveLength(1);
    expect(T.fn([x], [], { onUnusedInput: 'ignore' })(1)).toEqual([]);
    expect(T.fn([x], undefined, { onUnusedInput: 'ignore' })(1)).toEqual([]);
  });

  it('accepts numbers, nested arrays, typed arrays and NDArrays; upcasts safely', () => {
    const v = T.dvector('v');
    const f = T.fn([v], T.mul(v, 2));
    expect(f([1, 2]).toArray()).toEqual([2, 4]);
    expect(f(new Float64Array([1, 2])).toArray()).toEqual([2, 4]);
    expect(f(new Int32Array([1, 2])).toArray()).toEqual([2, 4]);
    expect(f(T.asarray([1, 2], { dtype: 'float32' })).toArray()).toEqual([2, 4]);
  });

  it('intermediate variables may be inputs (the graph is cut there)', () => {
    const x = T.dscalar('x');
    const y = T.exp(x);
    const z = T.add(y, 1);
    expect(T.fn([y], z)(2).toArray()).toBe(3);
  });

  it('givens accept Map and replace expressions', () => {
    const x = T.dscalar('x');
    const y = T.dscalar('y');
    const z = T.mul(T.add(x, 1), 2);
    const f = T.fn([y], z, { givens: new Map([[x, T.mul(y, 10)]]) });
    expect(f(1).toArray()).toBe(22);
  });

  it('onUnusedInput warn and ignore', () => {
    const [x, y] = T.dscalars('x', 'y');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const f = T.fn([x, y], x, { onUnusedInput: 'warn' });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/input 1 \('y'\) is not used/));
    warn.mockRestore();
    expect(f(1, 2).toArray()).toBe(1);
  });

  it('T.fn accepts the lambda form', () => {
    const f = T.fn(T.tensor`(x: f64[n, m], w: f64[m]) => sigmoid(x @ w)`);
    const r = f([[0, 1], [1, 0]], [0, 2]);
    expect(r.get(0)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(r.get(1)).toBe(0.5);
  });
});

describe('bad input: clear errors naming the input, expected and actual', () => {
  const x = T.dmatrix('x');
  const y = T.dvector('y');
  const f = T.fn([x, y], T.dot(x, y));

  it('wrong dtype', () => {
    const i = T.iscalar('n');
    const g = T.fn([i], T.mul(i, 2));
    expect(() => g(2.5)).toThrow(/input 0 \('n'\): expected int32 values, got 2.5, which is not an integer/);
    expect(() => g(T.asarray([1.5]).reshape([]))).toThrow(/input 0 \('n'\): int32 scalar cannot store a value of dtype float64 without risking loss of precision/);
    expect(() => g(2 ** 40)).toThrow(/out of range/);
    expect(() => g('3' as never)).toThrow(/input 0 \('n'\): expected a number, nested array, typed array or NDArray, got string/);
  });

  it('wrong ndim', () => {
    // @ts-expect-error a vector where a matrix is declared is a type error too
    expect(() => f([1, 2], [1, 2])).toThrow(/input 0 \('x'\): expected a float64 matrix \(ndim 2\), got ndim 1 with shape \(2\)/);
    expect(() => f(3 as never, [1])).toThrow(/input 0 \('x'\): expected a float64 matrix \(ndim 2\), got a number/);
  });

  it('mismatched shapes at call time', () => {
    expect(() => f([[1, 2, 3], [4, 5, 6]], [1, 2])).toThrow(/dot: shapes \(2, 3\) and \(2,\) not aligned: 3 \(dim 1\) != 2 \(dim 0\)/);
    const [a, b] = T.dmatrices('a', 'b');
    expect(() => T.fn([a, b], T.add(a, b))([[1, 2]], [[1, 2, 3]])).toThrow(/add: input shapes \(1, 2\) and \(1, 3\) do not match on axis 1/);
    expect(() => T.dot(T.constant([[1, 2, 3]]), T.constant([[1, 2, 3]]))).toThrow(/dot: shapes \(1, 3\) and \(1, 3\) not aligned/);
  });

  it('ragged nested arrays', () => {
    expect(() => f([[1, 2], [3]], [1, 2])).toThrow(/input 0 \('x'\): ragged nested array at \[1\]: expected length 2, got length 1/);
  });

  it('missing argument, unknown keyword, too many arguments, keyword given twice', () => {
    // @ts-expect-error a missing argument is a type error too
    expect(() => f([[1]])).toThrow(/missing argument for input 1 \('y'\)/);
    expect(() => f([[1]], { z: [1] })).toThrow(/unknown keyword argument 'z' \(inputs by name: 'x', 'y'\)/);
    // @ts-expect-error so is an extra one
    expect(() => f([[1]], [1], [1])).toThrow(/expected at most 2 positional arguments, got 3/);
    expect(() => f([[1]], [1], { y: [1] })).toThrow(/input 1 \('y'\) given both positionally and as keyword 'y'/);
  });

  it('duplicate input, shared or constant input, default before non-default, missing input', () => {
    expect(() => T.fn([x, x], x)).toThrow(/input 1 \('x'\) is the same variable as input 0/);
    const s = T.shared(1, { name: 's' });
    expect(() => T.fn([s], s)).toThrow(/input 0 \('s'\) is a shared variable/);
    expect(() => T.fn([T.constant(1)], x)).toThrow(/is a constant and cannot be an input/);
    const [p, q] = T.dscalars('p', 'q');
    expect(() => T.fn([T.In(p, { value: 1 }), q], T.add(p, q))).toThrow(/input 1 \('q'\) has no default but follows an input with a default/);
    expect(() => T.fn([p], T.add(p, q))).toThrow(/depends on 'q', which is not in the inputs list/);
    expect(() => T.fn([p, q], p)).toThrow(/input 1 \('q'\) is not used to compute any output or update; .*onUnusedInput/);
  });

  it('bad updates: not shared, wrong type, twice', () => {
    const s = T.shared(T.asarray([1, 2], { dtype: 'float64' }), { name: 'w' });
    const v = T.dvector('v');
    expect(() => T.fn([v], v, { updates: [[v as never, T.mul(v, 2)]] })).toThrow(/updates: entry 0 updates 'v', which is not a shared variable/);
    expect(() => T.fn([], s, { updates: [[s, T.cast(s, 'float32')]] })).toThrow(/the update of 'w' has type TensorType\(float32, vector\) but the shared variable is TensorType\(float64, vector\)/);
    expect(() => T.fn([], s, { updates: [[s, T.sum(s)]] })).toThrow(/the update of 'w' has type TensorType\(float64, scalar\)/);
    expect(() => T.fn([], s, { updates: [[s, s], [s, s]] })).toThrow(/'w' is updated twice/);
    expect(s.getValue().toArray()).toEqual([1, 2]);
  });

  it('givens with a mismatched type', () => {
    const a = T.dscalar('a');
    const b = T.fvector('b');
    expect(() => T.fn([b], T.mul(a, 2), { givens: [[a, b]] })).toThrow(/givens: 'a' has type TensorType\(float64, scalar\) but its replacement 'b' has type TensorType\(float32, vector\)/);
  });

  it('wrong arity and unknown dtype in op functions', () => {
    expect(() => (T.exp as (...a: unknown[]) => unknown)(x, x)).toThrow(/exp: expected 1 argument, got 2/);
    expect(() => T.cast(x, 'bfloat16' as never)).toThrow(/cast: unknown dtype "bfloat16"/);
    expect(() => T.zeros([2, -1])).toThrow(/zeros: shape entry 1 must be a non-negative integer, got -1/);
    expect(() => T.add(x, {} as never)).toThrow(/add argument 1: expected a tensor, number or array, got Object/);
  });

  it('copy with a swap of another type', () => {
    const s = T.shared(0, { name: 's' });
    const g = T.fn([], s, { updates: [[s, T.add(s, 1)]] });
    expect(() => g.copy({ swap: [[s, T.shared(T.asarray([1]))]] })).toThrow(/cannot swap 's' \(float64, 0-d\) for 'shared' \(int64, 1-d\)/);
  });
});

describe('templates: errors point at the character', () => {
  const x = T.dmatrix('x');
  const v = T.dvector('v');

  it('syntax error with a caret', () => {
    let err: unknown;
    try { T.tensor`1 / (1 + exp(-${x})`; } catch (e) { err = e; }
    expect(err).toBeInstanceOf(T.TemplateError);
    const e = err as InstanceType<typeof T.TemplateError>;
    expect(e.message).toMatch(/expected '\)'/);
    expect(e.message).toContain('1 / (1 + exp(-${x})');
    expect(e.message.split('\n').at(-1)).toMatch(/^\s*\^/);
    expect(typeof e.loc.offset).toBe('number');
  });

  it('unknown function with a suggestion', () => {
    expect(() => T.tensor`sigmod(${x})`).toThrow(/unknown function 'sigmod' \(did you mean 'sigmoid'\?\)/);
  });

  it('a type error inside a template points at the operator', () => {
    let err: unknown;
    try { T.tensor`${x} @ ${x} + (${x} & ${v})`; } catch (e) { err = e; }
    const e = err as InstanceType<typeof T.TemplateError>;
    expect(e.message).toMatch(/and_: bitwise ops need bool or integer inputs, got float64 and float64/);
    const lines = e.message.split('\n');
    const caretCol = lines.at(-1)!.indexOf('^');
    expect(lines.at(-2)![caretCol]).toBe('&');
  });

  it('wrong arity through a template', () => {
    expect(() => T.tensor`exp(${x}, ${x})`).toThrow(/exp: expected 1 argument, got 2/);
  });

  it('template variables record where they came from', () => {
    const y = T.tensor`exp(${x}) + 1`;
    expect(y.tag.loc).toBeDefined();
  });
});
