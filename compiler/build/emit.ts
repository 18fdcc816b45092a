// The generated module that replaces a graph module in a bundle: shared state, programs as
// data, kernels as real code, and the exports rebuilt on top of hypatia/runtime. Every
// definition is marked pure, so a bundler drops the functions an app never imports.
import type { Program } from '../../runtime/program.ts';
import type { Backend } from '../config.ts';
import type { Description, Value } from './description.ts';
import { exportName, literal, objectLiteral } from './literal.ts';
import { gpujsProgramData } from '../backends/gpujs/emit.ts';

export interface EmitOptions {
  /** Module specifier the generated code imports the runtime from. */
  runtime: string;
  /** Backends to emit code for, in order of preference. */
  backends: readonly Backend[];
  /** For the header comment. */
  sourceName: string;
}

/** A value that cannot go into a bundle, with where it sits in the export (`model.helper`). */
export interface Problem { exportName: string; path: string; what: string }

export interface Emitted { code: string; problems: Problem[] }

const PURE = '/* @__PURE__ */ ';

/** How a backend's programs become code in a generated module. */
interface Runner {
  /** hypatia/runtime exports the code below calls. */
  imports: readonly string[];
  /** The run a program's functions share (referenced as `ref`), or null when it carries no code for this backend. */
  run(program: Program, ref: string): string | null;
  /** A function of program `ref` over its run and the shared containers (`shared`, an array literal). */
  fn(ref: string, run: string, shared: string): string;
  /** The program as data: what is emitted as code is left out. */
  data(program: Program): Program;
}

/** A backend without an entry cannot be emitted yet. */
const RUNNERS: Partial<Record<Backend, Runner>> = {
  cpu: {
    imports: ['cpuRun', 'makeFunction'],
    run: (p, ref) => (p.cpu ? `${PURE}cpuRun(${ref}, ${p.cpu.source})` : null),
    fn: (ref, run, shared) => `${PURE}makeFunction(${ref}, ${shared}, ${run})`,
    data: (p) => {
      if (!p.cpu) return p;
      const { source: _source, ...cpu } = p.cpu;
      return { ...p, cpu: cpu as Program['cpu'] };
    },
  },
  // WGSL kernels stay data (the device compiles them from text, which no CSP governs); host
  // steps, CPU code for shapes and bounds, become real functions
  webgpu: {
    imports: ['webgpuExecutor', 'makeWebGpuFunction'],
    run: (p, ref) => (p.webgpu ? `${PURE}webgpuExecutor(${ref}, [${p.webgpu.host.map((h) => h.source).join(', ')}])` : null),
    fn: (ref, run, shared) => `${PURE}makeWebGpuFunction(${ref}, ${shared}, ${run})`,
    data: (p) => (p.webgpu ? { ...p, webgpu: { ...p.webgpu, host: p.webgpu.host.map(({ source: _source, ...h }) => h as typeof p.webgpu.host[number]) } } : p),
  },
  // GPU.js kernels stay data, with their GLSL translated now: in webgl2 the runtime compiles that
  // without GPU.js, elsewhere GPU.js runs their JavaScript. Host steps become code
  gpujs: {
    imports: ['gpujsExecutor', 'makeGpuJsFunction'],
    run: (p, ref) => (p.gpujs ? `${PURE}gpujsExecutor(${ref}, [${p.gpujs.host.map((h) => h.source).join(', ')}])` : null),
    fn: (ref, run, shared) => `${PURE}makeGpuJsFunction(${ref}, ${shared}, ${run})`,
    data: gpujsProgramData,
  },
};

export const emittableBackends = (): Backend[] => Object.keys(RUNNERS) as Backend[];

/** The program as data: code that is emitted as code is left out of the JSON. */
function programData(p: Program, backends: readonly Backend[]): Program {
  let out = p;
  for (const b of backends) out = RUNNERS[b]?.data(out) ?? out;
  return out;
}

export function emitModule(d: Description, options: EmitOptions): Emitted {
  const problems: Problem[] = [];
  const lines: string[] = [];
  const used = new Set<Runner>();
  const helpers = new Set<string>();
  const helper = (name: string) => { helpers.add(name); return name; };
  d.shared.forEach((s, i) => {
    lines.push(s.randomState
      ? `const S${i} = ${PURE}${helper('randomStateVariable')}(${JSON.stringify(s.name)}, ${literal(s.value)});`
      : `const S${i} = ${PURE}${helper('sharedVariable')}(${JSON.stringify(s.name)}, ${literal(s.value)}, ${literal(s.broadcastable)});`);
  });
  // the first backend in the preference order whose code the program carries runs it
  const runners = d.programs.map((p, i) => {
    lines.push(`const P${i} = ${literal(programData(p, options.backends))};`);
    for (const b of options.backends) {
      const r = RUNNERS[b];
      const run = r?.run(p, `P${i}`);
      if (!r || !run) continue;
      lines.push(`const R${i} = ${run};`);
      used.add(r);
      return r;
    }
    return null;
  });
  d.functions.forEach((f, i) => {
    const shared = `[${f.shared.map((s) => `S${s}`).join(', ')}]`;
    const make = (program: number) => {
      const r = runners[program] ?? RUNNERS.cpu!;
      used.add(r);
      return r.fn(`P${program}`, `R${program}`, shared);
    };
    let fn = make(f.program);
    if (f.fallback !== undefined) fn = `${PURE}${helper('withCpuFallback')}(${fn}, ${make(f.fallback)})`;
    if (f.appliesUpdates === false) fn = `${PURE}${helper('withoutUpdates')}(${fn})`;
    lines.push(`const F${i} = ${fn};`);
  });
  const runnable = runners.map((r) => r !== null);

  const expr = (v: Value, name: string, path: string): string => {
    switch (v.kind) {
      case 'function': {
        if (!runnable[d.functions[v.index]!.program]) problems.push({ exportName: name, path, what: `a compiled function with no code for the backends ${options.backends.map((b) => `'${b}'`).join(', ')}` });
        return `F${v.index}`;
      }
      case 'shared': return `S${v.index}`;
      case 'random-streams': return `${PURE}${helper('randomStreams')}([${v.rngs.map((s) => `S${s}`).join(', ')}])`;
      case 'ndarray': return `${PURE}${helper('decodeArray')}(${literal(v.value)})`;
      case 'typed-array': return `${PURE}${helper('decodeArray')}(${literal(v.value)}).data`;
      case 'primitive': return literal(v.value);
      case 'array': return `[${v.items.map((x, i) => expr(x, name, `${path}[${i}]`)).join(', ')}]`;
      case 'object': return objectLiteral(v.entries.map(([k, x]) => [k, expr(x, name, `${path}.${k}`)]));
      case 'unsupported':
        problems.push({ exportName: name, path, what: v.what });
        return 'undefined';
      default: return v satisfies never;
    }
  };
  const clause = d.exports.map(([name, v], i) => {
    const local = v.kind === 'function' ? `F${v.index}` : v.kind === 'shared' ? `S${v.index}` : `E${i}`;
    if (local === `E${i}`) lines.push(`const E${i} = ${expr(v, name, name)};`);
    else expr(v, name, name);
    return `${local} as ${exportName(name)}`;
  });
  lines.push(`export { ${clause.join(', ')} };`, '');
  const imports = new Set([...helpers, ...[...used].flatMap((r) => r.imports)]);
  lines.unshift(
    `// Generated by hypatia/esbuild from ${options.sourceName}: compiled at build time; edit the graph module, not this.`,
    `import { ${[...imports].sort().join(', ')} } from ${JSON.stringify(options.runtime)};`,
  );
  return { code: lines.join('\n'), problems };
}
