// Renders a scheduled graph as one JS module: fused elementwise loops over typed arrays and
// calls into the runtime's kernels, wrapped in `run(inputs, shared)`.
import type { KernelInfo } from '../../../runtime/program.ts';
import { Constant, type Variable } from '../../graph.ts';
import { isBroadcastOnly } from '../../compile/schedule.ts';
import { CPU_NODES } from './nodes.ts';
import { type CpuStep, cpuStepNodes, cpuStepOutputs, cpuStepReads } from './loops.ts';
import { renderLoop } from './loop-render.ts';
import { renderDot } from './dot.ts';

/** The generated source, what it launches, the constants it reads, and the steps that survived. */
export interface CpuModule {
  source: string;
  kernels: KernelInfo[];
  constants: Constant[];
  steps: CpuStep[];
  /** Per step: generated for this function (true) or a call into a runtime kernel. */
  generated: boolean[];
}

export interface CodegenInput {
  steps: readonly CpuStep[];
  inputs: readonly Variable[];
  shared: readonly Variable[];
  targets: readonly Variable[];
  /** Report every step to the hooks `H` (runtime/program.ts StepHooks): profiling and checking modes. */
  instrument?: boolean;
  /** Generate code specialized to ranks and dtypes where the runtime kernel is generic (dot). */
  specialize?: boolean;
}

export function renderCpu({ steps, inputs, shared, targets, instrument = false, specialize = false }: CodegenInput): CpuModule {
  const constants: Constant[] = [];
  const names = new Map<Variable, string>();
  inputs.forEach((v, i) => names.set(v, `i${i}`));
  shared.forEach((v, i) => names.set(v, `s${i}`));
  const ref = (v: Variable): string => {
    const n = names.get(v);
    if (n) return n;
    if (v instanceof Constant) {
      constants.push(v);
      const c = `c${constants.length - 1}`;
      names.set(v, c);
      return c;
    }
    throw new Error(`internal: variable ${v} used before it is computed`);
  };

  // drop steps nobody reads (e.g. shapes and broadcasts that loops read directly)
  const needed = new Set<Variable>(targets);
  const live: CpuStep[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (!cpuStepOutputs(s).some((o) => needed.has(o))) continue;
    live.unshift(s);
    for (const v of cpuStepReads(s)) needed.add(v);
  }

  // a buffer may be reused across calls only if no step hands it out as a view
  const viewed = new Set<Variable>();
  for (const st of live) {
    if (st.kind === 'node' && (st.node.op.kind === 'reshape' || (st.node.op.kind === 'dimshuffle' && isBroadcastOnly(st.node)))) viewed.add(st.node.inputs[0]!);
  }
  const reusable = (v: Variable) => !targets.includes(v) && !viewed.has(v);

  const fns: string[] = [];
  const body: string[] = [];
  const kernels: KernelInfo[] = [];
  const generated: boolean[] = [];
  // a generated kernel `fname(prev..., args...)` gets last call's output buffers back
  const call = (k: number, fname: string, outs: readonly Variable[], args: readonly string[]) => {
    const prevs = outs.map((o, i) => {
      if (!reusable(o)) return 'null';
      fns.push(`let b${k}_${i} = null;`);
      return `b${k}_${i}`;
    });
    const vs = outs.map((_, i) => `v${k}_${i}`);
    body.push(`  const ${outs.length === 1 ? vs[0] : `[${vs.join(', ')}]`} = ${fname}(${[...prevs, ...args].join(', ')});`);
    prevs.forEach((b, i) => { if (b !== 'null') body.push(`  ${b} = ${vs[i]};`); });
    outs.forEach((o, i) => names.set(o, vs[i]!));
  };
  live.forEach((s, k) => {
    if (instrument) body.push(`  const t${k} = H.now();`);
    const outs = cpuStepOutputs(s);
    const dot = specialize && s.kind === 'node' && s.node.op.kind === 'dot' ? renderDot(s.node, `k${k}`) : null;
    if (s.kind === 'loop') {
      const fname = `k${k}`;
      fns.push(renderLoop(s, fname));
      call(k, fname, outs, s.inputs.flatMap((i) => (i.kind === 'literal' ? [] : [ref(i.kind === 'shape' ? i.of : i.kind === 'scalar' ? i.src : i.v)])));
      kernels.push({ name: fname, kind: s.reductions.length ? 'fused_reduce' : 'elemwise', ops: cpuStepNodes(s).map((n) => n.op.name) });
    } else if (dot !== null) {
      fns.push(dot);
      call(k, `k${k}`, outs, s.node.inputs.map(ref));
      kernels.push({ name: `k${k}`, kind: 'dot', ops: ['dot'] });
    } else {
      const n = s.node;
      const args = n.inputs.map(ref);
      const render = CPU_NODES[n.op.kind] as (p: unknown, a: readonly string[], node: typeof n) => string;
      const v = `v${k}`;
      body.push(`  const ${v} = ${render(n.op.params, args, n)};`);
      names.set(n.outputs[0]!, v);
      kernels.push({ name: `${n.op.kind}${k}`, kind: n.op.kind, ops: [n.op.name] });
    }
    generated.push(s.kind === 'loop' || dot !== null);
    if (instrument) body.push(`  H.after(${k}, [${outs.map((o) => names.get(o)).join(', ')}], t${k});`);
  });
  // a constant result is copied: the caller owns what a call returns
  const results = targets.map((t) => (t instanceof Constant ? `${ref(t)}.copy()` : ref(t)));
  const head = [
    instrument ? '(function (K, C, H) {' : '(function (K, C) {',
    '"use strict";',
    'const { NDArray, pyMod, roundHalfEven } = K;',
    ...constants.map((_, i) => `const c${i} = C[${i}];`),
    ...fns,
    `return function run(I, S) {`,
    ...inputs.map((_, i) => `  const i${i} = I[${i}];`),
    ...shared.map((_, i) => `  const s${i} = S[${i}];`),
  ];
  const source = [...head, ...body, `  return [${results.join(', ')}];`, '};', '})'].join('\n');
  return { source, kernels, constants, steps: live, generated };
}
