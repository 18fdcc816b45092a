// Renders a scheduled graph as one JS module: fused elementwise loops over typed arrays and
// calls into the runtime's kernels, wrapped in `run(inputs, shared)`.
import type { DType } from '../../../runtime/dtype.ts';
import type { KernelInfo } from '../../../runtime/program.ts';
import { Constant, type Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import { type Step, scalarConstant, isBroadcastOnly } from '../../compile/schedule.ts';
import { CPU_SCALAR, castTo, literal } from './scalar.ts';
import { CPU_NODES } from './nodes.ts';

/** The generated source, what it launches, the constants it reads, and the steps that survived. */
export interface CpuModule { source: string; kernels: KernelInfo[]; constants: Constant[]; steps: Step[] }

/** Render one fused elementwise kernel as a function declaration. */
function renderFused(step: Extract<Step, { kind: 'fused' }>, fname: string): string {
  const out = step.output;
  const nd = out.ndim;
  const lits = step.inputs.map((v) => scalarConstant(v));
  const arrays = step.inputs.map((v, i) => ({ v, i })).filter((_, i) => lits[i] === null);
  const allBc = (v: Variable) => v.broadcastable.every((b) => b);
  const L: string[] = [];
  const params = arrays.map(({ i }) => `a${i}`);
  L.push(`function ${fname}(${['prev', ...params].join(', ')}) {`);
  // output size per axis from the inputs that are not broadcastable there
  const sizes: string[] = [];
  for (let d = 0; d < nd; d++) {
    const live = arrays.filter(({ v }) => !v.broadcastable[d]);
    if (live.length === 0) { sizes.push('1'); continue; }
    const s = `s${d}`;
    L.push(`  const ${s} = a${live[0]!.i}.shape[${d}];`);
    for (const { i } of live.slice(1)) {
      L.push(`  if (a${i}.shape[${d}] !== ${s}) throw K.shapeMismatch(${JSON.stringify(step.nodes[step.nodes.length - 1]!.op.name)}, [${params.map((p) => `${p}.shape`).join(', ')}], ${d});`);
    }
    sizes.push(s);
  }
  // an intermediate reuses last call's buffer when the shape is unchanged
  const same = sizes.map((sz, d) => `prev.shape[${d}] === ${sz}`).join(' && ') || 'true';
  L.push(`  const out = prev !== null && ${same} ? prev : new NDArray(${JSON.stringify(out.dtype)}, [${sizes.join(', ')}]);`);
  L.push('  const o = out.data;');
  for (const { i } of arrays) L.push(`  const A${i} = a${i}.data;`);
  // values of inputs broadcast on every axis are loaded once
  for (const { v, i } of arrays) if (allBc(v)) L.push(`  const x${i} = A${i}[0];`);
  const strided = arrays.filter(({ v }) => !allBc(v) && v.broadcastable.some((b) => b));

  // loop body: one const per node
  const name = new Map<Variable, string>();
  step.inputs.forEach((v, i) => name.set(v, lits[i] !== null ? literal(lits[i]!) : `x${i}`));
  const body: string[] = [];
  step.nodes.forEach((n, k) => {
    const p = n.op.params as OpParams['elemwise'];
    const args = n.inputs.map((v) => name.get(v)!);
    const ins = n.inputs.map((v) => v.dtype as DType);
    const expr = castTo(CPU_SCALAR[p.scalar](args, p.dtype, ins), p.scalar, p.dtype, ins);
    const t = `t${k}`;
    body.push(`const ${t} = ${expr};`);
    name.set(n.outputs[0]!, t);
  });
  const result = name.get(out)!;

  if (strided.length === 0) {
    const loads = arrays.filter(({ v }) => !allBc(v)).map(({ i }) => `const x${i} = A${i}[k];`);
    L.push('  for (let k = 0, n = o.length; k < n; k++) {');
    for (const s of [...loads, ...body]) L.push(`    ${s}`);
    L.push(`    o[k] = ${result};`);
    L.push('  }');
  } else {
    // general case: nested loops with per-input strides (0 on broadcast axes)
    const moving = arrays.filter(({ v }) => !allBc(v));
    for (const { v, i } of moving) {
      let acc = '1';
      for (let d = nd - 1; d >= 0; d--) {
        if (!v.broadcastable[d]) L.push(`  const st${i}_${d} = ${acc};`);
        acc = acc === '1' ? `a${i}.shape[${d}]` : `${acc} * a${i}.shape[${d}]`;
      }
    }
    L.push('  let k = 0;');
    const pad = (d: number) => '  '.repeat(d + 1);
    for (let d = 0; d < nd; d++) {
      L.push(`${pad(d)}for (let i${d} = 0; i${d} < ${sizes[d]}; i${d}++) {`);
      for (const { v, i } of moving) {
        const prev = d === 0 ? '0' : `p${i}_${d - 1}`;
        const step_ = v.broadcastable[d] ? prev : `${prev} + i${d} * st${i}_${d}`;
        L.push(`${pad(d + 1)}const p${i}_${d} = ${step_};`);
      }
    }
    for (const { i } of moving) L.push(`${pad(nd)}const x${i} = A${i}[p${i}_${nd - 1}];`);
    for (const s of body) L.push(`${pad(nd)}${s}`);
    L.push(`${pad(nd)}o[k++] = ${result};`);
    for (let d = nd - 1; d >= 0; d--) L.push(`${pad(d)}}`);
  }
  L.push('  return out;');
  L.push('}');
  return L.join('\n');
}

export interface CodegenInput {
  steps: readonly Step[];
  inputs: readonly Variable[];
  shared: readonly Variable[];
  targets: readonly Variable[];
}

export function renderCpu({ steps, inputs, shared, targets }: CodegenInput): CpuModule {
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

  // drop steps nobody reads (e.g. constant broadcasts that fused loops inline)
  const needed = new Set<Variable>(targets);
  const live: Step[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    const outs = s.kind === 'fused' ? [s.output] : s.node.outputs;
    if (!outs.some((o) => needed.has(o))) continue;
    live.unshift(s);
    const ins = s.kind === 'fused' ? s.inputs.filter((v) => scalarConstant(v) === null) : s.node.inputs;
    for (const v of ins) needed.add(v);
  }

  // consumers per variable: a buffer may be reused only if nothing hands it out as a view
  const consumers = new Map<Variable, Step[]>();
  for (const st of live) {
    const ins = st.kind === 'fused' ? st.inputs : st.node.inputs;
    for (const v of ins) consumers.set(v, [...(consumers.get(v) ?? []), st]);
  }
  const isView = (st: Step) => st.kind === 'node' && (st.node.op.kind === 'reshape' || (st.node.op.kind === 'dimshuffle' && isBroadcastOnly(st.node)));
  const reusable = (v: Variable) => !targets.includes(v) && (consumers.get(v) ?? []).every((st) => !isView(st));

  const fns: string[] = [];
  const body: string[] = [];
  const kernels: KernelInfo[] = [];
  live.forEach((s, k) => {
    if (s.kind === 'fused') {
      const fname = `k${k}`;
      fns.push(renderFused(s, fname));
      const args = s.inputs.filter((v) => scalarConstant(v) === null).map(ref);
      const v = `v${k}`;
      if (reusable(s.output)) {
        fns.push(`let b${k} = null;`);
        body.push(`  const ${v} = b${k} = ${fname}(${['b' + k, ...args].join(', ')});`);
      } else {
        body.push(`  const ${v} = ${fname}(${['null', ...args].join(', ')});`);
      }
      names.set(s.output, v);
      kernels.push({ name: fname, kind: 'elemwise', ops: s.nodes.map((n) => n.op.name) });
    } else {
      const n = s.node;
      const args = n.inputs.map(ref);
      const render = CPU_NODES[n.op.kind] as (p: unknown, a: readonly string[], node: typeof n) => string;
      const v = `v${k}`;
      body.push(`  const ${v} = ${render(n.op.params, args, n)};`);
      names.set(n.outputs[0]!, v);
      kernels.push({ name: `${n.op.kind}${k}`, kind: n.op.kind, ops: [n.op.name] });
    }
  });
  const results = targets.map(ref);
  const head = [
    '(function (K, C) {',
    '"use strict";',
    'const { NDArray, pyMod, roundHalfEven } = K;',
    ...constants.map((_, i) => `const c${i} = C[${i}];`),
    ...fns,
    `return function run(I, S) {`,
    ...inputs.map((_, i) => `  const i${i} = I[${i}];`),
    ...shared.map((_, i) => `  const s${i} = S[${i}];`),
  ];
  const source = [...head, ...body, `  return [${results.join(', ')}];`, '};', '})'].join('\n');
  return { source, kernels, constants, steps: live };
}
