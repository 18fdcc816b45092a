// A compiled graph as a GPU.js function: the kernels and launch plan, the host steps turned
// into code (the JIT path evaluates their source; a bundle carries them as functions), and the
// runtime's executor behind the same calling conventions as a CPU function.
import { type Program, encodeArray } from '../../../runtime/program.ts';
import type { GpuJsCode } from '../../../runtime/gpujs/code.ts';
import { type GpuJsFunction, makeGpuJsFunction } from '../../../runtime/gpujs/function.ts';
import { type GpuJsHostFactory, gpujsExecutor } from '../../../runtime/gpujs/load.ts';
import type { SharedVariable, Variable } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { type GpuJsModule, renderGpuJs } from './codegen.ts';
import { precompileGpuJs } from './glsl.ts';

/** A program that carries GPU.js kernels. */
export type GpuJsProgram = Program & { gpujs: GpuJsCode };

export interface GpuJsGraph {
  inputs: readonly Variable[];
  shared: readonly SharedVariable[];
  /** Outputs, then update values. */
  targets: readonly Variable[];
  steps: readonly Step[];
}

/** Turn each host step's CPU source into its factory (the JIT path only). */
const jitHost = (code: GpuJsCode): GpuJsHostFactory[] => code.host.map((h) => new Function(`return ${h.source}`)() as GpuJsHostFactory);

/**
 * `base` is the program T.fn built (inputs, outputs, updates); its constants and CPU code are
 * replaced by the GPU.js module's.
 */
export function gpujsFunction(base: Program, graph: GpuJsGraph): { fn: GpuJsFunction; module: GpuJsModule; program: GpuJsProgram } {
  const module = renderGpuJs(graph);
  const { cpu: _cpu, ...rest } = base;
  const program: GpuJsProgram = { ...rest, constants: module.constants.map((c) => encodeArray(c.value)), kernels: module.kernels, gpujs: module.code };
  const fn = makeGpuJsFunction(program, graph.shared.map((s) => s.container), gpujsExecutor(program, jitHost(module.code)));
  return { fn, module, program };
}

/**
 * The same function with its kernels translated to GLSL, as the build plugin emits them: in a
 * page with WebGL2 it runs on the runtime's own runner, without GPU.js (tests and benchmarks
 * compare it with the JIT path). It shares the function's shared variables.
 */
export function precompiledFunction(f: GpuJsFunction): GpuJsFunction {
  const program = f.program as GpuJsProgram;
  const pre: GpuJsProgram = { ...program, gpujs: precompileGpuJs(program.gpujs) };
  return makeGpuJsFunction(pre, f.shared, gpujsExecutor(pre, jitHost(pre.gpujs)));
}
