// What evaluating a graph module yields, as plain data: it crosses a worker boundary (structured
// clone) and is all the code emitter sees, so nothing here may be a class instance or closure.
import type { EncodedArray, Program } from '../../runtime/program.ts';

/** One exported value, described recursively so objects holding functions keep their shape. */
export type Value =
  | { kind: 'function'; index: number }
  | { kind: 'shared'; index: number }
  | { kind: 'ndarray'; value: EncodedArray }
  | { kind: 'typed-array'; value: EncodedArray }
  | { kind: 'primitive'; value: string | number | boolean | bigint | null | undefined }
  | { kind: 'array'; items: Value[] }
  | { kind: 'object'; entries: [string, Value][] }
  /** A RandomStreams object: the generator states of its variables (indexes into `shared`), in draw order. */
  | { kind: 'random-streams'; rngs: number[] }
  /** Something a bundle cannot carry (a closure, a symbolic variable, ...): `what` says which. */
  | { kind: 'unsupported'; what: string };

export interface FunctionRef {
  /** Index into `programs`: a function and its copies share one program and so one kernel set. */
  program: number;
  /** Indexes into `shared`, in `program.shared` order. */
  shared: number[];
  /** Present (false) for a copy made with `deleteUpdates`: same program, updates dropped. */
  appliesUpdates?: false;
  /**
   * Index into `programs` of the same function compiled for the CPU, run where WebGPU is
   * missing (a `['webgpu', 'cpu']` build).
   */
  fallback?: number;
}

export interface SharedState {
  name: string;
  /** The value when the module finished evaluating (so build-time training is kept). */
  value: EncodedArray;
  broadcastable: boolean[];
  /** A random variable's generator state: the bundle keeps it a RandomState (seed/getState/setState). */
  randomState?: true;
}

export interface Description {
  exports: [string, Value][];
  programs: Program[];
  functions: FunctionRef[];
  shared: SharedState[];
}

/** A failure while evaluating, with the template position when the error carries one. */
export interface EvalFailure {
  name: string;
  message: string;
  stack: string;
  template?: { strings: string[]; part: number; partOffset: number; length: number; detail: string };
}

export type EvalReport = { ok: true; description: Description } | { ok: false; error: EvalFailure };
