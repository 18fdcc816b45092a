// How each op kind runs on the device: the launch step and the WGSL kernels it dispatches.
// Elementwise nodes are fused (kernels/elemwise.ts) and never reach this table.
import type { DType } from '../../../runtime/dtype.ts';
import type { GpuStep, IndexSpec } from '../../../runtime/webgpu/code.ts';
import { indexStructure } from '../../../runtime/webgpu/index-plan.ts';
import type { Apply, Variable } from '../../graph.ts';
import type { OpKind, OpParams } from '../../ops/params.ts';
import { renderArgReduce } from './kernels/argreduce.ts';
import { renderCopy } from './kernels/copy.ts';
import { renderArange, renderEye } from './kernels/create.ts';
import { indexBindings, renderGather, renderScatter, type IndexShape } from './kernels/indexing.ts';
import { renderMatmul, renderMatmulSerial } from './kernels/matmul.ts';
import { renderRandom } from './kernels/random.ts';
import { accumulator, renderReduce } from './kernels/reduce.ts';
import { renderSort, renderSortInit, renderSortOut, renderSortStage } from './kernels/sort.ts';
import { MAX_ARRAY_INPUTS } from './split.ts';

export interface LowerContext {
  slot(v: Variable): number;
  /** Add a kernel (identical sources share one pipeline); returns its index. */
  kernel(name: string, source: string, ops: readonly string[]): number;
}

type Lower<K extends OpKind> = (p: OpParams[K], node: Apply, c: LowerContext) => GpuStep;

/** A dimshuffle that keeps its real axes in order only adds or drops size-1 axes: a view. */
export function keepsOrder(pattern: readonly (number | 'x')[]): boolean {
  const real = pattern.filter((e): e is number => e !== 'x');
  return real.every((e, i) => i === 0 || e > real[i - 1]!);
}

const copyKernel = (c: LowerContext, rank: number, from: DType, to: DType, op: string) =>
  c.kernel(`copy${rank}_${from}_${to}`, renderCopy(rank, from, to), [op]);

/** The index template's dynamic references resolved to slots, and its static structure. */
function indexOf(node: Apply, index: OpParams['subtensor']['index'], first: number, c: LowerContext): { spec: IndexSpec; shape: IndexShape } {
  const dynVars = node.inputs.slice(first);
  if (index.some((e) => e.kind === 'array' && dynVars[e.input]!.dtype === 'bool')) {
    throw new TypeError(`webgpu: ${node.op.name} with a boolean mask is not supported on the device yet; index with integer arrays (e.g. T.nonzero) instead`);
  }
  const x = node.inputs[0]!;
  const s = indexStructure(index, x.ndim, (i) => dynVars[i]!.ndim);
  const arrays: DType[] = [], axes: number[] = [];
  let axis = 0;
  for (const e of index) {
    if (e.kind === 'array') { arrays.push(dynVars[e.input]!.dtype); axes.push(axis); }
    if (e.kind !== 'newaxis') axis++;
  }
  if (indexBindings(arrays.length) > MAX_ARRAY_INPUTS + 1) {
    throw new TypeError(`webgpu: ${node.op.name} with ${arrays.length} index arrays needs more than 8 storage buffers; index in several steps`);
  }
  return { spec: { index, dyn: dynVars.map((v) => c.slot(v)) }, shape: { nb: s.nb, na: s.na, advAt: s.advAt, arrays, axes } };
}

export const WGSL_NODES: { [K in OpKind]: Lower<K> } = {
  elemwise: () => { throw new Error('internal: elementwise nodes are rendered as fused kernels'); },
  dimshuffle: (p, node, c) => {
    const x = node.inputs[0]!, out = node.outputs[0]!;
    if (keepsOrder(p.pattern)) return { op: 'broadcast', in: c.slot(x), pattern: p.pattern, out: c.slot(out) };
    return { op: 'transpose', kernel: copyKernel(c, out.ndim, x.dtype, x.dtype, 'dimshuffle'), in: c.slot(x), pattern: p.pattern, out: c.slot(out) };
  },
  reshape: (_p, node, c) => ({ op: 'reshape', in: c.slot(node.inputs[0]!), shape: c.slot(node.inputs[1]!), out: c.slot(node.outputs[0]!) }),
  shape: (_p, node, c) => ({ op: 'shape', in: c.slot(node.inputs[0]!), out: c.slot(node.outputs[0]!) }),
  reduce: (p, node, c) => {
    const x = node.inputs[0]!;
    const kr = x.ndim - p.axes.length, rr = p.axes.length;
    const k = (s: 'tree' | 'serial', from: DType, a: number, b: number, partial = false) =>
      c.kernel(`${p.op}_${s}${a}x${b}_${from}_${p.dtype}${partial ? '_partial' : ''}`, renderReduce(p.op, from, p.dtype, a, b, s, partial), [p.op]);
    // two passes: partials in the accumulator's dtype (float16 rounds only the final result);
    // for every other dtype `first` is the same source as `tree`, hence the same kernel
    return {
      op: 'reduce', in: c.slot(x), out: c.slot(node.outputs[0]!), axes: p.axes, keepdims: p.keepdims, name: p.op,
      kernels: {
        tree: k('tree', x.dtype, kr, rr), serial: k('serial', x.dtype, kr, rr),
        first: k('tree', x.dtype, kr, rr, true), partial: k('tree', accumulator(p.dtype), 1, 1),
      },
    };
  },
  argreduce: (p, node, c) => {
    const x = node.inputs[0]!;
    const k = (s: 'tree' | 'serial') => c.kernel(`${p.op}_${s}_${x.dtype}`, renderArgReduce(p.op, x.dtype, s), [p.op]);
    return { op: 'argreduce', kernels: { tree: k('tree'), serial: k('serial') }, in: c.slot(x), out: c.slot(node.outputs[0]!), axis: p.axis, keepdims: p.keepdims, name: p.op };
  },
  dot: (p, node, c) => {
    const [a, b] = node.inputs as [Variable, Variable];
    return { op: 'matmul', kernels: matmulKernels(c, a.dtype, b.dtype, p.dtype, 'dot'), a: c.slot(a), b: c.slot(b), out: c.slot(node.outputs[0]!), form: 'dot' };
  },
  batched_dot: (p, node, c) => {
    const [a, b] = node.inputs as [Variable, Variable];
    return { op: 'matmul', kernels: matmulKernels(c, a.dtype, b.dtype, p.dtype, 'batched_dot'), a: c.slot(a), b: c.slot(b), out: c.slot(node.outputs[0]!), form: 'batched' };
  },
  tensordot: (p, node, c) => {
    const [a, b] = node.inputs as [Variable, Variable];
    const freeA = Array.from({ length: a.ndim }, (_, i) => i).filter((i) => !p.axesA.includes(i));
    const freeB = Array.from({ length: b.ndim }, (_, i) => i).filter((i) => !p.axesB.includes(i));
    const permA = [...freeA, ...p.axesA], permB = [...p.axesB, ...freeB];
    const moved = (perm: number[]) => perm.some((e, i) => e !== i);
    return {
      op: 'tensordot', a: c.slot(a), b: c.slot(b), out: c.slot(node.outputs[0]!), axesA: p.axesA, axesB: p.axesB,
      kernels: matmulKernels(c, a.dtype, b.dtype, p.dtype, 'tensordot'),
      permuteA: moved(permA) ? copyKernel(c, a.ndim, a.dtype, a.dtype, 'tensordot') : null,
      permuteB: moved(permB) ? copyKernel(c, b.ndim, b.dtype, b.dtype, 'tensordot') : null,
    };
  },
  subtensor: (p, node, c) => {
    const x = node.inputs[0]!, out = node.outputs[0]!;
    const { spec, shape } = indexOf(node, p.index, 1, c);
    const kernel = shape.arrays.length === 0
      ? copyKernel(c, out.ndim, x.dtype, x.dtype, node.op.name)
      : c.kernel(`gather_${x.dtype}`, renderGather(shape, x.dtype), [node.op.name]);
    return { op: 'subtensor', kernel, x: c.slot(x), spec, out: c.slot(out), name: node.op.name };
  },
  set_subtensor: (p, node, c) => {
    const [x, y] = node.inputs as [Variable, Variable];
    const { spec, shape } = indexOf(node, p.index, 2, c);
    const kernel = c.kernel(`${p.mode}_scatter_${x.dtype}_${y.dtype}`, renderScatter(shape, x.dtype, y.dtype, p.mode), [node.op.name]);
    return { op: 'set_subtensor', kernel, x: c.slot(x), y: c.slot(y), spec, out: c.slot(node.outputs[0]!), name: node.op.name };
  },
  concatenate: (p, node, c) => ({
    op: 'concatenate', axis: p.axis, ins: node.inputs.map((v) => c.slot(v)), out: c.slot(node.outputs[0]!),
    kernels: node.inputs.map((v) => copyKernel(c, v.ndim, v.dtype, p.dtype, 'concatenate')),
  }),
  sort: (p, node, c) => sortStep(p.axis, node, c, false),
  argsort: (p, node, c) => sortStep(p.axis, node, c, true),
  alloc: (_p, node, c) => {
    const [v, ...dims] = node.inputs as [Variable, ...Variable[]];
    const out = node.outputs[0]!;
    return { op: 'alloc', kernel: copyKernel(c, out.ndim, v.dtype, out.dtype, 'alloc'), value: c.slot(v), dims: dims.map((d) => c.slot(d)), out: c.slot(out) };
  },
  arange: (p, node, c) => ({ op: 'arange', kernel: c.kernel(`arange_${p.dtype}`, renderArange(p.dtype), ['arange']), args: node.inputs.map((v) => c.slot(v)), out: c.slot(node.outputs[0]!) }),
  eye: (p, node, c) => ({ op: 'eye', kernel: c.kernel(`eye_${p.dtype}`, renderEye(p.dtype), ['eye']), args: node.inputs.map((v) => c.slot(v)), out: c.slot(node.outputs[0]!) }),
  random: (p, node, c) => {
    if (p.dtype === 'float64' || ((p.dist === 'uniform' || p.dist === 'normal') && p.dtype !== 'float32' && p.dtype !== 'float16')) {
      throw new TypeError(`webgpu: ${p.dist} draws of ${p.dtype} are not supported on the device; draw float32 (T.config.floatX = 'float32' or { dtype: 'float32' })`);
    }
    const [state, ...rest] = node.inputs as [Variable, ...Variable[]];
    const dims = rest.slice(0, -2), [a, b] = rest.slice(-2) as [Variable, Variable];
    return {
      op: 'random', kernel: c.kernel(`random_${p.dist}_${p.dtype}`, renderRandom(p.dist, p.dtype), [p.dist]), dist: p.dist,
      state: c.slot(state), dims: dims.map((d) => c.slot(d)), a: c.slot(a), b: c.slot(b), out: c.slot(node.outputs[0]!),
    };
  },
  rng_advance: () => { throw new Error('internal: generator state advances run on the host'); },
  scan: () => { throw new Error('internal: a scan is a host step or lowered by scan.ts'); },
  // the taken branch was computed (a branch step before it skipped the other): its values become the outputs
  ifelse: (p, node, c) => ({ op: 'ifelse', cond: c.slot(node.inputs[0]!), ins: node.inputs.slice(1).map((v) => c.slot(v)), outs: node.outputs.map((v) => c.slot(v)) }),
};

function matmulKernels(c: LowerContext, a: DType, b: DType, out: DType, op: string) {
  return {
    tiled: c.kernel(`matmul_${a}_${b}_${out}`, renderMatmul(a, b, out), [op]),
    serial: c.kernel(`matvec_${a}_${b}_${out}`, renderMatmulSerial(a, b, out), [op]),
  };
}

function sortStep(axis: number | null, node: Apply, c: LowerContext, arg: boolean): GpuStep {
  const x = node.inputs[0]!;
  const name = arg ? 'argsort' : 'sort';
  const k = (what: string, source: string) => c.kernel(`${name}_${what}_${x.dtype}`, source, [name]);
  const kernels = {
    local: k('local', renderSort(x.dtype, arg)), init: k('init', renderSortInit(x.dtype)),
    stage: k('stage', renderSortStage(x.dtype)), out: k('out', renderSortOut(x.dtype, arg)),
  };
  return { op: 'sort', kernels, in: c.slot(x), axis, out: c.slot(node.outputs[0]!), name };
}
