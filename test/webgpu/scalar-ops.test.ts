// Every scalar op in a fused WGSL kernel against the CPU backend, generated from SCALAR_OPS:
// float32, int32 and bool operands, a plain layout and a broadcast row.
import { describe, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { DType } from '../../runtime/dtype.ts';
import { SCALAR_OPS, type ScalarOpName } from '../../compiler/ops/scalar.ts';
import { elem } from '../../compiler/api/core.ts';
import { hasGpu } from './gpu.ts';
import { ARITH, EXACT, TRANSC, type Tol, agree } from './compare.ts';

interface Case { dtypes: DType[]; values: number[][]; tol?: Tol; castTo?: DType }

const f2: Case = { dtypes: ['float32', 'float32'], values: [[0.5, -1.25, 3, 0, 7.5, -2.5], [2, 0.5, -3, 1.5, -2, 0.75]] };
const i2: Case = { dtypes: ['int32', 'int32'], values: [[7, -7, 5, 0, -9, 8], [2, 3, -2, 4, -4, 0]], tol: EXACT };
const u1: Case = { dtypes: ['float32'], values: [[0.3, -0.7, 2.5, -3.5, 0, 12]], tol: TRANSC };
const pos: Case = { dtypes: ['float32'], values: [[0.3, 0.7, 2.5, 3.5, 1, 1e-3]], tol: TRANSC };
const unit: Case = { dtypes: ['float32'], values: [[0.3, -0.7, 0.5, -0.25, 0, 1.5]], tol: TRANSC };
const b2: Case = { dtypes: ['bool', 'bool'], values: [[1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 0, 0]], tol: EXACT };
const exactF = (c: Case): Case => ({ ...c, tol: EXACT });

const CASES: { [K in ScalarOpName]: Case[] } = {
  add: [f2, i2, b2, { dtypes: ['int8', 'int8'], values: [[100, 120, -100, 5, 0, 1], [100, 20, -100, 5, 0, 1]], tol: EXACT }],
  sub: [f2, i2, { dtypes: ['uint8', 'uint8'], values: [[1, 200, 0, 5, 3, 9], [2, 100, 1, 5, 3, 10]], tol: EXACT }],
  mul: [f2, i2, { dtypes: ['int32', 'int32'], values: [[65536, 46341, -3, 7, 0, 1], [65536, 46341, 5, 7, 0, 1]], tol: EXACT }],
  true_div: [f2, { dtypes: ['int16', 'float32'], values: [[7, -7, 5, 0, 1, 3], [2, 3, -2, 4, 3, 0]], tol: ARITH }],
  int_div: [i2, { ...f2, tol: ARITH }, { dtypes: ['uint32', 'uint32'], values: [[7, 9, 5, 0, 1, 3], [2, 3, 2, 4, 0, 1]], tol: EXACT }],
  mod: [i2, { ...f2, tol: ARITH }],
  pow: [{ dtypes: ['float32', 'float32'], values: [[0.5, 2, 3, 1.5, -2, -2], [2, 0.5, -1, 3, 3, 2]], tol: TRANSC },
    { dtypes: ['int32', 'int32'], values: [[2, -3, 5, 0, 1, 7], [10, 3, 0, 4, -1, 2]], tol: EXACT }],
  minimum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: EXACT }],
  maximum: [f2, i2, { dtypes: ['float32', 'float32'], values: [[NaN, 1, 2, 3, 4, 5], [0, NaN, 1, 3, 5, 4]], tol: EXACT }],
  neg: [exactF(u1), { dtypes: ['int8'], values: [[-128, 5, -3, 0, 127, 1]], tol: EXACT }],
  abs: [exactF(u1), { dtypes: ['int16'], values: [[-32768, 5, -3, 0, 32767, 1]], tol: EXACT }],
  sgn: [exactF(u1), { dtypes: ['int32'], values: [[-2, 5, 0, 0, 3, -1]], tol: EXACT }],
  sqr: [{ ...u1, tol: ARITH }, { dtypes: ['uint8'], values: [[16, 2, 3, 0, 255, 1]], tol: EXACT }],
  sqrt: [pos], exp: [u1], log: [pos], log2: [pos], log10: [pos], log1p: [{ ...pos, values: [[0.3, 1e-7, 2.5, -0.5, 1, 1e-3]] }],
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
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 300, -0.5, 0]], castTo: 'bool', tol: EXACT },
    { dtypes: ['int32'], values: [[1, -1, 2, 300, -5, 0]], castTo: 'float32', tol: EXACT },
    { dtypes: ['float32'], values: [[1.7, -1.7, 2.5, 3e9, -0.5, 0]], castTo: 'uint32', tol: EXACT }],
};

describe.skipIf(!hasGpu)('every scalar op on WebGPU matches the CPU backend', () => {
  for (const name of Object.keys(SCALAR_OPS) as ScalarOpName[]) {
    CASES[name].forEach((c, k) => {
      it(`${name} #${k} (${c.dtypes.join(', ')})`, async () => {
        // plain (2, 6) inputs, and a (1, 6) broadcastable row in front
        const flat = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`));
        const row = c.dtypes.map((d, i) => T.tensor(d, 2, `a${i}`, i === 0 ? { broadcastable: [true, false] } : {}));
        const full = c.values.map((r, i) => T.asarray([r, r.map((x) => (c.dtypes[i] === 'bool' ? 1 - x : x * 0.5))], { dtype: c.dtypes[i] }));
        const rowArgs = c.values.map((r, i) => (i === 0 ? T.asarray([r], { dtype: c.dtypes[i] }) : full[i]!));
        await agree(flat, elem(name, flat, c.castTo), full, c.tol ?? ARITH);
        await agree(row, elem(name, row, c.castTo), rowArgs, c.tol ?? ARITH);
      });
    });
  }
});
