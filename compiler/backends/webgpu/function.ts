// A compiled graph as a WebGPU function: the WGSL module, the host steps turned into code (the
// JIT path evaluates their source; a bundle carries them as functions), and the runtime's
// executor behind the same calling conventions as a CPU function.
import { type Program, encodeArray } from '../../../runtime/program.ts';
import type { WebGpuCode } from '../../../runtime/webgpu/code.ts';
import { type WebGpuFunction, makeWebGpuFunction } from '../../../runtime/webgpu/function.ts';
import { type HostFactory, webgpuExecutor } from '../../../runtime/webgpu/load.ts';
import type { SharedVariable, Variable } from '../../graph.ts';
import type { Step } from '../../compile/schedule.ts';
import { type WebGpuModule, renderWebGpu } from './codegen.ts';

/** A program that carries WGSL. */
export type WebGpuProgram = Program & { webgpu: WebGpuCode };

export interface WebGpuGraph {
  inputs: readonly Variable[];
  shared: readonly SharedVariable[];
  /** Outputs, then update values. */
  targets: readonly Variable[];
  steps: readonly Step[];
}

/** Turn each host step's CPU source into its factory (the JIT path only). */
const jitHost = (code: WebGpuCode): HostFactory[] => code.host.map((h) => new Function(`return ${h.source}`)() as HostFactory);

/**
 * `base` is the program T.fn built (inputs, outputs, updates); its constants and CPU code are
 * replaced by the WebGPU module's.
 */
export function webgpuFunction(base: Program, graph: WebGpuGraph): { fn: WebGpuFunction; module: WebGpuModule; program: WebGpuProgram } {
  const module = renderWebGpu(graph);
  const { cpu: _cpu, ...rest } = base;
  const program: WebGpuProgram = { ...rest, constants: module.constants.map((c) => encodeArray(c.value)), kernels: module.kernels, webgpu: module.code };
  const fn = makeWebGpuFunction(program, graph.shared.map((s) => s.container), webgpuExecutor(program, jitHost(module.code)));
  return { fn, module, program };
}
