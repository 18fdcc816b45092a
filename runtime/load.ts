// Instantiating a program that was compiled ahead of time. A generated graph module carries
// each CPU kernel as real code (a factory function), so nothing here evaluates source text:
// bundles run under a Content-Security-Policy that forbids eval.
import type { NDArray } from './ndarray.ts';
import { SharedContainer } from './shared.ts';
import { type Program, type EncodedArray, checkProgram, decodeArray } from './program.ts';
import { makeFunction, type HypatiaFunction, type RunFn } from './function.ts';
import * as cpu from './cpu/index.ts';
import { RandomState } from './random/state.ts';

/** What instrumented kernels (profiling, DebugMode, NanGuardMode) report each step to. */
interface StepReports { now(): number; after(step: number, outputs: NDArray[], start: number): void }

/**
 * The shape of `program.cpu.source` once it is code: kernels namespace and constants in, run
 * out. Instrumented kernels also take step hooks; their checks belong to the JIT path.
 */
export type CpuFactory = (K: typeof cpu, C: NDArray[], H: StepReports) => RunFn;

// a program compiled with instrumentation still runs in a bundle, without the instruments
const NO_REPORTS: StepReports = { now: () => 0, after() {} };

/**
 * The run of a CPU program. Functions that share a program (a function and its copies) should
 * share one run, as they do on the JIT path, because a run keeps its scratch buffers.
 */
export function cpuRun(program: Program, factory: CpuFactory): RunFn {
  // checked here too, so an old bundle fails before decoding constants it might misread
  checkProgram(program);
  return factory(cpu, program.constants.map(decodeArray), NO_REPORTS);
}

/** A callable compiled function from a serialized program and its CPU kernels. */
export function loadFunction(program: Program, shared: readonly SharedContainer[], factory: CpuFactory): HypatiaFunction {
  return makeFunction(program, shared, cpuRun(program, factory));
}

/** A shared variable's state as a bundle restores it: the value it had when the graph module was built. */
export function sharedVariable(name: string, value: EncodedArray, broadcastable?: readonly boolean[]): SharedContainer {
  return new SharedContainer(name, decodeArray(value), broadcastable);
}

/** A random variable's generator state as a bundle restores it: a RandomState, with seed/getState/setState. */
export function randomStateVariable(name: string, value: EncodedArray): SharedContainer {
  return new SharedContainer(name, RandomState.adopt(decodeArray(value), `shared variable '${name}'`));
}

/**
 * A graph module's `f.copy({ deleteUpdates: true })`: the program still lists the updates, so
 * the bundle rebuilds the function and drops them the same way the JIT path did.
 */
export function withoutUpdates<F extends HypatiaFunction>(f: F): F {
  return f.copy({ deleteUpdates: true }) as F;
}
