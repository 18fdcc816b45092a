// A compiled GPU.js function: the same arguments and semantics as a CPU one; a call returns a
// Promise (GPU.js loads on first use), shared values stay on the GPU.js side between calls.
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram } from '../program.ts';
import { makeArgBinder } from '../bind-args.ts';
import { type CopyOptions, type HypatiaFunction, describeFunction, swapShared } from '../function.ts';
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

export interface GpuJsFunction extends HypatiaFunction {
  (...args: unknown[]): Promise<unknown>;
  /** Load GPU.js now instead of at the first call. */
  ready(): Promise<void>;
  stats(): GpuJsStats;
  copy(options?: CopyOptions): GpuJsFunction;
}

export function makeGpuJsFunction(program: Program, shared: readonly SharedContainer[], executor: Executor, applyUpdates = true): GpuJsFunction {
  checkProgram(program);
  const bind = makeArgBinder(program);
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];

  const f = async function (...args: unknown[]): Promise<unknown> {
    const vals = bind(args);
    const outs = await executor.call(vals, shared, updates, count);
    return kind === 'single' ? outs[0] : outs;
  } as GpuJsFunction;

  describeFunction(f, program, shared, applyUpdates);
  f.ready = () => executor.ready();
  f.stats = () => {
    const d = executor.deviceIfReady;
    return { mode: d?.mode ?? null, launches: executor.launches, buildMs: d?.buildMs ?? 0, precompiled: d?.precompiled ?? false };
  };
  f.copy = (options: CopyOptions = {}) =>
    makeGpuJsFunction(program, swapShared(shared, options), executor, applyUpdates && !options.deleteUpdates);
  return f;
}
