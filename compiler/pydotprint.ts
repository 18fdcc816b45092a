// T.pydotprint: a graph, or a compiled function's kernels, as a Graphviz picture. DOT text needs
// nothing; SVG needs the optional package @viz-js/viz (Graphviz compiled to WebAssembly), loaded
// only when asked for, so a program that never draws never loads it.
import { Variable } from './graph.ts';
import { compiledOf } from './function.ts';
import { graphScene, kernelScene } from './dot/graph-scene.ts';
import { renderDot } from './dot/render.ts';

export interface PydotprintOptions {
  /**
   * Where to write. With format 'dot' the DOT text goes to this path as given; with 'svg' the
   * extension (.dot or .svg) is dropped and both `NAME.dot` and `NAME.svg` are written.
   */
  file?: string;
  /** 'dot' (default) returns the DOT text; 'svg' returns a Promise of the rendered SVG. */
  format?: 'dot' | 'svg';
  /** The graph's name inside the DOT text. */
  name?: string;
}

type Drawable = Variable | readonly Variable[] | ((...args: never[]) => unknown);

/** The DOT text for a variable, a list of variables, or a compiled function (its kernels). */
export function pydotprint(target: Drawable, options: PydotprintOptions & { format: 'svg' }): Promise<string>;
export function pydotprint(target: Drawable, options?: PydotprintOptions & { format?: 'dot' }): string;
export function pydotprint(target: Drawable, options: PydotprintOptions = {}): string | Promise<string> {
  const dot = toDot(target, options.name);
  if (options.format === 'svg') {
    const base = options.file?.replace(/\.(dot|svg)$/, '');
    if (base !== undefined) writeText(`${base}.dot`, dot);
    return renderSvg(dot).then((svg) => {
      if (base !== undefined) writeText(`${base}.svg`, svg);
      return svg;
    });
  }
  if (options.file?.endsWith('.svg')) {
    throw new TypeError(`pydotprint: '${options.file}' names an SVG file; pass format: 'svg' (which returns a Promise of the SVG)`);
  }
  if (options.file !== undefined) writeText(options.file, dot);
  return dot;
}

function toDot(target: Drawable, name: string | undefined): string {
  if (typeof target === 'function') {
    const info = compiledOf(target);
    if (!info) throw new TypeError('pydotprint: expected a variable, a list of variables or a function compiled with T.fn; got a plain JS function');
    return renderDot(kernelScene(info), name ?? ((target as { program?: { name?: string } }).program?.name || 'compiled'));
  }
  const outputs = Array.isArray(target) ? target : [target];
  outputs.forEach((v, i) => {
    if (!(v instanceof Variable)) throw new TypeError(`pydotprint: item ${i} is not a variable`);
  });
  return renderDot(graphScene(outputs as Variable[]), name ?? 'graph');
}

interface Graphviz { renderString(dot: string, options: { format: 'svg' }): string }
let graphviz: Promise<Graphviz> | undefined;

/** Renders DOT text to SVG with Graphviz compiled to WebAssembly (the optional @viz-js/viz). */
export function renderSvg(dot: string): Promise<string> {
  graphviz ??= loadGraphviz();
  return graphviz.then((g) => g.renderString(dot, { format: 'svg' }));
}

async function loadGraphviz(): Promise<Graphviz> {
  // a computed specifier keeps bundlers and type checkers from requiring the optional package
  const specifier = ['@viz-js', 'viz'].join('/');
  try {
    const mod = (await import(specifier)) as { instance(): Promise<Graphviz> };
    return await mod.instance();
  } catch (cause) {
    graphviz = undefined;
    throw new Error('pydotprint: SVG needs the optional package @viz-js/viz (npm install @viz-js/viz); ' +
      'without it, pydotprint returns DOT text for any Graphviz to render', { cause });
  }
}

/** Writes through Node's fs when there is one; this module also loads in browsers, where there is none. */
function writeText(path: string, text: string): void {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  if (!fs) throw new Error(`pydotprint: cannot write '${path}' here (no file system); use the returned text instead`);
  fs.writeFileSync(path, text);
}
