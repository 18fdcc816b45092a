// The callable a device backend (WebGPU, GPU.js) hands out: a CPU function's arguments and
// semantics, but a call returns a Promise, `ready()` prepares the device early, and `stats()`
// reports what the backend's executor counted. Each backend supplies its executor and stats.
import type { NDArray } from '../ndarray.ts';
import type { SharedContainer } from '../shared.ts';
import { type Program, checkProgram } from '../program.ts';
import { makeArgBinder } from '../bind-args.ts';
import { type CopyOptions, type HypatiaFunction, describeFunction, swapShared } from '../function.ts';

/** What a device function needs of its backend's executor. */
export interface DeviceExecutor {
  ready(): Promise<void>;
  call(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]>;
}

export interface DeviceFunction<S> extends HypatiaFunction {
  (...args: unknown[]): Promise<unknown>;
  ready(): Promise<void>;
  stats(): S;
  copy(options?: CopyOptions): DeviceFunction<S>;
}

export function makeDeviceFunction<E extends DeviceExecutor, S>(
  program: Program, shared: readonly SharedContainer[], executor: E, stats: (e: E) => S, applyUpdates = true,
): DeviceFunction<S> {
  checkProgram(program);
  const bind = makeArgBinder(program);
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];

  const f = async function (...args: unknown[]): Promise<unknown> {
    const outs = await executor.call(bind(args), shared, updates, count);
    return kind === 'single' ? outs[0] : outs;
  } as DeviceFunction<S>;

  describeFunction(f, program, shared, applyUpdates);
  f.ready = () => executor.ready();
  f.stats = () => stats(executor);
  f.copy = (options: CopyOptions = {}) =>
    makeDeviceFunction(program, swapShared(shared, options), executor, stats, applyUpdates && !options.deleteUpdates);
  return f;
}
