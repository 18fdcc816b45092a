import { Apply, Op, type Variable } from '../graph.ts';
import type { OpTable } from './opdef.ts';
import type { OpKind, OpParams } from './params.ts';
import { elemwise } from './defs/elemwise.ts';
import { dimshuffle, reshape, shape } from './defs/shape.ts';
import { reduce, argreduce } from './defs/reduce.ts';
import { dot, tensordot, batched_dot } from './defs/linalg.ts';
import { subtensor, set_subtensor } from './defs/indexing.ts';
import { concatenate, sort, argsort, alloc, arange, eye } from './defs/misc.ts';
import { random, rng_advance } from './defs/random.ts';
import { scan } from './defs/scan.ts';
import { ifelse } from './defs/ifelse.ts';

/** Every op kind's names, type rule and reference evaluation. A missing kind fails tsc. */
export const OPS: OpTable = {
  elemwise, dimshuffle, reshape, shape, reduce, argreduce, dot, tensordot, batched_dot,
  subtensor, set_subtensor, concatenate, sort, argsort, alloc, arange, eye, random, rng_advance, scan, ifelse,
};

export function makeOp<K extends OpKind>(kind: K, params: OpParams[K]): Op<K> {
  const def = OPS[kind];
  return new Op(kind, params, def.name(params), def.label(params));
}

/** Apply an op: checks the inputs with its type rule and returns the Apply node. */
export function applyOp<K extends OpKind>(kind: K, params: OpParams[K], inputs: Variable[]): Apply {
  const types = OPS[kind].infer(inputs, params);
  return new Apply(makeOp(kind, params), inputs, types);
}
