// A `['webgpu', 'cpu']` build: the graph module is evaluated once per backend, and each function
// compiled for WebGPU gets its CPU twin from the second evaluation. Pairing goes by position (the
// describer walks exports in a fixed order), so both evaluations must build the same things;
// anything that differs in shape is a build error rather than a twin computing something else.
import type { Description, Value } from './description.ts';

export type Paired = { ok: true; description: Description } | { ok: false; why: string };

/**
 * `primary` (evaluated for WebGPU) keeps its state, data and programs; functions that carry
 * WebGPU code gain `fallback`, the index of the twin's CPU program appended to `programs`.
 * A function that names its backend (the same program kind in both) gets no twin.
 */
export function pairFallback(primary: Description, twin: Description): Paired {
  const why = sameShape(primary, twin);
  if (why) return { ok: false, why };
  const programs = [...primary.programs];
  const added = new Map<number, number>();
  const functions = primary.functions.map((given, i) => {
    const t = twin.functions[i]!;
    // a WebGPU function may not say whether it was copied with deleteUpdates; its CPU twin does
    const f = t.appliesUpdates === false ? { ...given, appliesUpdates: false as const } : given;
    const mine = primary.programs[f.program]!, other = twin.programs[t.program]!;
    if (!mine.webgpu || !other.cpu || other.webgpu) return f;
    let index = added.get(t.program);
    if (index === undefined) {
      index = programs.push(other) - 1;
      added.set(t.program, index);
    }
    return { ...f, fallback: index };
  });
  return { ok: true, description: { ...primary, programs, functions } };
}

/** Where the two evaluations built different things, or null. */
function sameShape(a: Description, b: Description): string | null {
  if (a.shared.length !== b.shared.length) return `${a.shared.length} shared variables for WebGPU, ${b.shared.length} for the CPU`;
  for (let i = 0; i < a.shared.length; i++) {
    const x = a.shared[i]!, y = b.shared[i]!;
    if (x.name !== y.name || x.value.dtype !== y.value.dtype || x.value.shape.join() !== y.value.shape.join()) {
      return `shared variable ${i} is '${x.name}' (${x.value.dtype}, shape ${x.value.shape.join('x')}) for WebGPU but '${y.name}' (${y.value.dtype}, shape ${y.value.shape.join('x')}) for the CPU`;
    }
  }
  if (a.functions.length !== b.functions.length) return `${a.functions.length} compiled functions for WebGPU, ${b.functions.length} for the CPU`;
  for (let i = 0; i < a.functions.length; i++) {
    const f = a.functions[i]!, g = b.functions[i]!;
    const p = a.programs[f.program]!, q = b.programs[g.program]!;
    if (f.shared.join() !== g.shared.join() || !sameSignature(p, q)) {
      return `function ${i}${p.name ? ` ('${p.name}')` : ''} has other inputs, outputs, updates or state for WebGPU than for the CPU`;
    }
  }
  if (a.exports.length !== b.exports.length) return 'the exports differ';
  for (let i = 0; i < a.exports.length; i++) {
    const [name, v] = a.exports[i]!, [other, w] = b.exports[i]!;
    if (name !== other) return `export '${name}' for WebGPU is '${other}' for the CPU`;
    const where = sameValue(v, w, name);
    if (where) return `export '${where}' differs`;
  }
  return null;
}

type Signature = Pick<Description['programs'][number], 'inputs' | 'shared' | 'outputs' | 'updates'>;

function sameSignature(p: Signature, q: Signature): boolean {
  const sig = (x: Signature) => JSON.stringify([x.inputs.map((i) => [i.name, i.dtype, i.ndim, i.default]), x.shared, x.outputs, x.updates]);
  return sig(p) === sig(q);
}

/** The path where two described values differ in kind or in what they refer to; data values may differ. */
function sameValue(v: Value, w: Value, path: string): string | null {
  if (v.kind !== w.kind) return path;
  switch (v.kind) {
    case 'function': case 'shared': return v.index === (w as typeof v).index ? null : path;
    case 'random-streams': return v.rngs.join() === (w as typeof v).rngs.join() ? null : path;
    case 'array': {
      const items = (w as typeof v).items;
      if (items.length !== v.items.length) return path;
      for (let i = 0; i < items.length; i++) {
        const d = sameValue(v.items[i]!, items[i]!, `${path}[${i}]`);
        if (d) return d;
      }
      return null;
    }
    case 'object': {
      const entries = (w as typeof v).entries;
      if (entries.length !== v.entries.length) return path;
      for (let i = 0; i < entries.length; i++) {
        if (entries[i]![0] !== v.entries[i]![0]) return `${path}.${v.entries[i]![0]}`;
        const d = sameValue(v.entries[i]![1], entries[i]![1], `${path}.${v.entries[i]![0]}`);
        if (d) return d;
      }
      return null;
    }
    default: return null;
  }
}
