// A compiled function: argument handling, the run, and Theano's update semantics.
import { NDArray, isTypedArray } from './ndarray.ts';
import { SharedContainer } from './shared.ts';
import { type Program, checkProgram, decodeArray } from './program.ts';
import { coerceInput, inputLabel } from './inputs.ts';

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

const isKeywords = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !isTypedArray(v);

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
  const nIn = program.inputs.length;
  const defaults = program.inputs.map((s) => (s.default ? decodeArray(s.default) : undefined));
  const names = new Map<string, number>();
  program.inputs.forEach((s, i) => { if (s.name) names.set(s.name, i); });
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];
  const fname = program.name ? `function '${program.name}'` : 'function';

  const noShared: NDArray[] = [];
  const single = kind === 'single';

  const call = function (this: unknown, ...args: unknown[]): unknown {
    let n = args.length;
    let kw: Record<string, unknown> | null = null;
    if (n > 0 && isKeywords(args[n - 1])) { kw = args[n - 1] as Record<string, unknown>; n--; checkKeywords(kw); }
    if (n > nIn) throw new TypeError(`${fname}: expected at most ${nIn} positional argument${nIn === 1 ? '' : 's'}, got ${n}`);
    const vals: NDArray[] = new Array(nIn);
    for (let i = 0; i < nIn; i++) {
      let v = i < n ? args[i] : undefined;
      if (kw !== null) v = keyword(kw, i, n, v);
      const spec = program.inputs[i]!;
      if (v === undefined) {
        const d = defaults[i];
        if (!d) throw new TypeError(`${fname}: missing argument for ${inputLabel(spec, i)}`);
        vals[i] = d;
      } else {
        vals[i] = coerceInput(v, spec, i, program.allowInputDowncast);
      }
    }
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

  function keyword(kw: Record<string, unknown>, i: number, n: number, positional: unknown): unknown {
    const spec = program.inputs[i]!;
    if (spec.name === null || !(spec.name in kw)) return positional;
    if (i < n) throw new TypeError(`${fname}: ${inputLabel(spec, i)} given both positionally and as keyword '${spec.name}'`);
    return kw[spec.name];
  }
  function checkKeywords(kw: Record<string, unknown>): void {
    for (const key of Object.keys(kw)) {
      if (!names.has(key)) {
        const known = [...names.keys()].map((k) => `'${k}'`).join(', ') || 'none';
        throw new TypeError(`${fname}: unknown keyword argument '${key}' (inputs by name: ${known})`);
      }
    }
  }

  Object.defineProperty(f, 'name', { value: program.name || 'hypatiaFunction' });
  Object.defineProperty(f, 'program', { value: program });
  Object.defineProperty(f, 'shared', { value: shared });
  Object.defineProperty(f, 'appliesUpdates', { value: applyUpdates });
  (f as { copy: HypatiaFunction['copy'] }).copy = (options: CopyOptions = {}) => {
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
    return makeFunction(program, shared.map((c) => map.get(c) ?? c), run, applyUpdates && !options.deleteUpdates, observe);
  };
  return f;
}
