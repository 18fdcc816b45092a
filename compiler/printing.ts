// T.pp (an expression) and T.debugprint (the graph as an indented tree, or a compiled
// function's kernels), in Theano's formats.
import { Constant, type Variable, type Apply } from './graph.ts';
import { SCALAR_OPS, type ScalarOpName } from './ops/scalar.ts';
import type { OpParams, IndexTemplate } from './ops/params.ts';
import { isBroadcastOnly } from './compile/schedule.ts';
import { displayInputs, outputLabels } from './backends/cpu/labels.ts';
import { compiledOf } from './function.ts';
import { innerGraph } from './scan/registry.ts';

function ppIndex(index: readonly IndexTemplate[], dyn: readonly string[]): string {
  const b = (v: unknown) => (v === null ? '' : typeof v === 'number' ? String(v) : dyn[(v as { input: number }).input]!);
  return index.map((e) => {
    switch (e.kind) {
      case 'int': return b(e.at);
      case 'slice': return `${b(e.start)}:${b(e.stop)}${e.step === null ? '' : `:${b(e.step)}`}`;
      case 'array': return dyn[e.input]!;
      case 'newaxis': return 'None';
    }
  }).join(', ');
}

/** Pretty-print the expression that computes `v`, e.g. `(x + y)`. */
export function pp(v: Variable): string {
  const node = v.owner;
  if (!node) return v.toString();
  const args = node.inputs;
  switch (node.op.kind) {
    case 'elemwise': {
      const p = node.op.params as OpParams['elemwise'];
      const def = SCALAR_OPS[p.scalar as ScalarOpName] as { pp?: { infix: string } | { prefix: string } };
      const a = args.map(pp);
      if (p.scalar === 'cast') return `${p.dtype}(${a[0]})`;
      // Theano's pp calls `second` by the user-facing name, as in fill(x ** 2, 1.0)
      if (p.scalar === 'second') return `fill(${a.join(', ')})`;
      if (def.pp && 'infix' in def.pp) return `(${a.join(` ${def.pp.infix} `)})`;
      if (def.pp && 'prefix' in def.pp) return `${def.pp.prefix}${a[0]}`;
      return `${p.scalar}(${a.join(', ')})`;
    }
    case 'dimshuffle': {
      if (isBroadcastOnly(node)) return pp(args[0]!);
      const p = node.op.params as OpParams['dimshuffle'];
      const rev = p.pattern.length === p.inputNdim && p.pattern.every((e, i) => e === p.inputNdim - 1 - i);
      return rev ? `${pp(args[0]!)}.T` : `${pp(args[0]!)}.dimshuffle(${p.pattern.map((e) => (e === 'x' ? "'x'" : e)).join(', ')})`;
    }
    case 'subtensor': {
      const p = node.op.params as OpParams['subtensor'];
      return `${pp(args[0]!)}[${ppIndex(p.index, args.slice(1).map(pp))}]`;
    }
    case 'set_subtensor': {
      const p = node.op.params as OpParams['set_subtensor'];
      return `${node.op.name}(${pp(args[0]!)}[${ppIndex(p.index, args.slice(2).map(pp))}], ${pp(args[1]!)})`;
    }
    case 'shape': return `${pp(args[0]!)}.shape`;
    case 'reduce': {
      const p = node.op.params as OpParams['reduce'];
      const all = p.axes.length === args[0]!.ndim;
      return `${p.op}(${pp(args[0]!)}${all ? '' : `, axis=${p.axes.length === 1 ? p.axes[0] : `[${p.axes.join(', ')}]`}`}${p.keepdims ? ', keepdims=True' : ''})`;
    }
    default:
      return `${node.op.name}(${args.map(pp).join(', ')})`;
  }
}

/** Ids as Theano prints them: A, B, ..., Z, BA, BB, ... */
function idName(n: number): string {
  let s = '';
  do { s = String.fromCharCode(65 + (n % 26)) + s; n = Math.floor(n / 26); } while (n > 0);
  return s;
}

/**
 * The graph under `v` (or the kernels of a compiled function) as Theano's debugprint text:
 * one line per node, children indented with ` |`, shared subtrees printed once.
 */
export function debugprint(target: Variable | Variable[] | object, options: { print?: boolean } = {}): string {
  const lines: string[] = [];
  const ids = new Map<unknown, string>();
  const id = (k: unknown) => {
    let s = ids.get(k);
    if (!s) { s = idName(ids.size); ids.set(k, s); }
    return s;
  };
  const info = typeof target === 'function' ? compiledOf(target) : undefined;
  if (info) {
    // compiled: print the launched kernels, each with its launch index
    const producer = new Map<Variable, { label: string; inputs: Variable[]; index: number }>();
    info.cpu.forEach((s, k) => {
      const inputs = displayInputs(s);
      for (const [v, label] of outputLabels(s)) producer.set(v, { label, inputs, index: k });
    });
    const walk = (v: Variable, depth: string) => {
      const p = producer.get(v);
      if (!p || (isBroadcastOnly(v.owner) && v.owner!.inputs[0] instanceof Constant)) {
        lines.push(`${depth}${v instanceof Constant ? v.toString() : v.toString()} [id ${id(v)}]`);
        return;
      }
      const seen = ids.has(v);
      lines.push(`${depth}${p.label} [id ${id(v)}] '${v.name ?? ''}' ${p.index}`);
      if (seen) return;
      p.inputs.forEach((i) => walk(i, depth + ' |'));
    };
    info.outputs.forEach((o) => walk(o, ''));
    info.updates.forEach(([s, u]) => { lines.push(`${s.name ?? 'shared'} <- update`); walk(u, ' |'); });
  } else {
    const vars = Array.isArray(target) ? target : [target as Variable];
    const loops: Variable[] = [];
    const walk = (v: Variable, depth: string) => {
      const node: Apply | null = v.owner;
      const seen = ids.has(v);
      if (!node) { lines.push(`${depth}${v.toString()} [id ${id(v)}]`); return; }
      lines.push(`${depth}${node.op.label} [id ${id(v)}] '${v.name ?? ''}'`);
      if (seen) return;
      if (node.op.kind === 'scan' && !loops.some((l) => l.owner === node)) loops.push(v);
      node.inputs.forEach((i) => walk(i, depth + ' |'));
    };
    vars.forEach((v) => walk(v, ''));
    // Theano lists each loop's step graph after the graph, its lines marked with '>'
    if (loops.length) lines.push('', 'Inner graphs:');
    for (let k = 0; k < loops.length; k++) {
      const v = loops[k]!;
      lines.push('', `${v.owner!.op.label} [id ${id(v)}] '${v.name ?? ''}'`);
      for (const o of innerGraph((v.owner!.op.params as OpParams['scan']).id).outputs) walk(o, ' >');
    }
  }
  const text = lines.join('\n');
  if (options.print) console.log(text);
  return text;
}
