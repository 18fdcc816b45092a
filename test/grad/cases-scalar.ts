// One or more gradient cases per scalar op. The table is keyed by ScalarOpName, so a new
// scalar op without cases does not compile.
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { elem } from '../../compiler/api/core.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import { type AnyCase, type Case, away, bc, frac, pos, rand } from './inputs.ts';

const op = (name: ScalarOpName) => (...xs: Variable[]) => elem(name, xs);

/** A unary op on a (2, 3) matrix drawn by `gen`. */
const unary = (name: ScalarOpName, gen: (s: number[]) => ReturnType<typeof rand> = rand): Case[] => [
  { name: `${name}(matrix)`, inputs: [gen([2, 3])], build: op(name) },
];

/** A binary op on equal shapes, against a broadcast row, and against a lower-ndim vector. */
function binary(name: ScalarOpName, ga: (s: number[]) => ReturnType<typeof rand> = rand, gb = ga): Case[] {
  return [
    { name: `${name}(matrix, matrix)`, inputs: [ga([2, 3]), gb([2, 3])], build: op(name) },
    { name: `${name}(matrix, broadcast row)`, inputs: [ga([2, 3]), bc(gb([1, 3]))], build: op(name) },
    { name: `${name}(vector, matrix)`, inputs: [ga([3]), gb([2, 3])], build: op(name) },
  ];
}

/** sum(cast(x <op> y)) gives x no gradient: zero, and x stays connected. */
const noGrad = (name: ScalarOpName, build: (x: Variable) => Variable): AnyCase[] => [{ name: `${name} has no gradient`, input: rand([2, 3]), build, expect: 'zero' }];

export const SCALAR_CASES: { [K in ScalarOpName]: AnyCase[] } = {
  add: binary('add'),
  sub: binary('sub'),
  mul: binary('mul'),
  true_div: binary('true_div', rand, (s) => away(s, 0.5, 2)),
  // piecewise constant: finite differences are 0 too, away from the jumps
  int_div: binary('int_div', pos, pos),
  mod: binary('mod', (s) => rand(s, 0.2, 3), (s) => rand(s, 0.6, 1.4)),
  pow: [
    ...binary('pow', pos, rand),
    { name: 'pow(x, 2) with a weak constant exponent', inputs: [rand([4])], build: (x) => T.pow(x!, 2) },
  ],
  minimum: binary('minimum'),
  maximum: binary('maximum'),
  neg: unary('neg'),
  abs: unary('abs', away),
  sgn: unary('sgn', away),
  sqr: unary('sqr'),
  sqrt: unary('sqrt', pos),
  exp: unary('exp'),
  log: unary('log', pos),
  log2: unary('log2', pos),
  log10: unary('log10', pos),
  log1p: unary('log1p', (s) => rand(s, -0.5, 2)),
  expm1: unary('expm1'),
  sin: unary('sin'),
  cos: unary('cos'),
  tan: unary('tan', (s) => rand(s, -1.2, 1.2)),
  arcsin: unary('arcsin', (s) => rand(s, -0.8, 0.8)),
  arccos: unary('arccos', (s) => rand(s, -0.8, 0.8)),
  arctan: unary('arctan'),
  sinh: unary('sinh'),
  cosh: unary('cosh'),
  tanh: unary('tanh'),
  sigmoid: unary('sigmoid', (s) => rand(s, -4, 4)),
  softplus: unary('softplus', (s) => rand(s, -4, 4)),
  floor: unary('floor', frac),
  ceil: unary('ceil', frac),
  round: unary('round', frac),
  trunc: unary('trunc', frac),
  lt: noGrad('lt', (x) => T.lt(x, 0.1)),
  le: noGrad('le', (x) => T.le(x, 0.1)),
  gt: noGrad('gt', (x) => T.gt(x, 0.1)),
  ge: noGrad('ge', (x) => T.ge(x, 0.1)),
  eq: noGrad('eq', (x) => T.eq(x, T.sqr(x))),
  neq: noGrad('neq', (x) => T.neq(x, T.sqr(x))),
  and_: noGrad('and_', (x) => T.and_(T.gt(x, 0), T.lt(x, 1))),
  or_: noGrad('or_', (x) => T.or_(T.gt(x, 0), T.lt(x, -1))),
  xor: noGrad('xor', (x) => T.xor(T.gt(x, 0), T.lt(x, 1))),
  invert: noGrad('invert', (x) => T.invert(T.gt(x, 0))),
  isnan: noGrad('isnan', (x) => T.isnan(T.log(x))),
  isinf: noGrad('isinf', (x) => T.isinf(T.true_div(1, x))),
  switch: [
    { name: 'switch(c > 0, a, b)', inputs: [rand([2, 3]), rand([2, 3]), rand([2, 3])], build: (c, a, b) => T.switch(T.gt(c!, 0), a!, b!) },
    { name: 'switch with a 0-d branch and a broadcast condition', inputs: [bc(rand([1, 3])), rand([]), rand([2, 3])], build: (c, a, b) => T.switch(T.gt(c!, 0), a!, b!) },
  ],
  clip: [
    { name: 'clip(x, lo, hi) with 0-d bounds', inputs: [rand([3, 4]), -0.55, 0.45], build: op('clip') },
    { name: 'clip with broadcast row and column bounds', inputs: [rand([3, 4]), bc(rand([1, 4], -1, -0.2)), bc(rand([3, 1], 0.2, 1))], build: op('clip') },
  ],
  second: [{ name: 'fill(matrix, broadcast row)', inputs: [rand([2, 3]), bc(rand([1, 3]))], build: (a, b) => T.fill(a!, b!) }],
  identity: unary('identity'),
  cast: [
    { name: 'cast float32 up to float64', inputs: [{ value: rand([2, 3]), dtype: 'float32' }], build: (x) => T.sqr(elem('cast', [x!], 'float64')), eps: 2 ** -8, tol: 1e-4 },
    { name: 'cast float64 down to float32', inputs: [rand([2, 3])], build: (x) => T.sqr(elem('cast', [x!], 'float32')), eps: 1e-3, tol: 1e-3 },
  ],
};
