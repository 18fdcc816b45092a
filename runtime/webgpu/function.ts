// A compiled WebGPU function: the same arguments and semantics as a CPU one, but a call
// returns a Promise, shared values live on the device, and updates are applied there.
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram } from '../program.ts';
import { makeArgBinder } from '../bind-args.ts';
import { type CopyOptions, type HypatiaFunction, describeFunction, swapShared } from '../function.ts';
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

export interface WebGpuFunction extends HypatiaFunction {
  (...args: unknown[]): Promise<unknown>;
  /** Create the pipelines now instead of at the first call. */
  ready(): Promise<void>;
  stats(): WebGpuStats;
  copy(options?: CopyOptions): WebGpuFunction;
}

export function makeWebGpuFunction(program: Program, shared: readonly SharedContainer[], executor: Executor, applyUpdates = true): WebGpuFunction {
  checkProgram(program);
  const bind = makeArgBinder(program);
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];

  const f = async function (...args: unknown[]): Promise<unknown> {
    const vals = bind(args);
    const outs = await executor.call(vals, shared, updates, count);
    return kind === 'single' ? outs[0] : outs;
  } as WebGpuFunction;

  describeFunction(f, program, shared, applyUpdates);
  f.ready = () => executor.ready();
  f.stats = () => ({
    dispatches: executor.dispatches, readbacks: executor.readbacks, submits: executor.submits, halfCopies: executor.halfCopies,
    float16: executor.contextIfReady?.f16 ?? null, pipelineMs: executor.pipelineMs,
    buffers: executor.contextIfReady?.pool.stats() ?? { created: 0, live: 0, idle: 0 },
  });
  f.copy = (options: CopyOptions = {}) =>
    makeWebGpuFunction(program, swapShared(shared, options), executor, applyUpdates && !options.deleteUpdates);
  return f;
}
