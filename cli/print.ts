// `hypatia print <module>`: T.debugprint (and T.pydotprint with --dot) for every compiled
// function and symbolic variable the module exports.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { compiledOf } from '../compiler/function.ts';
import { Variable, SharedVariable } from '../compiler/graph.ts';
import { debugprint } from '../compiler/printing.ts';
import { pydotprint } from '../compiler/pydotprint.ts';
import { CliError, loadModule } from './load-module.ts';

export interface PrintOptions {
  /** Write DOT here; with several exports, each gets `NAME.EXPORT.dot`. */
  dot?: string;
  /** Also render SVG next to each DOT file. */
  svg?: boolean;
  /** Only these exports. */
  only?: string[];
  /** For compiled functions, also print the graph as written, before rewrites. */
  before?: boolean;
}

type Printable = { name: string; what: 'compiled function' | 'shared variable' | 'variable'; value: Variable | ((...a: never[]) => unknown) };

export function printables(namespace: Record<string, unknown>): Printable[] {
  const out: Printable[] = [];
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value === 'function' && compiledOf(value)) out.push({ name, what: 'compiled function', value: value as Printable['value'] });
    else if (value instanceof SharedVariable) out.push({ name, what: 'shared variable', value });
    else if (value instanceof Variable) out.push({ name, what: 'variable', value });
  }
  return out;
}

/** `graphs.dot` with several exports becomes `graphs.train.dot`, `graphs.predict.dot`, ... */
export function dotPathFor(file: string, exportName: string, several: boolean): string {
  if (!several) return file;
  const m = /^(.*?)(\.dot|\.svg)?$/.exec(file)!;
  return `${m[1]}.${exportName}${m[2] ?? '.dot'}`;
}

export async function printModule(path: string, options: PrintOptions, log: (line: string) => void): Promise<void> {
  const all = printables(await loadModule(path));
  const unknown = (options.only ?? []).filter((n) => !all.some((p) => p.name === n));
  if (unknown.length) throw new CliError(`${path} has no printable export named ${unknown.map((n) => `'${n}'`).join(', ')} (printable: ${all.map((p) => p.name).join(', ') || 'none'})`);
  const chosen = options.only ? all.filter((p) => options.only!.includes(p.name)) : all;
  if (chosen.length === 0) throw new CliError(`${path} exports no compiled function or variable to print`);

  for (const p of chosen) {
    log(`== ${p.name} (${p.what}) ==`);
    const info = typeof p.value === 'function' ? compiledOf(p.value) : undefined;
    if (info && options.before) {
      log('-- as written --');
      log(debugprint(info.original));
      log('-- compiled --');
    }
    log(debugprint(p.value));
    if (options.dot !== undefined) {
      const file = dotPathFor(options.dot, p.name, chosen.length > 1);
      mkdirSync(dirname(file), { recursive: true });
      if (options.svg) await pydotprint(p.value, { file, format: 'svg', name: p.name });
      else pydotprint(p.value, { file, name: p.name });
      log(`(drawn to ${options.svg ? file.replace(/\.(dot|svg)$/, '') + '.{dot,svg}' : file})`);
    }
    log('');
  }
}
