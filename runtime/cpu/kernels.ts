// Reference CPU kernels, called by generated code and by the op table's reference evaluation.
// Every kernel takes NDArrays and returns new ones; inputs are never modified.
export { type ReduceOp, reduce, argReduce } from './reduce.ts';
export { dot, tensordot, batchedDot, outer } from './linalg.ts';
export { type IndexEntry, subtensor, setSubtensor, subtensorShape } from './indexing.ts';
export { concatenate, stack } from './join.ts';
export { sort, argsort } from './sort.ts';
export { broadcastShapes, broadcastTo, transpose, dimshuffle } from './shape.ts';
export { arange, eye, fill, cast } from './create.ts';
