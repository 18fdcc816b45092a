// Renders a scheduled graph as one JS module: fused elementwise loops over typed arrays and
// calls into the runtime's kernels, wrapped in `run(inputs, shared)`.
import type { KernelInfo } from '../../../runtime/program.ts';
import { Constant, type Variable } from '../../graph.ts';
import { isBroadcastOnly } from '../../compile/schedule.ts';
import { CPU_NODES } from './nodes.ts';
import { type CpuStep, type LoopStep, cpuStepNodes, cpuStepOutputs, cpuStepReads } from './loops.ts';
import { renderLoop } from './loop-render.ts';
import { renderDot } from './dot.ts';
import { compileStep, renderScanLoop, usedOutputs } from './scan-render.ts';
import { type Branches, type Scope, branchScopes } from './branches.ts';
import { planInplace } from './inplace.ts';
import { destroyPairs } from './labels.ts';
import type { OpParams } from '../../ops/params.ts';

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
  /**
   * The caller copies the results out before calling again (a scan's step), so the buffers
   * of results may be reused from call to call like any other.
   */
  resultsCopied?: boolean;
  /**
   * Let loops store outputs over inputs nothing reads afterwards (inplace.ts). By default on
   * with `specialize` and off when instrumented: hooks may keep what a step handed them
   * (NanGuardMode replays a step from its inputs), and an inplace loop changes its input.
   */
  inplace?: boolean;
}

/** What a call launches, with the outputs a loop stores over its inputs as Theano's destroy map. */
export interface CpuKernelInfo extends KernelInfo { inplace?: [number, number][] }

export function renderCpu(input: CodegenInput): CpuModule {
  const { steps, inputs, shared, targets, instrument = false, specialize = false, resultsCopied = false } = input;
  const inplaceOn = input.inplace ?? (specialize && !instrument);
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

  // a buffer may be reused across calls only if no step hands it out as a view (an ifelse
  // hands out its chosen branch's value itself)
  const viewed = new Set<Variable>();
  for (const st of live) {
    if (st.kind === 'node' && (st.node.op.kind === 'reshape' || (st.node.op.kind === 'dimshuffle' && isBroadcastOnly(st.node)))) viewed.add(st.node.inputs[0]!);
    if (st.kind === 'node' && st.node.op.kind === 'ifelse') st.node.inputs.slice(1).forEach((v) => viewed.add(v));
  }
  const reusable = (v: Variable) => (resultsCopied || !targets.includes(v)) && !viewed.has(v);

  const branches = branchScopes(live, targets);
  const dots = live.map((s, k) => (specialize && s.kind === 'node' && s.node.op.kind === 'dot' ? renderDot(s.node, `k${k}`) : null));
  const plan = inplaceOn ? planInplace(live, {
    targets,
    position: positions(branches, live.length),
    owned: (k) => live[k]!.kind === 'loop' || dots[k] !== null,
    pinned: viewed,
    reusable,
  }) : null;
  plan?.destroys.forEach((m, k) => { live[k] = { ...(live[k] as LoopStep), inplace: m }; });
  // a value stored over another's buffer, or on a chain that may not keep one, keeps none
  const keeps = (v: Variable) => reusable(v) && !(plan?.fresh.has(v) ?? false);

  const fns: string[] = [];
  /** Each step's code; put together at the end, inside the branches that need it. */
  const code: string[][] = live.map(() => []);
  let body: string[] = [];
  const kernels: KernelInfo[] = [];
  const generated: boolean[] = [];
  // a generated kernel `fname(prev..., args...)` gets last call's output buffers back
  const call = (k: number, fname: string, outs: readonly Variable[], args: readonly string[]) => {
    const prevs = outs.map((o, i) => {
      if (!keeps(o)) return 'null';
      fns.push(`let b${k}_${i} = null;`);
      return `b${k}_${i}`;
    });
    const vs = outs.map((_, i) => `v${k}_${i}`);
    body.push(`  const ${outs.length === 1 ? vs[0] : `[${vs.join(', ')}]`} = ${fname}(${[...prevs, ...args].join(', ')});`);
    prevs.forEach((b, i) => { if (b !== 'null') body.push(`  ${b} = ${vs[i]};`); });
    outs.forEach((o, i) => names.set(o, vs[i]!));
  };
  // an ifelse's value is assigned in its branches (branches.ts puts each arm's steps there)
  const arms = new Map<number, Arms>();
  live.forEach((s, k) => {
    body = code[k]!;
    if (instrument) body.push(`  const t${k} = H.now();`);
    const outs = cpuStepOutputs(s);
    const dot = dots[k]!;
    if (s.kind === 'node' && s.node.op.kind === 'ifelse') {
      const n = (s.node.op.params as OpParams['ifelse']).n;
      const vs = outs.map((_, i) => `v${k}_${i}`);
      const values = s.node.inputs.map((v, i) => (i > 0 && v instanceof Constant && targets.includes(outs[(i - 1) % n]!) ? `${ref(v)}.copy()` : ref(v)));
      body.push(`  let ${vs.join(', ')};`, `  if (${values[0]}.data[0] !== 0) {`);
      arms.set(k, { then: vs.map((x, i) => `  ${x} = ${values[1 + i]};`), else: vs.map((x, i) => `  ${x} = ${values[1 + n + i]};`), after: [] });
      outs.forEach((o, i) => names.set(o, vs[i]!));
      kernels.push({ name: `ifelse${k}`, kind: 'ifelse', ops: ['ifelse'] });
    } else if (s.kind === 'node' && s.node.op.kind === 'scan') {
      const inner = compileStep((s.node.op.params as OpParams['scan']).id, specialize);
      fns.push(`const st${k} = ${inner.source}(K, [${inner.constants.map(ref).join(', ')}]);`);
      fns.push(renderScanLoop(s.node, `k${k}`, `st${k}`, instrument ? outs.map(() => true) : usedOutputs(s.node, needed)));
      call(k, `k${k}`, outs, s.node.inputs.map(ref));
      kernels.push({ name: `k${k}`, kind: 'scan', ops: ['scan'] });
    } else if (s.kind === 'loop') {
      const fname = `k${k}`;
      fns.push(renderLoop(s, fname));
      call(k, fname, outs, s.inputs.flatMap((i) => (i.kind === 'literal' ? [] : [ref(i.kind === 'shape' ? i.of : i.kind === 'scalar' ? i.src : i.v)])));
      const info: CpuKernelInfo = { name: fname, kind: s.reductions.length ? 'fused_reduce' : 'elemwise', ops: cpuStepNodes(s).map((n) => n.op.name) };
      if (s.inplace) info.inplace = destroyPairs(s);
      kernels.push(info);
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
    generated.push(s.kind === 'loop' || dot !== null || (s.kind === 'node' && s.node.op.kind === 'scan'));
    if (instrument) (arms.get(k)?.after ?? body).push(`  H.after(${k}, [${outs.map((o) => names.get(o)).join(', ')}], t${k});`);
  });
  body = nest(live, branches, code, arms);
  // a constant result is copied: the caller owns what a call returns
  const results = targets.map((t) => (t instanceof Constant ? `${ref(t)}.copy()` : ref(t)));
  const head = [
    instrument ? '(function (K, C, H) {' : '(function (K, C) {',
    '"use strict";',
    'const { NDArray, pyMod, pyFloorDiv, npPow, roundHalfEven, roundF16: R16 } = K;',
    ...constants.map((_, i) => `const c${i} = C[${i}];`),
    ...fns,
    `return function run(I, S) {`,
    ...inputs.map((_, i) => `  const i${i} = I[${i}];`),
    ...shared.map((_, i) => `  const s${i} = S[${i}];`),
  ];
  const source = [...head, ...body, `  return [${results.join(', ')}];`, '};', '})'].join('\n');
  return { source, kernels, constants, steps: live, generated };
}

/** An ifelse's code besides its own: what each arm assigns, and what follows both. */
interface Arms { then: string[]; else: string[]; after: string[] }

/**
 * The steps' code in order, each ifelse followed by its two arms: the steps only that arm
 * needs, then the assignment of its values. An instrumented ifelse reports after both arms.
 */
function nest(steps: readonly CpuStep[], branches: Branches, code: readonly string[][], arms: ReadonlyMap<number, Arms>): string[] {
  const { root, scopeOf, arms: scopes } = branches;
  const out: string[] = [];
  const emit = (scope: Scope, indent: string) => {
    steps.forEach((_, k) => {
      if (scopeOf[k] !== scope) return;
      const lines = code[k]!;
      const arm = arms.get(k);
      if (!arm) { for (const l of lines) out.push(indent + l); return; }
      // the ifelse's own code declares its values and opens `if (cond) {`
      for (const l of lines) out.push(indent + l);
      emit(scopes.get(k)![0], `${indent}  `);
      for (const l of arm.then) out.push(`${indent}  ${l}`);
      out.push(`${indent}  } else {`);
      emit(scopes.get(k)![1], `${indent}  `);
      for (const l of arm.else) out.push(`${indent}  ${l}`);
      out.push(`${indent}  }`);
      for (const l of arm.after) out.push(indent + l);
    });
  };
  emit(root, '');
  return out;
}

/** Each step's position in the code `nest` writes: a branch's steps right after its ifelse. */
function positions({ root, scopeOf, arms }: Branches, count: number): number[] {
  const at = new Array<number>(count);
  let next = 0;
  const visit = (scope: Scope) => {
    for (let k = 0; k < count; k++) {
      if (scopeOf[k] !== scope) continue;
      at[k] = next++;
      const arm = arms.get(k);
      if (arm) { visit(arm[0]); visit(arm[1]); }
    }
  };
  visit(root);
  return at;
}
