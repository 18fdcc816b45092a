// Instantiating a WebGPU program compiled ahead of time: the WGSL and launch plan come from
// the program; its host steps come as real functions (a bundle carries no source to evaluate).
import type { NDArray } from '../ndarray.ts';
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram, decodeArray } from '../program.ts';
import type { RunFn } from '../function.ts';
import * as cpu from '../cpu/index.ts';
import type { WebGpuCode } from './code.ts';
import { Executor } from './executor.ts';
import { type WebGpuFunction, makeWebGpuFunction } from './function.ts';

/** A host step's code once it is code: kernels namespace and its constants in, run out. */
export type HostFactory = (K: typeof cpu, C: NDArray[]) => RunFn;

/** The executor of a WebGPU program; functions sharing a program (copies) share it. */
export function webgpuExecutor(program: Program & { webgpu?: WebGpuCode }, host: readonly HostFactory[]): Executor {
  checkProgram(program);
  const code = program.webgpu;
  if (!code) throw new TypeError('hypatia runtime: this program has no WebGPU code; compile it with backend: \'webgpu\'');
  const constants = program.constants.map(decodeArray);
  const fns = host.map((make, k) => make(cpu, code.host[k]!.constants.map((c) => constants[c]!)));
  return new Executor(code, fns, constants, program.name ? `function '${program.name}'` : 'function');
}

/** A callable WebGPU function from a serialized program and its host steps' factories. */
export function loadWebGpuFunction(program: Program & { webgpu?: WebGpuCode }, shared: readonly SharedContainer[], host: readonly HostFactory[]): WebGpuFunction {
  return makeWebGpuFunction(program, shared, webgpuExecutor(program, host));
}
