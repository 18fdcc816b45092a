// T.fn: Theano's `function`. Builds a program from inputs, outputs, updates and givens and
// hands it to the runtime; the same program is what the build plugin serializes.
import type { DType } from '../runtime/dtype.ts';
import { NDArray, type Nested } from '../runtime/ndarray.ts';
import { type Program, type StepHooks, PROGRAM_FORMAT, PROGRAM_VERSION, encodeArray } from '../runtime/program.ts';
import { makeFunction, type HypatiaFunction, type RunFn, type CopyOptions } from '../runtime/function.ts';
import { coerceInput } from '../runtime/inputs.ts';
import * as CPU from '../runtime/cpu/index.ts';
import { config, type Mode, type Backend, type Optimizer } from './config.ts';
import { Constant, SharedVariable, Variable } from './graph.ts';
import { asTensor } from './api/core.ts';
import { cloneReplace } from './clone.ts';
import { toposort, roots, plan, type Step } from './compile/schedule.ts';
import { renderCpu } from './backends/cpu/codegen.ts';
import { type CpuStep, formLoops } from './backends/cpu/loops.ts';
import { optimize, type Optimized } from './rewrite/optimize.ts';
import { Hooks } from './modes/hooks.ts';
import { debugRun } from './modes/debug.ts';
import { nanGuardRun } from './modes/nanguard.ts';
import { ProfileStats, stepInfo } from './profile.ts';
import { cpuStepLabel } from './backends/cpu/labels.ts';
import { TemplateLambda } from './template/index.ts';
import { webgpuFunction } from './backends/webgpu/function.ts';
import { gpujsFunction } from './backends/gpujs/function.ts';

/** An input with a default value and/or a keyword name (Theano's In / Param). */
export class In<V extends Variable = Variable, HasDefault extends boolean = boolean> {
  readonly variable: V;
  readonly value: unknown;
  readonly hasDefault: HasDefault;
  readonly name: string | null;
  constructor(variable: V, options: { value?: unknown; name?: string } = {}) {
    if (!(variable instanceof Variable)) throw new TypeError(`In: expected a variable, got ${typeof variable}`);
    this.variable = variable;
    this.value = options.value;
    this.hasDefault = (options.value !== undefined) as HasDefault;
    this.name = options.name ?? variable.name;
  }
}

export function In_<V extends Variable, O extends { value?: unknown; name?: string }>(v: V, options?: O): In<V, O extends { value: unknown } ? true : false> {
  return new In(v, options) as never;
}
/** The older spelling: `T.Param(v, { default, name })`. */
export function Param<V extends Variable, O extends { default?: unknown; name?: string }>(v: V, options?: O): In<V, O extends { default: unknown } ? true : false> {
  return new In(v, { value: options?.default, ...(options?.name !== undefined ? { name: options.name } : {}) }) as never;
}

// ---- types users see ---------------------------------------------------------------
type Num<D extends DType> = D extends 'bool' ? boolean | number : number;
/* eslint-disable @typescript-eslint/no-explicit-any */
// NDArray is invariant in its parameters, so `any` lets any dtype through (checked at call time)
// while an NDArray of a known, different ndim is still a type error.
export type InputValue<D extends DType, N extends number> =
  | NDArray<any, N>
  | NDArray<any, number>
  | (number extends N ? unknown : Nested<Num<D>, N>)
  | (N extends 1 ? Float64Array | Float32Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint32Array : never);
type ArgOf<V> = V extends Variable<infer D, infer N> ? InputValue<D, N> : never;
type InSpec = AnyVar | In<AnyVar, boolean>;
export type Args<I extends readonly unknown[]> = unknown[] extends I ? unknown[] : I extends readonly [infer H, ...infer R]
  ? H extends In<infer V, true> ? [ArgOf<V>?, ...Args<R>] : H extends In<infer V, boolean> ? [ArgOf<V>, ...Args<R>] : [ArgOf<H>, ...Args<R>]
  : I extends readonly (infer E)[] ? (E extends In<infer V, boolean> ? ArgOf<V> : ArgOf<E>)[] : [];
type OutOf<V> = V extends Variable<infer D, infer N> ? NDArray<D, N> : NDArray;
export type Result<O> = O extends Variable ? OutOf<O> : O extends readonly unknown[] ? { -readonly [K in keyof O]: OutOf<O[K]> } : [];
type Ret<R, B> = B extends 'webgpu' | 'gpujs' ? Promise<R> : R;
export type Keywords = Record<string, unknown>;

export interface CompiledFunction<I extends readonly unknown[], R> {
  (...args: Args<I>): R;
  (...args: [...unknown[], Keywords]): R;
  copy(options?: CopyOptions): CompiledFunction<I, R>;
  readonly program: HypatiaFunction['program'];
  readonly shared: HypatiaFunction['shared'];
  /** With `profile: true` (or T.config.profile): call and kernel times, `profile.summary()`. */
  readonly profile?: ProfileStats;
}

type AnyShared = SharedVariable<any, any>;
type AnyVar = Variable<any, any>;
export type Updates = Map<AnyShared, unknown> | readonly (readonly [AnyShared, unknown])[];
export type Givens = Map<AnyVar, unknown> | readonly (readonly [AnyVar, unknown])[];

export interface FnOptions<B extends Backend = Backend> {
  updates?: Updates;
  givens?: Givens;
  allowInputDowncast?: boolean;
  mode?: Mode;
  profile?: boolean;
  noDefaultUpdates?: boolean;
  onUnusedInput?: 'raise' | 'warn' | 'ignore';
  name?: string;
  backend?: B;
}

/** What was compiled, for printing and tools. */
export interface Compiled {
  inputs: Variable[];
  /** The optimized outputs and update values. */
  outputs: Variable[];
  updates: [SharedVariable, Variable][];
  shared: SharedVariable[];
  /** The backend-neutral schedule. */
  steps: Step[];
  /** What the CPU runs: fused loops and kernel calls, in launch order. */
  cpu: CpuStep[];
  mode: Mode;
  /** The graph as given (outputs then update values), before any rewrite. */
  original: Variable[];
  rewrites: Optimized;
}
const compiledInfo = new WeakMap<object, Compiled>();
export const compiledOf = (f: object): Compiled | undefined => compiledInfo.get(f);

function pairs<K, V>(x: Map<K, V> | readonly (readonly [K, V])[] | undefined, what: string): [K, V][] {
  if (x === undefined) return [];
  if (x instanceof Map) return [...x.entries()];
  if (!Array.isArray(x)) throw new TypeError(`${what}: expected a list of [variable, expression] pairs or a Map`);
  return x.map((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw new TypeError(`${what}: entry ${i} must be a [variable, expression] pair`);
    return [p[0], p[1]] as [K, V];
  });
}

const label = (v: Variable, i: number) => (v.name ? `input ${i} ('${v.name}')` : `input ${i}`);

export function fn<const I extends readonly InSpec[], const O extends AnyVar | readonly AnyVar[] | undefined = undefined, B extends Backend = 'cpu'>(
  inputs: I, outputs?: O, options?: FnOptions<B>,
): CompiledFunction<I, Ret<Result<O>, B>>;
export function fn(lambda: TemplateLambda, options?: FnOptions): CompiledFunction<unknown[], NDArray>;
export function fn(a: unknown, b?: unknown, c?: unknown): unknown {
  if (a instanceof TemplateLambda) return compile(a.params as Variable[], a.body as Variable, (b ?? {}) as FnOptions);
  return compile(a as readonly InSpec[], b as Variable | readonly Variable[] | undefined, (c ?? {}) as FnOptions);
}

const MODES: readonly Mode[] = ['FAST_RUN', 'FAST_COMPILE', 'DebugMode', 'NanGuardMode'];

/** FAST_COMPILE merges and folds only; every other mode runs the configured optimizer. */
const optimizerOf = (mode: Mode): Optimizer => (mode === 'FAST_COMPILE' ? 'fast_compile' : config.optimizer);

function compile(inputSpecs: readonly InSpec[], outputs: Variable | readonly Variable[] | undefined, options: FnOptions): HypatiaFunction {
  const compileStart = performance.now();
  if (!Array.isArray(inputSpecs)) throw new TypeError('fn: inputs must be a list of variables (or T.In wrappers)');
  const backend = options.backend ?? config.device;
  if (backend !== 'cpu' && backend !== 'webgpu' && backend !== 'gpujs') throw new Error(`fn: unknown backend '${backend}'; use 'cpu', 'webgpu' or 'gpujs'`);
  const mode = options.mode ?? config.mode;
  if (!MODES.includes(mode)) throw new TypeError(`fn: unknown mode ${JSON.stringify(mode)} (expected one of ${MODES.map((m) => `'${m}'`).join(', ')})`);
  const fname = options.name ?? '';

  // inputs
  const specs = inputSpecs.map((s, i) => {
    const inp = s instanceof In ? s : s instanceof Variable ? new In(s) : null;
    if (!inp) throw new TypeError(`fn: input ${i} must be a variable or T.In(...), got ${s === null ? 'null' : typeof s}`);
    const v = inp.variable;
    if (v instanceof SharedVariable) throw new TypeError(`fn: ${label(v, i)} is a shared variable; shared variables are implicit inputs (use givens to replace one)`);
    if (v instanceof Constant) throw new TypeError(`fn: ${label(v, i)} is a constant and cannot be an input`);
    return inp;
  });
  const inputs = specs.map((s) => s.variable);
  inputs.forEach((v, i) => {
    const j = inputs.indexOf(v);
    if (j !== i) throw new TypeError(`fn: ${label(v, i)} is the same variable as input ${j}; each input may appear once`);
  });
  let seenDefault = false;
  specs.forEach((s, i) => {
    if (s.hasDefault) seenDefault = true;
    else if (seenDefault) throw new TypeError(`fn: ${label(s.variable, i)} has no default but follows an input with a default`);
  });
  const kwNames = new Map<string, number>();
  specs.forEach((s, i) => {
    if (!s.name) return;
    if (kwNames.has(s.name)) throw new TypeError(`fn: inputs ${kwNames.get(s.name)} and ${i} share the name '${s.name}'; give one a different name with T.In(v, { name })`);
    kwNames.set(s.name, i);
  });

  // outputs
  const kind: Program['outputs']['kind'] = outputs === undefined || (Array.isArray(outputs) && outputs.length === 0) ? 'none' : Array.isArray(outputs) ? 'list' : 'single';
  const outList: Variable[] = outputs === undefined ? [] : (Array.isArray(outputs) ? outputs : [outputs]).map((o, i) => asTensor(o, `fn: output ${i}`));

  // updates
  const updates = pairs(options.updates, 'updates').map(([s, e], i): [SharedVariable, Variable] => {
    if (!(s instanceof SharedVariable)) throw new TypeError(`updates: entry ${i} updates ${(s as object) instanceof Variable ? `'${String(s)}'` : typeof s}, which is not a shared variable`);
    const v = asTensor(e, `updates: entry ${i}`);
    if (v.dtype !== s.dtype || v.ndim !== s.ndim) {
      throw new TypeError(`updates: the update of '${s}' has type ${v.type} but the shared variable is ${s.type}; ` +
        `an update must have the same type (use T.cast(expr, '${s.dtype}'))`);
    }
    s.broadcastable.forEach((b, d) => {
      if (b && !v.broadcastable[d]) throw new TypeError(`updates: the update of '${s}' is not broadcastable on axis ${d} but the shared variable is (${s.type})`);
    });
    return [s, v];
  });
  updates.forEach(([s], i) => {
    const j = updates.findIndex(([t]) => t === s);
    if (j !== i) throw new TypeError(`updates: '${s}' is updated twice (entries ${j} and ${i})`);
  });

  // default updates (a random variable's generator state) join unless noDefaultUpdates or explicit
  if (!options.noDefaultUpdates) {
    for (const r of roots([...outList, ...updates.map(([, v]) => v)], new Set(inputs))) {
      if (r instanceof SharedVariable && r.defaultUpdate && !updates.some(([t]) => t === r)) updates.push([r, r.defaultUpdate]);
    }
  }

  // givens
  const givenMap = new Map<Variable, Variable>();
  pairs(options.givens, 'givens').forEach(([k, e], i) => {
    if (!(k instanceof Variable)) throw new TypeError(`givens: entry ${i} must replace a variable, got ${typeof k}`);
    const v = asTensor(e, `givens: entry ${i}`);
    if (!k.type.accepts(v.type) && !(v.dtype === k.dtype && v.ndim === k.ndim)) {
      throw new TypeError(`givens: '${k}' has type ${k.type} but its replacement '${v}' has type ${v.type}; they must match`);
    }
    givenMap.set(k, v);
  });

  let targets = [...outList, ...updates.map(([, v]) => v)];
  if (givenMap.size) targets = cloneReplace(targets, givenMap);
  const cut = new Set<Variable>(inputs);
  const deps = roots(targets, cut);
  for (const r of deps) {
    if (cut.has(r) || r instanceof Constant || r instanceof SharedVariable) continue;
    throw new TypeError(`fn: an output depends on ${r.name ? `'${r.name}'` : `an unnamed ${r.type}`}, which is not in the inputs list (missing input)`);
  }
  const policy = options.onUnusedInput ?? 'raise';
  inputs.forEach((v, i) => {
    if (deps.includes(v) || policy === 'ignore') return;
    const msg = `fn: ${label(v, i)} is not used to compute any output or update; remove it, or pass onUnusedInput: 'warn' or 'ignore'`;
    if (policy === 'raise') throw new TypeError(msg);
    console.warn(msg);
  });
  const shared = deps.filter((r): r is SharedVariable => r instanceof SharedVariable);
  for (const [s] of updates) if (!shared.includes(s)) shared.push(s);

  const original = targets;
  const optimizer = optimizerOf(mode);
  const rewrites = optimize(targets, optimizer, cut);
  targets = rewrites.outputs;
  const linkStart = performance.now();
  const order = toposort(targets, cut);
  const fuse = optimizer === 'fast_run';
  const steps = plan(order, targets, { fuse });
  const profiling = options.profile ?? config.profile;
  const instrument = profiling || mode === 'DebugMode' || mode === 'NanGuardMode';
  const cpu = renderCpu({ steps: formLoops(order, targets, { fuse }), inputs, shared, targets, instrument, specialize: fuse });

  const program: Program = {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    name: fname,
    inputs: specs.map((s, i) => {
      const v = s.variable;
      const base = { name: s.name, dtype: v.dtype, ndim: v.ndim, broadcastable: [...v.broadcastable], shape: [...v.type.shape] };
      if (!s.hasDefault) return base;
      const raw = s.value as object;
      const d = coerceInput(raw instanceof Constant ? raw.value : raw, base, i, true);
      return { ...base, default: encodeArray(d) };
    }),
    shared: shared.map((s) => ({ name: s.name ?? 'shared', dtype: s.dtype, ndim: s.ndim })),
    outputs: { count: outList.length, kind },
    updates: options.noDefaultUpdates && updates.length === 0 ? [] : updates.map(([s]) => shared.indexOf(s)),
    allowInputDowncast: options.allowInputDowncast ?? false,
    constants: cpu.constants.map((c) => encodeArray(c.value)),
    kernels: cpu.kernels,
    cpu: { source: cpu.source, kernels: cpu.kernels },
  };
  // ---- WebGPU (issue 5): the same schedule rendered as WGSL; calls return Promises ----------
  if (backend === 'webgpu') {
    const gpu = webgpuFunction(program, { inputs, shared, targets, steps });
    compiledInfo.set(gpu.fn, {
      inputs, outputs: targets.slice(0, outList.length), updates: updates.map(([s], i) => [s, targets[outList.length + i]!]), shared, steps: gpu.module.steps, cpu: cpu.steps,
      mode, original, rewrites,
    });
    return gpu.fn;
  }
  // ---- end WebGPU --------------------------------------------------------------------------
  // ---- GPU.js (issue 9): the same schedule rendered as GPU.js kernels; calls return Promises --
  if (backend === 'gpujs') {
    const gj = gpujsFunction(program, { inputs, shared, targets, steps });
    compiledInfo.set(gj.fn, {
      inputs, outputs: targets.slice(0, outList.length), updates: updates.map(([s], i) => [s, targets[outList.length + i]!]), shared, steps: gj.module.steps, cpu: cpu.steps,
      mode, original, rewrites,
    });
    return gj.fn;
  }
  // ---- end GPU.js --------------------------------------------------------------------------
  const hooks = new Hooks();
  let run = jitCpu(cpu.source, cpu.constants.map((c) => c.value), hooks);
  let stats: ProfileStats | undefined;
  if (profiling) {
    const linker = (performance.now() - linkStart) / 1000;
    const times = { phases: rewrites.times, linker, total: (performance.now() - compileStart) / 1000 };
    const s = new ProfileStats(fname, cpu.steps.map((st, k) => stepInfo(st, cpuStepLabel(st), cpu.generated[k]!)), times, order.length);
    stats = s;
    // registered first, so the checking modes' own work is not timed as the kernel's
    hooks.listen((k, _outs, t0) => s.recordStep(k, (hooks.now() - t0) / 1000));
    const inner = run;
    run = (i, sh) => { const t0 = performance.now(); try { return inner(i, sh); } finally { s.runTime += (performance.now() - t0) / 1000; } };
  }
  if (mode === 'DebugMode') run = debugRun(run, hooks, { inputs, shared, original, rewrites, steps: cpu.steps });
  if (mode === 'NanGuardMode') run = nanGuardRun(run, hooks, { inputs, shared, steps: cpu.steps });
  const observe = stats && ((sec: number) => { stats.calls++; stats.callTime += sec; });
  const f = makeFunction(program, shared.map((s) => s.container), run, true, observe);
  if (stats) Object.defineProperty(f, 'profile', { value: stats });
  compiledInfo.set(f, {
    inputs, outputs: targets.slice(0, outList.length), updates: updates.map(([s], i) => [s, targets[outList.length + i]!]), shared, steps, cpu: cpu.steps,
    mode, original, rewrites,
  });
  return f;
}

/** The JIT path turns generated source into a function; bundles carry it as real code instead. */
function jitCpu(source: string, constants: NDArray[], hooks: StepHooks): RunFn {
  const factory = new Function(`return ${source}`)() as (k: typeof CPU, c: NDArray[], h: StepHooks) => RunFn;
  return factory(CPU, constants, hooks);
}
