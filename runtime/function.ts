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
  copy(options?: CopyOptions): HypatiaFunction;
}

const isKeywords = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !isTypedArray(v);

const containerOf = (v: unknown): SharedContainer | null =>
  v instanceof SharedContainer ? v : v && typeof v === 'object' && (v as { container?: unknown }).container instanceof SharedContainer ? (v as { container: SharedContainer }).container : null;

export function makeFunction(program: Program, shared: readonly SharedContainer[], run: RunFn, applyUpdates = true): HypatiaFunction {
  checkProgram(program);
  const nIn = program.inputs.length;
  const defaults = program.inputs.map((s) => (s.default ? decodeArray(s.default) : undefined));
  const names = new Map<string, number>();
  program.inputs.forEach((s, i) => { if (s.name) names.set(s.name, i); });
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];
  const fname = program.name ? `function '${program.name}'` : 'function';

  const f = function (this: unknown, ...args: unknown[]): unknown {
    let kw: Record<string, unknown> | null = null;
    if (args.length > 0 && isKeywords(args[args.length - 1])) kw = args.pop() as Record<string, unknown>;
    if (args.length > nIn) throw new TypeError(`${fname}: expected at most ${nIn} positional argument${nIn === 1 ? '' : 's'}, got ${args.length}`);
    const vals: NDArray[] = new Array(nIn);
    const given: unknown[] = args.slice();
    if (kw) {
      for (const key of Object.keys(kw)) {
        const i = names.get(key);
        if (i === undefined) {
          const known = [...names.keys()].map((n) => `'${n}'`).join(', ') || 'none';
          throw new TypeError(`${fname}: unknown keyword argument '${key}' (inputs by name: ${known})`);
        }
        if (i < args.length) throw new TypeError(`${fname}: ${inputLabel(program.inputs[i]!, i)} given both positionally and as keyword '${key}'`);
        given[i] = kw[key];
      }
    }
    for (let i = 0; i < nIn; i++) {
      const spec = program.inputs[i]!;
      const v = given[i];
      if (v === undefined) {
        const d = defaults[i];
        if (!d) throw new TypeError(`${fname}: missing argument for ${inputLabel(spec, i)}`);
        vals[i] = d;
      } else {
        vals[i] = coerceInput(v, spec, i, program.allowInputDowncast);
      }
    }
    const state = shared.map((c) => c.value);
    const res = run(vals, state);
    // all values were computed from pre-call state; now replace shared values together
    const seen = new Set<unknown>();
    for (const a of vals) seen.add(a.data);
    for (const a of state) seen.add(a.data);
    const outs = res.slice(0, count).map((o) => {
      const fresh = seen.has(o.data) ? o.copy() : o;
      seen.add(fresh.data);
      return fresh;
    });
    for (let u = 0; u < updates.length; u++) {
      const v = res[count + u]!;
      const c = shared[updates[u]!]!;
      c.value = seen.has(v.data) && v !== c.value ? v.copy() : v;
      seen.add(c.value.data);
    }
    return kind === 'single' ? outs[0] : outs;
  } as HypatiaFunction;

  Object.defineProperty(f, 'name', { value: program.name || 'hypatiaFunction' });
  Object.defineProperty(f, 'program', { value: program });
  Object.defineProperty(f, 'shared', { value: shared });
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
    return makeFunction(program, shared.map((c) => map.get(c) ?? c), run, applyUpdates && !options.deleteUpdates);
  };
  return f;
}
