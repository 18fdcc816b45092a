// Every launch step's runner, keyed by its op: a missing one fails tsc.
import { elemwise } from './elemwise.ts';
import { set_subtensor, subtensor } from './indexing.ts';
import { matmul, tensordot } from './linalg.ts';
import { arange, eye, host, sort } from './misc.ts';
import { argreduce, reduce } from './reduce.ts';
import type { Runners } from './runner.ts';
import { alloc, concatenate, reshape, shape, transpose, view } from './shape.ts';

export const RUNNERS: Runners = {
  elemwise, view, transpose, reshape, shape, reduce, argreduce, matmul, tensordot, subtensor, set_subtensor,
  concatenate, sort, alloc, arange, eye, host,
};
