// A compiled function: argument handling, the run, and Theano's update semantics.
import type { NDArray } from './ndarray.ts';
import { SharedContainer } from './shared.ts';
import { type Program, checkProgram } from './program.ts';
import { makeArgBinder } from './bind-args.ts';

/** Runs the program body: inputs and shared values in, outputs then update values out. */
export type RunFn = (inputs: NDArray[], shared: NDArray[]) => NDArray[];

export interface CopyOptions {
  /** Replace shared variables (or their containers) by others of the same type. */
  swap?: Map<unknown, unknown> | readonly (readonly [unknown, unknown])[];
  deleteUpdates?: boolean;
}

export interface HypatiaFunction {
  (...args: unknown[]): unknown;
  readonly program: Program;
  readonly shared: readonly SharedContainer[];
  /**
   * False for a copy made with `deleteUpdates`: the program still lists its updates, so this is
   * the only trace of the difference (the build plugin reads it). Absent where a backend does not say.
   */
  readonly appliesUpdates?: boolean;
  copy(options?: CopyOptions): HypatiaFunction;
}

const containerOf = (v: unknown): SharedContainer | null =>
  v instanceof SharedContainer ? v : v && typeof v === 'object' && (v as { container?: unknown }).container instanceof SharedContainer ? (v as { container: SharedContainer }).container : null;

/** Does result r share its buffer with an input, a shared value or an earlier result? */
function aliased(o: NDArray, r: number, res: readonly NDArray[], vals: readonly NDArray[], state: readonly NDArray[]): boolean {
  // identity of the typed arrays: views share them (kernels never return subarrays), and
  // reading `.buffer` would cost V8 a heap-to-external copy for small arrays on every call
  const d = o.data;
  for (let i = 0; i < vals.length; i++) if (vals[i]!.data === d) return true;
  for (let i = 0; i < state.length; i++) if (state[i]!.data === d) return true;
  for (let i = 0; i < r; i++) if (res[i]!.data === d) return true;
  return false;
}

/** Seconds per call, for profiling: told after every call, including calls that throw. */
export type CallObserver = (seconds: number) => void;

export function makeFunction(program: Program, shared: readonly SharedContainer[], run: RunFn, applyUpdates = true, observe?: CallObserver): HypatiaFunction {
  checkProgram(program);
  const bind = makeArgBinder(program);
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];

  const noShared: NDArray[] = [];
  const single = kind === 'single';

  const call = function (this: unknown, ...args: unknown[]): unknown {
    const vals = bind(args);
    const state = shared.length === 0 ? noShared : shared.map((c) => c.value);
    const res = run(vals, state);
    // every value was computed from pre-call state; now make results independent buffers
    // (no output may alias an input, a shared value or another result) and apply updates together
    const total = res.length;
    for (let r = 0; r < total; r++) {
      const o = res[r]!;
      if (aliased(o, r, res, vals, state)) res[r] = o.copy();
    }
    for (let u = 0; u < updates.length; u++) shared[updates[u]!]!.value = res[count + u]!;
    if (single) return res[0];
    if (total !== count) res.length = count;
    return res;
  };
  // a separate wrapper, so functions that are not profiled pay nothing for it
  const f = (observe ? function (this: unknown, ...args: unknown[]): unknown {
    const t0 = performance.now();
    try {
      return call.apply(this, args);
    } finally {
      observe((performance.now() - t0) / 1000);
    }
  } : call) as HypatiaFunction;

  describeFunction(f, program, shared, applyUpdates);
  (f as { copy: HypatiaFunction['copy'] }).copy = (options: CopyOptions = {}) =>
    makeFunction(program, swapShared(shared, options), run, applyUpdates && !options.deleteUpdates, observe);
  return f;
}

/** The properties every backend's compiled function carries, read-only as on the CPU path. */
export function describeFunction(f: object, program: Program, shared: readonly SharedContainer[], applyUpdates: boolean): void {
  Object.defineProperty(f, 'name', { value: program.name || 'hypatiaFunction' });
  Object.defineProperty(f, 'program', { value: program });
  Object.defineProperty(f, 'shared', { value: shared });
  Object.defineProperty(f, 'appliesUpdates', { value: applyUpdates });
}

/** The shared containers of a copy: `options.swap` applied to `shared`, each pair checked first. */
export function swapShared(shared: readonly SharedContainer[], options: CopyOptions): SharedContainer[] {
  const pairs = options.swap instanceof Map ? [...options.swap.entries()] : options.swap ?? [];
  const map = new Map<SharedContainer, SharedContainer>();
  for (const [from, to] of pairs) {
    const a = containerOf(from), b = containerOf(to);
    if (!a || !b) throw new TypeError('copy: swap maps shared variables to shared variables');
    if (!shared.includes(a)) throw new TypeError(`copy: shared variable '${a.name}' is not used by this function`);
    if (a.dtype !== b.dtype || a.ndim !== b.ndim) {
      throw new TypeError(`copy: cannot swap '${a.name}' (${a.dtype}, ${a.ndim}-d) for '${b.name}' (${b.dtype}, ${b.ndim}-d): types differ`);
    }
    map.set(a, b);
  }
  return shared.map((c) => map.get(c) ?? c);
}
