// Call arguments to one array per program input: positional, keyword, defaults and coercion,
// shared by every backend so that a call binds the same way wherever it runs.
import { NDArray, isTypedArray } from './ndarray.ts';
import { type Program, decodeArray } from './program.ts';
import { coerceInput, inputLabel } from './inputs.ts';

/** Binds one call's arguments; the result is a fresh array the caller may keep. */
export type BindArgs = (args: readonly unknown[]) => NDArray[];

const isKeywords = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof NDArray) && !isTypedArray(v);

/** How errors name the function: `function 'name'`, or `function` for an unnamed one. */
export const functionLabel = (program: Program): string => (program.name ? `function '${program.name}'` : 'function');

export function makeArgBinder(program: Program): BindArgs {
  const inputs = program.inputs;
  const nIn = inputs.length;
  const allowDowncast = program.allowInputDowncast;
  const fname = functionLabel(program);
  // decoded once: every call that omits the input shares the same default array
  const defaults = inputs.map((s) => (s.default ? decodeArray(s.default) : undefined));
  const names = new Map<string, number>();
  inputs.forEach((s, i) => { if (s.name) names.set(s.name, i); });

  function checkKeywords(kw: Record<string, unknown>): void {
    for (const key of Object.keys(kw)) {
      if (!names.has(key)) {
        const known = [...names.keys()].map((k) => `'${k}'`).join(', ') || 'none';
        throw new TypeError(`${fname}: unknown keyword argument '${key}' (inputs by name: ${known})`);
      }
    }
  }
  function keyword(kw: Record<string, unknown>, i: number, n: number, positional: unknown): unknown {
    const spec = inputs[i]!;
    if (spec.name === null || !(spec.name in kw)) return positional;
    if (i < n) throw new TypeError(`${fname}: ${inputLabel(spec, i)} given both positionally and as keyword '${spec.name}'`);
    return kw[spec.name];
  }

  function tooMany(n: number): never {
    throw new TypeError(`${fname}: expected at most ${nIn} positional argument${nIn === 1 ? '' : 's'}, got ${n}`);
  }
  function missing(i: number): never {
    throw new TypeError(`${fname}: missing argument for ${inputLabel(inputs[i]!, i)}`);
  }

  // this is the CPU path's per-call hot path: keyword handling and error messages stay out of
  // line so the loop is small enough for V8 to inline into the caller
  return function bindArgs(args) {
    let n = args.length;
    let kw: Record<string, unknown> | null = null;
    if (n > 0 && isKeywords(args[n - 1])) { kw = args[n - 1] as Record<string, unknown>; n--; checkKeywords(kw); }
    if (n > nIn) tooMany(n);
    const vals: NDArray[] = new Array(nIn);
    for (let i = 0; i < nIn; i++) {
      let v = i < n ? args[i] : undefined;
      if (kw !== null) v = keyword(kw, i, n, v);
      if (v === undefined) vals[i] = defaults[i] ?? missing(i);
      else vals[i] = coerceInput(v, inputs[i]!, i, allowDowncast);
    }
    return vals;
  };
}
