// `T.tensor`...``: the template host that maps template operators and calls onto T.* functions.
import type { DType } from '../../runtime/dtype.ts';
import { Variable } from '../graph.ts';
import { evaluateTemplate, type TemplateHost, type TemplateLambda, type SourceLoc } from '../template/index.ts';
import { tensor as makeTensor } from './variables.ts';
import * as E from './elemwise.ts';
import * as R from './reduce.ts';
import * as S from './shape.ts';
import * as L from './linalg.ts';
import * as I from './indexing.ts';
import * as C from './creation.ts';
import { cast } from './elemwise.ts';
import type { Tensor } from './types.ts';

function onlyFunctions(o: Record<string, unknown>): Record<string, (...args: never[]) => unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'function')) as Record<string, (...args: never[]) => unknown>;
}

/** Every function a template may call, by its Theano name. */
export const templateFunctions: Record<string, (...args: never[]) => unknown> = {
  ...onlyFunctions({ ...E, ...R, ...S, ...L, ...I, ...C }),
  switch: E.switch_, where: E.switch_, var: R.var_, abs_: E.abs, cast,
  matmul: L.dot, div: E.true_div, floor_div: E.int_div, sqr: E.sqr,
};
delete templateFunctions['switch_'];
delete templateFunctions['var_'];
delete templateFunctions['isConstant'];
delete templateFunctions['shapeVector'];
delete templateFunctions['dimSize'];

const host: TemplateHost = {
  functions: templateFunctions as TemplateHost['functions'],
  isTensor: (v) => v instanceof Variable,
  variable: (name, dtype: DType, dims) => {
    const shape = dims.map((d) => (typeof d === 'number' ? d : null));
    const v = makeTensor(dtype, dims.length, name, { shape });
    v.tag.dims = dims;
    return v;
  },
  locate(value: unknown, loc: SourceLoc) {
    if (value instanceof Variable && value.tag.loc === undefined) value.tag.loc = loc;
  },
};

/**
 * `` T.tensor`1 / (1 + exp(-${x}))` `` builds a graph; the lambda form
 * `` T.tensor`(x: f64[n]) => sum(x ** 2)` `` returns a TemplateLambda for `T.fn`.
 */
export function tensor(strings: TemplateStringsArray, ...values: unknown[]): Tensor<DType, number> & TemplateLambda {
  return evaluateTemplate(host, strings, values) as Tensor<DType, number> & TemplateLambda;
}
