// A compiled GPU.js function: the same arguments and semantics as a CPU one; a call returns a
// Promise (GPU.js loads on first use), shared values stay on the GPU.js side between calls.
import type { SharedContainer } from '../shared.ts';
import type { Program } from '../program.ts';
import type { CopyOptions } from '../function.ts';
import { type DeviceFunction, makeDeviceFunction } from '../device/function.ts';
import type { Executor } from './executor.ts';

export interface GpuJsStats {
  /** GPU.js's mode: 'webgl2' or 'cpu' (null before the first call or `ready`). */
  mode: string | null;
  /** Kernels the last call ran. */
  launches: number;
  /** Milliseconds spent in kernels' first runs (GPU.js's parse, and in webgl2 the GLSL compile). */
  buildMs: number;
  /** The kernels run from GLSL translated at build time, without GPU.js. */
  precompiled: boolean;
}

export interface GpuJsFunction extends DeviceFunction<GpuJsStats> {
  /** Load GPU.js now instead of at the first call. */
  ready(): Promise<void>;
  copy(options?: CopyOptions): GpuJsFunction;
}

export function makeGpuJsFunction(program: Program, shared: readonly SharedContainer[], executor: Executor, applyUpdates = true): GpuJsFunction {
  return makeDeviceFunction(program, shared, executor, (e): GpuJsStats => {
    const d = e.deviceIfReady;
    return { mode: d?.mode ?? null, launches: e.launches, buildMs: d?.buildMs ?? 0, precompiled: d?.precompiled ?? false };
  }, applyUpdates) as GpuJsFunction;
}
