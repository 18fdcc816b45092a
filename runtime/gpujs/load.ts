// Instantiating a GPU.js program compiled ahead of time: the kernels and launch plan come from
// the program; its host steps come as real functions (a bundle carries no source to evaluate).
import type { NDArray } from '../ndarray.ts';
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram, decodeArray } from '../program.ts';
import type { RunFn } from '../function.ts';
import * as cpu from '../cpu/index.ts';
import type { GpuJsCode } from './code.ts';
import { Executor } from './executor.ts';
import { type GpuJsFunction, makeGpuJsFunction } from './function.ts';

/** A host step's code once it is code: kernels namespace and its constants in, run out. */
export type GpuJsHostFactory = (K: typeof cpu, C: NDArray[]) => RunFn;

/** The executor of a GPU.js program; functions sharing a program (copies) share it. */
export function gpujsExecutor(program: Program & { gpujs?: GpuJsCode }, host: readonly GpuJsHostFactory[]): Executor {
  checkProgram(program);
  const code = program.gpujs;
  if (!code) throw new TypeError("hypatia runtime: this program has no GPU.js code; compile it with backend: 'gpujs'");
  const constants = program.constants.map(decodeArray);
  const fns = host.map((make, k) => make(cpu, code.host[k]!.constants.map((c) => constants[c]!)));
  return new Executor(code, fns, constants);
}

/** A callable GPU.js function from a serialized program and its host steps' factories. */
export function loadGpuJsFunction(program: Program & { gpujs?: GpuJsCode }, shared: readonly SharedContainer[], host: readonly GpuJsHostFactory[]): GpuJsFunction {
  return makeGpuJsFunction(program, shared, gpujsExecutor(program, host));
}
