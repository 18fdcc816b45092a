// Instantiating a WebGPU program compiled ahead of time: the WGSL and launch plan come from
// the program; its host steps come as real functions (a bundle carries no source to evaluate).
import type { NDArray } from '../ndarray.ts';
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram, decodeArray } from '../program.ts';
import type { CopyOptions, HypatiaFunction, RunFn } from '../function.ts';
import * as cpu from '../cpu/index.ts';
import type { WebGpuCode } from './code.ts';
import { Executor } from './executor.ts';
import { type WebGpuFunction, makeWebGpuFunction } from './function.ts';
import { adapterName, getDevice } from './device.ts';

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

/** Where the functions of a bundle built for `['webgpu', 'cpu']` run, and why. */
export type BackendChoice = { backend: 'webgpu'; adapter: string } | { backend: 'cpu'; reason: string };

let choice: Promise<BackendChoice> | null = null;

/**
 * WebGPU when a device can be had (a device given to setDevice, `navigator.gpu` with an adapter,
 * or Dawn in Node), else the CPU. Decided once, at the first call or ask, for all functions
 * together: a shared variable updated on the device must not be read by a CPU function.
 */
export function chooseBackend(): Promise<BackendChoice> {
  choice ??= getDevice().then(
    (device): BackendChoice => ({ backend: 'webgpu', adapter: adapterName(device) }),
    (e: unknown): BackendChoice => ({ backend: 'cpu', reason: e instanceof Error ? e.message : String(e) }),
  );
  return choice;
}

/**
 * One function compiled twice: WebGPU when chooseBackend says so, else its CPU twin. Calls
 * return Promises either way, so an app awaits them and runs unchanged on both.
 */
export function withCpuFallback(gpu: WebGpuFunction, twin: HypatiaFunction): WebGpuFunction {
  const onGpu = async () => (await chooseBackend()).backend === 'webgpu';
  const f = async function (...args: unknown[]): Promise<unknown> {
    return (await onGpu()) ? gpu(...args) : twin(...args);
  } as WebGpuFunction;
  Object.defineProperty(f, 'name', { value: gpu.name });
  Object.defineProperty(f, 'program', { value: gpu.program });
  Object.defineProperty(f, 'shared', { value: gpu.shared });
  // the CPU twin always knows; a GPU function may not say
  Object.defineProperty(f, 'appliesUpdates', { value: twin.appliesUpdates ?? gpu.appliesUpdates });
  f.ready = async () => { if (await onGpu()) await gpu.ready(); };
  f.stats = () => gpu.stats();
  f.copy = (options?: CopyOptions) => withCpuFallback(gpu.copy(options), twin.copy(options));
  return f;
}
