// How each op kind runs as GPU.js kernels: the launch step and the kernels it calls.
// Elementwise nodes are fused (kernels/elemwise.ts) and host nodes are CPU code: neither
// reaches this table.
import type { GpuJsKernel, GpuJsStep, IndexSpec } from '../../../runtime/gpujs/code.ts';
import { indexStructure } from '../../../runtime/webgpu/index-plan.ts';
import type { Apply, Variable } from '../../graph.ts';
import type { OpKind, OpParams } from '../../ops/params.ts';
import { renderCopy, renderFill } from './kernels/copy.ts';
import { renderArange, renderEye } from './kernels/create.ts';
import { renderGather, renderScatter } from './kernels/indexing.ts';
import { renderConcat } from './kernels/join.ts';
import { renderMatmul } from './kernels/matmul.ts';
import { renderArgReduce, renderReduce } from './kernels/reduce.ts';
import { renderPlace, renderRank } from './kernels/sort.ts';

export interface LowerContext {
  slot(v: Variable): number;
  /** Add a kernel (identical sources share one); returns its index. */
  kernel(k: GpuJsKernel): number;
}

type Lower<K extends OpKind> = (p: OpParams[K], node: Apply, c: LowerContext) => GpuJsStep;

/** For op kinds the backend does not run yet: a clear error when a graph uses one. */
export const unsupported = (what: string) => (): never => {
  throw new Error(`gpujs: ${what} is not supported on the GPU.js backend yet; compile it for 'cpu' or 'webgpu'`);
};
const internal = (why: string) => (): never => { throw new Error(`internal: ${why}`); };

/** A dimshuffle that keeps its real axes in order only adds or drops size-1 axes: a view. */
export function keepsOrder(pattern: readonly (number | 'x')[]): boolean {
  const real = pattern.filter((e): e is number => e !== 'x');
  return real.every((e, i) => i === 0 || e > real[i - 1]!);
}

function indexOf(node: Apply, index: OpParams['subtensor']['index'], first: number, c: LowerContext): { spec: IndexSpec; shape: ReturnType<typeof indexStructure> } {
  const dyn = node.inputs.slice(first);
  const shape = indexStructure(index, node.inputs[0]!.ndim, (i) => dyn[i]!.ndim);
  return { spec: { index, dyn: dyn.map((v) => c.slot(v)) }, shape };
}

function sortStep(axis: number | null, node: Apply, c: LowerContext, arg: boolean): GpuJsStep {
  const name = arg ? 'argsort' : 'sort';
  const kernels = { rank: c.kernel(renderRank()), place: c.kernel(renderPlace(arg)) };
  return { op: 'sort', kernels, in: c.slot(node.inputs[0]!), axis, out: c.slot(node.outputs[0]!), arg, name };
}

export const GPUJS_NODES: { [K in OpKind]: Lower<K> } = {
  elemwise: internal('elementwise nodes are rendered as fused kernels'),
  dimshuffle: (p, node, c) => {
    const x = node.inputs[0]!, out = node.outputs[0]!;
    if (keepsOrder(p.pattern)) return { op: 'view', in: c.slot(x), pattern: p.pattern, out: c.slot(out) };
    return { op: 'transpose', kernel: c.kernel(renderCopy(out.ndim, 'dimshuffle')), in: c.slot(x), pattern: p.pattern, out: c.slot(out) };
  },
  reshape: (_p, node, c) => ({ op: 'reshape', in: c.slot(node.inputs[0]!), shape: c.slot(node.inputs[1]!), out: c.slot(node.outputs[0]!) }),
  shape: internal('shapes are read on the host'),
  reduce: (p, node, c) => {
    const x = node.inputs[0]!;
    const kr = x.ndim - p.axes.length, rr = p.axes.length;
    return {
      op: 'reduce', kernel: c.kernel(renderReduce(p.op, x.dtype, p.dtype, kr, rr)), again: c.kernel(renderReduce(p.op, p.dtype, p.dtype, 1, 1)),
      in: c.slot(x), out: c.slot(node.outputs[0]!), axes: p.axes, keepdims: p.keepdims, name: p.op,
    };
  },
  argreduce: (p, node, c) => ({
    op: 'argreduce', kernel: c.kernel(renderArgReduce(p.op)), in: c.slot(node.inputs[0]!), out: c.slot(node.outputs[0]!), axis: p.axis, keepdims: p.keepdims, name: p.op,
  }),
  dot: (p, node, c) => ({ op: 'matmul', kernel: c.kernel(renderMatmul(p.dtype, 'dot')), a: c.slot(node.inputs[0]!), b: c.slot(node.inputs[1]!), out: c.slot(node.outputs[0]!), form: 'dot' }),
  batched_dot: (p, node, c) => ({
    op: 'matmul', kernel: c.kernel(renderMatmul(p.dtype, 'batched_dot')), a: c.slot(node.inputs[0]!), b: c.slot(node.inputs[1]!), out: c.slot(node.outputs[0]!), form: 'batched',
  }),
  tensordot: (p, node, c) => {
    const [a, b] = node.inputs as [Variable, Variable];
    const freeA = Array.from({ length: a.ndim }, (_, i) => i).filter((i) => !p.axesA.includes(i));
    const freeB = Array.from({ length: b.ndim }, (_, i) => i).filter((i) => !p.axesB.includes(i));
    const moved = (perm: number[]) => perm.some((e, i) => e !== i);
    return {
      op: 'tensordot', kernel: c.kernel(renderMatmul(p.dtype, 'tensordot')), a: c.slot(a), b: c.slot(b), out: c.slot(node.outputs[0]!), axesA: p.axesA, axesB: p.axesB,
      permuteA: moved([...freeA, ...p.axesA]) ? c.kernel(renderCopy(a.ndim, 'tensordot')) : null,
      permuteB: moved([...p.axesB, ...freeB]) ? c.kernel(renderCopy(b.ndim, 'tensordot')) : null,
    };
  },
  subtensor: (p, node, c) => {
    const x = node.inputs[0]!, out = node.outputs[0]!;
    const { spec, shape } = indexOf(node, p.index, 1, c);
    const k = shape.arrays === 0 ? renderCopy(out.ndim, node.op.name) : renderGather(shape, node.op.name);
    return { op: 'subtensor', kernel: c.kernel(k), x: c.slot(x), spec, out: c.slot(out), name: node.op.name };
  },
  set_subtensor: (p, node, c) => {
    const [x, y] = node.inputs as [Variable, Variable];
    const { spec, shape } = indexOf(node, p.index, 2, c);
    const k = renderScatter(spec, x.ndim, shape, p.mode, x.dtype, y.dtype, node.op.name);
    return { op: 'set_subtensor', kernel: c.kernel(k), x: c.slot(x), y: c.slot(y), spec, out: c.slot(node.outputs[0]!), name: node.op.name };
  },
  concatenate: (p, node, c) => {
    const out = node.outputs[0]!;
    const axis = p.axis < 0 ? p.axis + out.ndim : p.axis;
    const k = renderConcat(out.ndim, axis, node.inputs.map((v) => v.dtype), p.dtype);
    return { op: 'concatenate', kernel: c.kernel(k), ins: node.inputs.map((v) => c.slot(v)), axis, out: c.slot(out) };
  },
  sort: (p, node, c) => sortStep(p.axis, node, c, false),
  argsort: (p, node, c) => sortStep(p.axis, node, c, true),
  alloc: (_p, node, c) => {
    const [v, ...dims] = node.inputs as [Variable, ...Variable[]];
    return { op: 'alloc', kernel: c.kernel(renderFill('alloc')), value: c.slot(v), dims: dims.map((d) => c.slot(d)), out: c.slot(node.outputs[0]!) };
  },
  arange: (p, node, c) => ({ op: 'arange', kernel: c.kernel(renderArange(p.dtype)), args: node.inputs.map((v) => c.slot(v)), out: c.slot(node.outputs[0]!) }),
  eye: (_p, node, c) => ({ op: 'eye', kernel: c.kernel(renderEye()), args: node.inputs.map((v) => c.slot(v)), out: c.slot(node.outputs[0]!) }),
  random: internal('random draws run on the host'),
  rng_advance: internal('generator state advances run on the host'),
  scan: unsupported('scan'),
  ifelse: unsupported('ifelse'),
};
