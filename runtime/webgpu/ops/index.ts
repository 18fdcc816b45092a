// Every launch step kind's runner; a kind without one fails tsc.
import type { Runners } from './runner.ts';
import { elemwise } from './elemwise.ts';
import { alloc, broadcast, concatenate, reshape, shape, transpose } from './shape.ts';
import { argreduce, reduce } from './reduce.ts';
import { matmul, tensordot } from './linalg.ts';
import { set_subtensor, subtensor } from './indexing.ts';
import { arange, branch, eye, host, ifelse, random, sort } from './misc.ts';
import { scan } from './scan.ts';

export const RUNNERS: Runners = {
  elemwise, reduce, argreduce, matmul, tensordot, reshape, broadcast, transpose, subtensor, set_subtensor,
  concatenate, sort, alloc, arange, eye, random, shape, host, ifelse, branch, scan,
};
