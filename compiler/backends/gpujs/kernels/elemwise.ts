// Fused elementwise kernels: one thread per output element, every node of the run's members
// evaluated in registers. A run with several values to hand on is a GPU.js kernel map: the
// last value is the kernel's result and the others are written by calls to pass-through
// sub-kernels (`keepK(v)`), GPU.js's way of declaring an output. Output sizes are parameters;
// which axes broadcast is static (from the types).
import type { DType } from '../../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../../runtime/gpujs/code.ts';
import type { Variable } from '../../../graph.ts';
import { inputOffset, needsCoords } from '../../shared/elemwise.ts';
import type { OpParams } from '../../../ops/params.ts';
import { scalarConstant } from '../../../compile/schedule.ts';
import type { Run } from '../merge.ts';
import { GPUJS_SCALAR } from '../scalar.ts';
import { kernel, literal, names, unravel } from '../js.ts';

/** Params: the size of each output axis. Outputs: `run.exported`, the last one the result. */
export function renderElemwise(run: Run): GpuJsKernel {
  const { arrays, exported } = run;
  const first = run.members[0]!.output;
  const r = first.ndim;
  const sizes = names('s', r);
  const body: string[] = ['const i = this.thread.x;'];
  const strided = needsCoords(arrays);
  if (strided) body.push(...unravel('i', sizes, 'c'));
  const name = new Map<Variable, string>();
  arrays.forEach((v, k) => {
    const off = inputOffset(v.broadcastable, sizes, (d) => `c${d}`, '0');
    body.push(`const x${k} = a${k}[${off}];`);
    name.set(v, `x${k}`);
  });
  const kept = exported.slice(0, -1);
  let t = 0;
  const ops: string[] = [];
  for (const m of run.members) {
    for (const v of m.inputs) {
      const c = scalarConstant(v);
      if (c !== null && !name.has(v)) name.set(v, literal(c, v.dtype));
    }
    for (const n of m.nodes) {
      const p = n.op.params as OpParams['elemwise'];
      const args = n.inputs.map((v) => name.get(v)!);
      const ins = n.inputs.map((v) => v.dtype as DType);
      body.push(`const t${t} = ${GPUJS_SCALAR[p.scalar](args, p.dtype, ins)};`);
      name.set(n.outputs[0]!, `t${t++}`);
      ops.push(n.op.name);
    }
    const k = kept.indexOf(m.output);
    if (k >= 0) body.push(`const k${k} = keep${k}(${name.get(m.output)});`);
  }
  body.push(`return ${name.get(exported.at(-1)!)};`);
  const k = kernel(`elemwise_${ops.join('_').slice(0, 40)}`, [...names('a', arrays.length), ...sizes], body, ops);
  return kept.length ? { ...k, maps: kept.map((_, j) => `function keep${j}(v) {\n  return v;\n}`) } : k;
}
