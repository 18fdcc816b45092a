// How the CPU backend runs each non-elementwise op kind: a call into the runtime's kernels.
// Elementwise nodes are rendered as fused loops (codegen.ts) and never reach this table.
import type { OpKind, OpParams } from '../../ops/params.ts';
import { isBroadcastOnly } from '../../compile/schedule.ts';
import type { Apply } from '../../graph.ts';

type NodeRender<K extends OpKind> = (p: OpParams[K], args: readonly string[], node: Apply) => string;
const j = (v: unknown) => JSON.stringify(v);

export const CPU_NODES: { [K in OpKind]: NodeRender<K> } = {
  elemwise: () => { throw new Error('elementwise nodes are rendered by the fused-loop generator'); },
  dimshuffle: (p, [x], node) => (isBroadcastOnly(node)
    ? `K.view(${x}, [${p.pattern.map((e) => (e === 'x' ? '1' : `${x}.shape[${e}]`)).join(', ')}])`
    : `K.dimshuffle(${x}, ${j(p.pattern)})`),
  reshape: (_p, [x, s]) => `K.reshape(${x}, ${s})`,
  shape: (_p, [x]) => `K.shapeOf(${x})`,
  reduce: (p, [x]) => `K.reduce(${j(p.op)}, ${x}, ${j(p.axes)}, ${p.keepdims}, ${j(p.dtype)})`,
  argreduce: (p, [x]) => `K.argReduce(${j(p.op)}, ${x}, ${j(p.axis)}, ${p.keepdims})`,
  dot: (p, [a, b]) => `K.dot(${a}, ${b}, ${j(p.dtype)})`,
  tensordot: (p, [a, b]) => `K.tensordot(${a}, ${b}, ${j(p.axesA)}, ${j(p.axesB)}, ${j(p.dtype)})`,
  batched_dot: (p, [a, b]) => `K.batchedDot(${a}, ${b}, ${j(p.dtype)})`,
  subtensor: (p, [x, ...dyn]) => `K.subtensor(${x}, K.resolveIndex(${j(p.index)}, [${dyn.join(', ')}]))`,
  set_subtensor: (p, [x, y, ...dyn]) => `K.setSubtensor(${x}, K.resolveIndex(${j(p.index)}, [${dyn.join(', ')}]), ${y}, ${j(p.mode)})`,
  concatenate: (p, xs) => `K.concatenate([${xs.join(', ')}], ${p.axis}, ${j(p.dtype)})`,
  sort: (p, [x]) => `K.sort(${x}, ${j(p.axis)})`,
  argsort: (p, [x]) => `K.argsort(${x}, ${j(p.axis)})`,
  alloc: (_p, [v, ...dims]) => `K.fill([${dims.map((d) => `${d}.data[0]`).join(', ')}], ${v}.data[0], ${v}.dtype)`,
  arange: (p, [a, b, c]) => `K.arange(${a}.data[0], ${b}.data[0], ${c}.data[0], ${j(p.dtype)})`,
  eye: (p, [n, m, k]) => `K.eye(${n}.data[0], ${m}.data[0], ${k}.data[0], ${j(p.dtype)})`,
  random: (p, [s, ...rest]) => `K.draw(${j(p.dist)}, ${s}, [${rest.slice(0, -2).map((d) => `${d}.data[0]`).join(', ')}], ${rest.at(-2)}.data[0], ${rest.at(-1)}.data[0], ${j(p.dtype)})[1]`,
  rng_advance: (p, [s, ...rest]) => `K.advance(${j(p.dist)}, ${s}, [${rest.slice(0, -1).map((d) => `${d}.data[0]`).join(', ')}], ${rest.at(-1)}.data[0], ${j(p.dtype)})`,
  // both need code around the call (a step module, branches): codegen.ts renders them
  scan: () => { throw new Error('internal: scan nodes are rendered by the scan loop generator'); },
  ifelse: () => { throw new Error('internal: ifelse nodes are rendered as branches'); },
};
