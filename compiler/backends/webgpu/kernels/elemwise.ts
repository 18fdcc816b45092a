// A fused elementwise kernel: one invocation per output element, every node of the group
// evaluated in registers. Shapes are parameters; broadcasting is static (from the types).
import type { DType } from '../../../../runtime/dtype.ts';
import type { Variable } from '../../../graph.ts';
import { inputOffset, needsCoords } from '../../shared/elemwise.ts';
import type { OpParams } from '../../../ops/params.ts';
import type { FusedStep } from '../split.ts';
import { renderScalar } from '../scalar.ts';
import { Params, binding, el, kernel, linearMain, literal, put, unravel } from '../wgsl.ts';

/** Params: [n, size of each output axis]. */
export function renderElemwise(step: FusedStep, arrays: readonly Variable[], lits: ReadonlyMap<Variable, number>): string {
  const out = step.output;
  const r = out.ndim;
  const P = new Params(1 + r);
  const sizes = Array.from({ length: r }, (_, d) => P.u(1 + d));
  const binds = arrays.map((v, k) => binding(k + 1, `a${k}`, v.dtype));
  binds.push(binding(arrays.length + 1, 'o', out.dtype, true));

  const B: string[] = [`  if (i >= ${P.u(0)}) { return; }`];
  const strided = needsCoords(arrays);
  if (strided) B.push(unravel('i', sizes));
  const name = new Map<Variable, string>();
  arrays.forEach((v, k) => {
    const off = inputOffset(v.broadcastable, sizes, (d) => `i${d}`, '0u');
    B.push(`  let x${k} = ${el(`a${k}`, off, v.dtype)};`);
    name.set(v, `x${k}`);
  });
  for (const [v, c] of lits) name.set(v, literal(c, v.dtype));
  step.nodes.forEach((n, k) => {
    const p = n.op.params as OpParams['elemwise'];
    const args = n.inputs.map((v) => name.get(v)!);
    const ins = n.inputs.map((v) => v.dtype as DType);
    B.push(`  let t${k} = ${renderScalar(p.scalar, args, p.dtype, ins)};`);
    name.set(n.outputs[0]!, `t${k}`);
  });
  B.push(`  o[i] = ${put(name.get(out)!, out.dtype)};`);
  return kernel(P, binds, linearMain(B.join('\n')));
}
