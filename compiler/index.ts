// hypatia: graph building, compiling, JIT. `import * as T from 'hypatia'`.
import './api/methods.ts';
import './eval.ts';
import { evaluateTemplate } from './template/index.ts';
import { tensor as templateTag } from './api/template.ts';
import { tensor as tensorVar } from './api/variables.ts';
import type { DType } from '../runtime/dtype.ts';
import type { Variable } from './graph.ts';
import type { Tensor } from './api/types.ts';
import type { TemplateLambda } from './template/index.ts';

export { config, type Config, type Mode, type Backend } from './config.ts';
export { Variable, Constant, SharedVariable, Apply, Op } from './graph.ts';
export { TensorType } from './type.ts';
export { NDArray, asarray } from '../runtime/ndarray.ts';
export { type DType, DTYPES } from '../runtime/dtype.ts';
export * from './api/variables.ts';
export * from './api/elemwise.ts';
export { switch_ as switch, switch_ as where } from './api/elemwise.ts';
export * from './api/reduce.ts';
export { var_ as var } from './api/reduce.ts';
export * from './api/shape.ts';
export * from './api/linalg.ts';
export * from './api/indexing.ts';
export * from './api/creation.ts';
export { constant, asTensor as as_tensor_variable } from './api/core.ts';
export type { Tensor, TensorLike } from './api/types.ts';
export { fn, fn as function, In_ as In, Param, type CompiledFunction, type FnOptions } from './function.ts';
export { pp, debugprint } from './printing.ts';
export { pydotprint } from './pydotprint.ts';
export { RandomStreams, MRG_RandomStreams, type RandomVariable } from './random/streams.ts';
export { RandomState } from '../runtime/random/state.ts';
export { grad, jacobian, hessian } from './grad/index.ts';
export { scan, type ScanOptions, type ScanUpdates, type SequenceSpec, type OutputSpec } from './scan/api.ts';
export { ifelse } from './api/ifelse.ts';
export { TemplateError, TemplateLambda } from './template/index.ts';
export { evaluate as eval_ } from './eval.ts';
void evaluateTemplate;

/**
 * `` T.tensor`${a} - ${b}` `` builds a graph from a template; `T.tensor(dtype, ndim, name)`
 * makes an input variable of any dtype and ndim.
 */
export function tensor(strings: TemplateStringsArray, ...values: unknown[]): Tensor<DType, number> & TemplateLambda;
export function tensor<D extends DType, N extends number>(dtype: D, ndim: N, name?: string | null, options?: { broadcastable?: readonly boolean[]; shape?: readonly (number | null)[] }): Variable<D, N>;
export function tensor(a: unknown, ...rest: unknown[]): unknown {
  if (Array.isArray(a) && 'raw' in (a as object)) return templateTag(a as unknown as TemplateStringsArray, ...rest);
  return tensorVar(a as DType, rest[0] as number, rest[1] as string | null | undefined, (rest[2] ?? {}) as { broadcastable?: readonly boolean[] });
}
export { optimize, type Optimized, type OptimizerName } from './rewrite/optimize.ts';
