// A compiled WebGPU function: the same arguments and semantics as a CPU one, but a call
// returns a Promise, shared values live on the device, and updates are applied there.
import type { SharedContainer } from '../shared.ts';
import type { Program } from '../program.ts';
import type { CopyOptions } from '../function.ts';
import { type DeviceFunction, makeDeviceFunction } from '../device/function.ts';
import type { Executor } from './executor.ts';
import type { PoolStats } from './pool.ts';
import type { F16Storage } from './context.ts';

export interface WebGpuStats {
  /** Kernels the last call dispatched. */
  dispatches: number;
  /** Device-to-host readbacks the last call waited for: 1 for its outputs (0 without any), plus any value the host needed mid-call. */
  readbacks: number;
  /** Command buffers the last call submitted. */
  submits: number;
  /**
   * Copies the last call made with the runtime's half-copy kernel (counted in `dispatches`):
   * packed float16 rows that do not start or end on a 4-byte boundary (a scan's rows).
   */
  halfCopies: number;
  /**
   * How the device stores float16 arrays: 'packed' (binary16, 2 bytes an element; the device
   * has shader-f16) or 'f32' (one value per 32-bit lane); null until the device is acquired
   * (the first call or `ready`).
   */
  float16: F16Storage | null;
  /** Milliseconds spent creating this function's pipelines (0 until the first call or `ready`). */
  pipelineMs: number;
  /** Buffers of the device's pool: `created` stays constant once shapes stop changing. */
  buffers: PoolStats;
}

export interface WebGpuFunction extends DeviceFunction<WebGpuStats> {
  /** Create the pipelines now instead of at the first call. */
  ready(): Promise<void>;
  copy(options?: CopyOptions): WebGpuFunction;
}

export function makeWebGpuFunction(program: Program, shared: readonly SharedContainer[], executor: Executor, applyUpdates = true): WebGpuFunction {
  return makeDeviceFunction(program, shared, executor, (e): WebGpuStats => ({
    dispatches: e.dispatches, readbacks: e.readbacks, submits: e.submits, halfCopies: e.halfCopies,
    float16: e.contextIfReady?.f16 ?? null, pipelineMs: e.pipelineMs,
    buffers: e.contextIfReady?.pool.stats() ?? { created: 0, live: 0, idle: 0 },
  }), applyUpdates) as WebGpuFunction;
}
