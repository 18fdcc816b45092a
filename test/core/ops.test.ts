// Ops against hand-computed values (numpy's edge semantics), and the CPU backend's generated
// kernels against the op table's reference evaluation for every op.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { type DType, DTYPES } from '../../runtime/dtype.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { OPS } from '../../compiler/ops/table.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';

const ev = (v: Variable) => v.eval().toArray();

describe('numpy edge semantics', () => {
  it('floor division and modulo of negatives follow Python', () => {
    const a = T.constant([7, -7, 7, -7], { dtype: 'int32' });
    const b = T.constant([2, 2, -2, -2], { dtype: 'int32' });
    expect(ev(T.int_div(a, b))).toEqual([3, -4, -4, 3]);
    expect(ev(T.mod(a, b))).toEqual([1, 1, -1, -1]);
    const fa = T.constant([7.5, -7.5]), fb = T.constant([2, 2], { dtype: 'float64' });
    expect(ev(T.int_div(fa, fb))).toEqual([3, -4]);
    expect(ev(T.mod(fa, fb))).toEqual([1.5, 0.5]);
    expect(ev(T.tensor`${a} // ${b}`)).toEqual([3, -4, -4, 3]);
    expect(ev(T.tensor`${a} % ${b}`)).toEqual([1, 1, -1, -1]);
  });

  it('int / int true division is float64', () => {
    const [i, j] = T.iscalars('i', 'j');
    const q = T.true_div(i, j);
    expect(q.dtype).toBe('float64');
    expect(q.eval({ i: 7, j: 2 }).toArray()).toBe(3.5);
    expect(T.tensor`${i} / ${j}`.dtype).toBe('float64');
  });

  it('argmax ties take the first index', () => {
    expect(ev(T.argmax(T.constant([1, 3, 3, 2])))).toBe(1);
    expect(ev(T.argmin(T.constant([[2, 1, 1], [0, 0, 5]]), { axis: 1 }))).toEqual([1, 0]);
  });

  it('mean of ints is float', () => {
    const m = T.mean(T.constant([1, 2, 4], { dtype: 'int32' }));
    expect(m.dtype).toBe('float64');
    expect(ev(m)).toBeCloseTo(7 / 3, 15);
  });

  it('JS numbers never upcast a tensor', () => {
    const f = T.fmatrix('f');
    expect(T.mul(f, 2.5).dtype).toBe('float32');
    expect(T.tensor`${f} * 2.5 + 1`.dtype).toBe('float32');
    const i = T.imatrix('i');
    expect(T.mul(i, 2).dtype).toBe('int32');
    expect(T.mul(i, 2.5).dtype).toBe('float64');
    const b = T.bscalar('b');
    expect(T.add(b, 1000).dtype).toBe('int16');
  });

  it('dtype promotion follows numpy', () => {
    expect(T.add(T.bscalar(), T.fscalar()).dtype).toBe('float32');
    expect(T.add(T.iscalar(), T.fscalar()).dtype).toBe('float64');
    expect(T.add(T.tensor('uint8', 0), T.bscalar()).dtype).toBe('int16');
    expect(T.sqrt(T.iscalar()).dtype).toBe('float64');
    expect(T.sqrt(T.bscalar()).dtype).toBe('float32');
    expect(T.sum(T.bvector()).dtype).toBe('int64');
  });

  it('integer arithmetic wraps like numpy', () => {
    const x = T.constant([100, 120], { dtype: 'int8' });
    expect(ev(T.add(x, x))).toEqual([-56, -16]);
    const y = T.constant([65536], { dtype: 'int32' });
    expect(ev(T.mul(y, y))).toEqual([0]);
  });

  it('float32 rounds after every op', () => {
    const x = T.fscalar('x');
    const r = T.tensor`(${x} + 0.1) * 3`.eval({ x: 0.2 });
    const want = Math.fround(Math.fround(Math.fround(0.2) + Math.fround(0.1)) * 3);
    expect(r.data[0]).toBe(want);
  });

  it('bool arithmetic and logic', () => {
    const t = T.constant([true, true, false]);
    const u = T.constant([true, false, false]);
    expect(ev(T.add(t, u))).toEqual([true, true, false]);
    expect(ev(T.invert(t))).toEqual([false, false, true]);
    expect(ev(T.tensor`${t} & ${u} | ~${t}`)).toEqual([true, false, true]);
    expect(() => T.and_(T.dvector(), T.dvector())).toThrow(/bitwise ops need bool or integer inputs/);
  });

  it('rounding halves to even; isnan, isinf, isclose', () => {
    expect(ev(T.round(T.constant([0.5, 1.5, 2.5, -0.5, -1.5])))).toEqual([0, 2, 2, -0, -2]);
    expect(ev(T.round(T.constant([0.5, 1.5, -2.5]), { mode: 'half_away_from_zero' }))).toEqual([1, 2, -3]);
    expect(ev(T.isnan(T.constant([NaN, 1])))).toEqual([true, false]);
    expect(ev(T.isinf(T.constant([Infinity, -Infinity, 1])))).toEqual([true, true, false]);
    expect(ev(T.isclose(T.constant([1, 1, Infinity, NaN]), T.constant([1 + 1e-9, 1.1, Infinity, NaN])))).toEqual([true, false, true, false]);
  });

  it('reductions with axis and keepdims, var/std/ptp, prod with zeros', () => {
    const x = T.constant([[1, 2, 3], [4, 5, 6]], { dtype: 'float64' });
    expect(ev(T.sum(x, { axis: 0 }))).toEqual([5, 7, 9]);
    expect(ev(T.sum(x, { axis: 1, keepdims: true }))).toEqual([[6], [15]]);
    expect(ev(T.sum(x, { axis: [0, 1] }))).toBe(21);
    expect(ev(x.mean({ axis: 1 }))).toEqual([2, 5]);
    expect(ev(T.var(x))).toBeCloseTo(35 / 12, 14);
    expect(ev(T.std(x, { axis: 0 }))).toEqual([1.5, 1.5, 1.5]);
    expect(ev(T.ptp(x, { axis: 1 }))).toEqual([2, 2]);
    expect(ev(T.prod(T.constant([2, 0, 3])))).toBe(0);
    expect(ev(T.all(T.constant([[true, false], [true, true]]), { axis: 1 }))).toEqual([false, true]);
    expect(ev(T.any(T.constant([[true, false], [false, false]]), { axis: 1 }))).toEqual([true, false]);
    expect(x.sum({ axis: -1 }).ndim).toBe(1);
    expect(() => T.sum(x, { axis: 2 })).toThrow(/axis 2 is out of bounds for a tensor with 2 dimensions/);
  });

  it('linear algebra: dot of every ndim, outer, tensordot, batched_dot', () => {
    const v = T.constant([1, 2, 3], { dtype: 'float64' });
    const m = T.constant([[1, 0, 2], [0, 1, 1]], { dtype: 'float64' });
    expect(ev(T.dot(v, v))).toBe(14);
    expect(ev(T.dot(m, v))).toEqual([7, 5]);
    expect(ev(T.dot(T.constant([1, 1], { dtype: 'float64' }), m))).toEqual([1, 1, 3]);
    expect(ev(T.dot(m, m.T))).toEqual([[5, 2], [2, 2]]);
    expect(ev(T.tensor`${m} @ ${v}`)).toEqual([7, 5]);
    expect(ev(T.dot(2, v))).toEqual([2, 4, 6]);
    expect(ev(T.outer(T.constant([1, 2]), T.constant([3, 4, 5])))).toEqual([[3, 4, 5], [6, 8, 10]]);
    const a = T.constant([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], { dtype: 'float64' });
    expect(ev(T.tensordot(a, a, { axes: [[1, 2], [1, 2]] }))).toEqual([[30, 70], [70, 174]]);
    expect(ev(T.batched_dot(a, a))).toEqual([[[7, 10], [15, 22]], [[67, 78], [91, 106]]]);
  });

  it('indexing: slices with negative steps, ints, integer arrays, newaxis', () => {
    const x = T.arange(12).reshape([3, 4]);
    expect(ev(T.tensor`${x}[1:, ::-1]`)).toEqual([[7, 6, 5, 4], [11, 10, 9, 8]]);
    expect(ev(T.tensor`${x}[-1]`)).toEqual([8, 9, 10, 11]);
    expect(ev(T.tensor`${x}[:, 2]`)).toEqual([2, 6, 10]);
    expect(ev(T.tensor`${x}[2:0:-1, 3]`)).toEqual([11, 7]);
    expect(ev(T.tensor`${x}[[0, 0, 2]]`)).toEqual([[0, 1, 2, 3], [0, 1, 2, 3], [8, 9, 10, 11]]);
    expect(T.tensor`${x}[None, 0]`.ndim).toBe(2);
    const i = T.iscalar('i');
    expect(T.tensor`${x}[${i}, 1:]`.eval({ i: 1 }).toArray()).toEqual([5, 6, 7]);
    expect(() => T.tensor`${x}[1, 2, 3]`).toThrow(/too many indices/);
  });

  it('inc_subtensor accumulates repeated indices; set_subtensor keeps the last', () => {
    const z = T.zeros([3]);
    expect(ev(T.inc_subtensor(T.subtensor(z, [[0, 0, 2]]), 1))).toEqual([2, 0, 1]);
    expect(ev(T.set_subtensor(T.subtensor(z, [[0, 0]]), T.constant([5, 7], { dtype: 'float64' })))).toEqual([7, 0, 0]);
    expect(() => T.set_subtensor(z, 1)).toThrow(/must be an indexed tensor/);
  });

  it('sort and argsort (stable), flatten, squeeze, swapaxes, transpose', () => {
    const x = T.constant([[3, 1, 2], [1, 1, 0]]);
    expect(ev(T.sort(x))).toEqual([[1, 2, 3], [0, 1, 1]]);
    expect(ev(T.argsort(x))).toEqual([[1, 2, 0], [2, 0, 1]]);
    expect(ev(T.sort(x, { axis: 0 }))).toEqual([[1, 1, 0], [3, 1, 2]]);
    expect(ev(T.sort(x, { axis: null }))).toEqual([0, 1, 1, 1, 2, 3]);
    expect(ev(T.flatten(x))).toEqual([3, 1, 2, 1, 1, 0]);
    expect(ev(T.swapaxes(x, 0, 1))).toEqual([[3, 1], [1, 1], [2, 0]]);
    expect(ev(T.squeeze(T.constant([[5, 6]])))).toEqual([5, 6]);
    expect(ev(T.transpose(T.arange(6).reshape([1, 2, 3]), [2, 0, 1]))).toEqual([[[0, 3]], [[1, 4]], [[2, 5]]]);
    expect(ev(T.dimshuffle(T.constant([1, 2]), 'x', 0))).toEqual([[1, 2]]);
  });

  it('creation ops and fill/zeros_like/ones_like', () => {
    expect(ev(T.ones([2], { dtype: 'int32' }))).toEqual([1, 1]);
    expect(ev(T.eye(2, 3, { k: 1 }))).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(ev(T.arange(1, 2, 0.25))).toEqual([1, 1.25, 1.5, 1.75]);
    const m = T.dmatrix('m');
    expect(T.zeros_like(m).eval({ m: [[1, 2]] }).toArray()).toEqual([[0, 0]]);
    expect(T.ones_like(m).eval({ m: [[1, 2]] }).toArray()).toEqual([[1, 1]]);
    expect(T.fill(m, 7).eval({ m: [[1, 2]] }).toArray()).toEqual([[7, 7]]);
    expect(ev(T.alloc(3, [2, 2]))).toEqual([[3, 3], [3, 3]]);
  });

  it('clip, minimum, maximum with NaN, cast', () => {
    expect(ev(T.clip(T.constant([-2, 0.5, 3]), 0, 1))).toEqual([0, 0.5, 1]);
    expect(ev(T.maximum(T.constant([1, NaN]), T.constant([2, 0])))).toEqual([2, NaN]);
    expect(ev(T.cast(T.constant([1.7, -1.7, 300]), 'int8'))).toEqual([1, -1, 44]);
    expect(ev(T.cast(T.constant([1.7, -2.5]), 'int64'))).toEqual([1, -2]);
  });
});

// ---- every scalar op: generated CPU kernels vs the reference evaluation ----------------------
const CASES: { [K in ScalarOpName]: { dtypes: DType[]; values: number[][] } } = (() => {
  const f2 = { dtypes: ['float64', 'float64'] as DType[], values: [[0.5, -1.25, 3, 0, 7.5], [2, 0.5, -3, 1.5, -2]] };
  const i2 = { dtypes: ['int32', 'int32'] as DType[], values: [[7, -7, 5, 0, -9], [2, 3, -2, 4, -4]] };
  const u1 = { dtypes: ['float64'] as DType[], values: [[0.3, -0.7, 2.5, -3.5, 0]] };
  const pos = { dtypes: ['float64'] as DType[], values: [[0.3, 0.7, 2.5, 3.5, 1]] };
  const unit = { dtypes: ['float64'] as DType[], values: [[0.3, -0.7, 0.5, -0.25, 0]] };
  const b2 = { dtypes: ['bool', 'bool'] as DType[], values: [[1, 1, 0, 0, 1], [1, 0, 1, 0, 0]] };
  return {
    add: f2, sub: f2, mul: i2, true_div: f2, int_div: i2, mod: i2, pow: { dtypes: ['float64', 'float64'], values: [[0.5, 2, 3, 1.5, 4], [2, 0.5, -1, 3, 0]] },
    minimum: f2, maximum: f2, neg: u1, abs: u1, sgn: u1, sqr: u1, sqrt: pos, exp: u1, log: pos, log2: pos, log10: pos, log1p: pos, expm1: u1,
    sin: u1, cos: u1, tan: u1, arcsin: unit, arccos: unit, arctan: u1, sinh: u1, cosh: u1, tanh: u1, sigmoid: u1, softplus: u1,
    floor: u1, ceil: u1, round: u1, trunc: u1, lt: f2, le: f2, gt: f2, ge: f2, eq: i2, neq: i2, and_: b2, or_: i2, xor: i2,
    invert: { dtypes: ['int16'], values: [[0, 5, -3, 100, -1]] }, isnan: { dtypes: ['float64'], values: [[NaN, 1, 0, NaN, Infinity]] },
    isinf: { dtypes: ['float64'], values: [[NaN, 1, -Infinity, 0, Infinity]] },
    switch: { dtypes: ['bool', 'float64', 'float64'], values: [[1, 0, 1, 0, 1], [1, 2, 3, 4, 5], [-1, -2, -3, -4, -5]] },
    clip: { dtypes: ['float64', 'float64', 'float64'], values: [[-1, 0.5, 2, 0, 3], [0, 0, 0, 0, 0], [1, 1, 1, 1, 1]] },
    second: f2, identity: u1, cast: { dtypes: ['float64'], values: [[1.7, -1.7, 2.5, 300, -0.5]] },
  };
})();

describe('CPU kernels match the reference evaluation for every scalar op', () => {
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    it(name, () => {
      const c = CASES[name];
      // plain (2, 5) inputs take the flat loop; a (1, 5) row in front takes the strided one
      const flat = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`));
      const row = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`, i === 0 ? { broadcastable: [true, false] } : {}));
      const full = c.values.map((r, i) => T.asarray([r, r.map((x) => x * 0.5)], { dtype: c.dtypes[i] }));
      const rowArgs = c.values.map((r, i) => (i === 0 ? T.asarray([r], { dtype: c.dtypes[i] }) : full[i]!));
      for (const [inputs, args] of [[flat, full], [row, rowArgs]] as const) {
        const out = elem(name, inputs, name === 'cast' ? 'int8' : undefined);
        const node = out.owner!;
        const ref = OPS.elemwise.perform(node.inputs.map((iv) => args[inputs.indexOf(iv as never)]!), node.op.params as never)[0]!;
        const got = T.fn(inputs, out)(...args) as NDArray;
        expect(got.dtype).toBe(ref.dtype);
        expect(got.shape).toEqual(ref.shape);
        expect(Array.from(got.data)).toEqual(Array.from(ref.data));
      }
    });
  }

  it('covers all dtypes in storage round trips', () => {
    for (const d of DTYPES) {
      const x = T.tensor(d, 1, 'x');
      expect(T.fn([x], T.add(x, x))([1, 0]).dtype).toBe(d === 'bool' ? 'bool' : d);
    }
  });
});

describe('op table', () => {
  it('every op kind has a type rule and reference evaluation', () => {
    for (const def of Object.values(OPS)) {
      expect(typeof def.infer).toBe('function');
      expect(typeof def.perform).toBe('function');
    }
  });
});
