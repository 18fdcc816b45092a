// A compiled GPU.js function: the same arguments and semantics as a CPU one; a call returns a
// Promise (GPU.js loads on first use), shared values stay on the GPU.js side between calls.
import { NDArray, isTypedArray } from '../ndarray.ts';
import { SharedContainer } from '../shared.ts';
import { type Program, checkProgram, decodeArray } from '../program.ts';
import { coerceInput, inputLabel } from '../inputs.ts';
import type { CopyOptions, HypatiaFunction } from '../function.ts';
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

const isKeywords = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !isTypedArray(v);

const containerOf = (v: unknown): SharedContainer | null =>
  v instanceof SharedContainer ? v : v && typeof v === 'object' && (v as { container?: unknown }).container instanceof SharedContainer ? (v as { container: SharedContainer }).container : null;

/** Positional and keyword arguments to one array per input, with defaults (as the CPU path). */
function bindArgs(program: Program, defaults: readonly (NDArray | undefined)[], fname: string, args: readonly unknown[]): NDArray[] {
  const nIn = program.inputs.length;
  let n = args.length;
  let kw: Record<string, unknown> | null = null;
  if (n > 0 && isKeywords(args[n - 1])) {
    kw = args[n - 1] as Record<string, unknown>;
    n--;
    const known = program.inputs.map((s) => s.name).filter((s): s is string => s !== null);
    for (const key of Object.keys(kw)) {
      if (!known.includes(key)) throw new TypeError(`${fname}: unknown keyword argument '${key}' (inputs by name: ${known.map((k) => `'${k}'`).join(', ') || 'none'})`);
    }
  }
  if (n > nIn) throw new TypeError(`${fname}: expected at most ${nIn} positional argument${nIn === 1 ? '' : 's'}, got ${n}`);
  return program.inputs.map((spec, i) => {
    let v = i < n ? args[i] : undefined;
    if (kw !== null && spec.name !== null && spec.name in kw) {
      if (i < n) throw new TypeError(`${fname}: ${inputLabel(spec, i)} given both positionally and as keyword '${spec.name}'`);
      v = kw[spec.name];
    }
    if (v !== undefined) return coerceInput(v, spec, i, program.allowInputDowncast);
    const d = defaults[i];
    if (!d) throw new TypeError(`${fname}: missing argument for ${inputLabel(spec, i)}`);
    return d;
  });
}

export function makeGpuJsFunction(program: Program, shared: readonly SharedContainer[], executor: Executor, applyUpdates = true): GpuJsFunction {
  checkProgram(program);
  const defaults = program.inputs.map((s) => (s.default ? decodeArray(s.default) : undefined));
  const fname = program.name ? `function '${program.name}'` : 'function';
  const { count, kind } = program.outputs;
  const updates = applyUpdates ? program.updates : [];

  const f = async function (...args: unknown[]): Promise<unknown> {
    const vals = bindArgs(program, defaults, fname, args);
    const outs = await executor.call(vals, shared, updates, count);
    return kind === 'single' ? outs[0] : outs;
  } as GpuJsFunction;

  Object.defineProperty(f, 'name', { value: program.name || 'hypatiaFunction' });
  Object.defineProperty(f, 'program', { value: program });
  Object.defineProperty(f, 'shared', { value: shared });
  Object.defineProperty(f, 'appliesUpdates', { value: applyUpdates });
  f.ready = () => executor.ready();
  f.stats = () => {
    const d = executor.deviceIfReady;
    return { mode: d?.mode ?? null, launches: executor.launches, buildMs: d?.buildMs ?? 0, precompiled: d?.precompiled ?? false };
  };
  f.copy = (options: CopyOptions = {}) => {
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
    return makeGpuJsFunction(program, shared.map((c) => map.get(c) ?? c), executor, applyUpdates && !options.deleteUpdates);
  };
  return f;
}
