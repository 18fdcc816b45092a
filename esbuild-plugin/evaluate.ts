// Evaluating a graph module at build time: bundle it for Node with the user's esbuild, run the
// bundle in a worker thread (one per set of flags: a build with a CPU fallback evaluates it for
// each backend), and get back a plain description of its exports. A worker gives
// each evaluation a fresh module graph and config (no stale state across rebuilds, nothing left
// in the build process's module cache) and is stopped once the description arrives.
import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Message, PluginBuild } from 'esbuild';
import { describeError } from '../compiler/build/describe.ts';
import type { EvalReport } from '../compiler/build/description.ts';
import { StackMapper } from './stack.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const ENTRY_NAME = 'hypatia-evaluate.js';

export type Evaluation =
  | { ok: false; errors: Message[]; inputs: string[] }
  | { ok: true; reports: EvalReport[]; inputs: string[]; stack: StackMapper };

export interface EvaluateOptions {
  esbuild: PluginBuild['esbuild'];
  workingDir: string;
  /** HYPATIA_FLAGS of each evaluation (floatX, mode, device from the plugin's options). */
  flags: readonly string[];
}

export async function evaluateGraphModule(file: string, options: EvaluateOptions): Promise<Evaluation> {
  const dir = await evaluationDir(file);
  try {
    const outfile = join(dir, 'graph-module.mjs');
    const url = pathToFileURL(file).href;
    let result;
    try {
      result = await options.esbuild.build({
        stdin: {
          contents: `import { report } from ${JSON.stringify(WORKER)};\nreport(() => import(${JSON.stringify(file)}));\n`,
          resolveDir: dirname(file),
          sourcefile: ENTRY_NAME,
          loader: 'js',
        },
        absWorkingDir: options.workingDir,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        outfile,
        write: false,
        metafile: true,
        sourcemap: 'external',
        sourcesContent: false,
        logLevel: 'silent',
        // The module runs from a temp file; these keep its own idea of where it lives.
        define: {
          'import.meta.url': JSON.stringify(url),
          'import.meta.filename': JSON.stringify(file),
          'import.meta.dirname': JSON.stringify(dirname(file)),
        },
        banner: { js: `import { createRequire as __hypatiaRequire } from 'node:module'; const require = __hypatiaRequire(${JSON.stringify(url)});` },
      });
    } catch (e) {
      const errors = (e as { errors?: Message[] }).errors;
      if (!errors) throw e;
      return { ok: false, errors, inputs: [file] };
    }
    const inputs = Object.keys(result.metafile.inputs)
      .filter((k) => k !== '<stdin>' && !/^[\w-]+:/.test(k))
      .map((k) => resolve(options.workingDir, k));
    const js = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!;
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'))!;
    await writeFile(outfile, js.contents);
    const stack = new StackMapper(map.text, dir, [pathToFileURL(outfile).href, outfile], (f) => f === WORKER || f.endsWith(ENTRY_NAME));
    const reports = await Promise.all(options.flags.map((flags) => runWorker(outfile, flags)));
    return { ok: true, reports, inputs, stack };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A fresh folder for the evaluation bundle, under the nearest node_modules above the graph
 * module when there is one: what the bundle imports at run time by a computed specifier (the
 * WebGPU runtime loads Dawn's 'webgpu' that way, so a graph module may run WebGPU functions at
 * build time) resolves from the bundle's own folder, and there it finds the project's packages.
 */
async function evaluationDir(file: string): Promise<string> {
  for (let d = dirname(file); ; d = dirname(d)) {
    const modules = join(d, 'node_modules');
    if (await stat(modules).then((s) => s.isDirectory(), () => false)) {
      try {
        const cache = join(modules, '.cache');
        await mkdir(cache, { recursive: true });
        // Node names a module by its real path, and the stack mapper looks for the bundle by name
        return await realpath(await mkdtemp(join(cache, 'hypatia-graph-')));
      } catch {
        break; // a read-only node_modules: the system's temp folder still works without such imports
      }
    }
    if (dirname(d) === d) break;
  }
  return realpath(await mkdtemp(join(tmpdir(), 'hypatia-graph-')));
}

function runWorker(file: string, flags: string): Promise<EvalReport> {
  return new Promise((done) => {
    const worker = new Worker(pathToFileURL(file), { env: { ...process.env, HYPATIA_FLAGS: flags } });
    let settled = false;
    const finish = (r: EvalReport) => {
      if (settled) return;
      settled = true;
      // timers or servers the module started must not keep the build alive
      void worker.terminate();
      done(r);
    };
    worker.once('message', (r: EvalReport) => finish(r));
    worker.once('error', (e) => finish({ ok: false, error: describeError(e) }));
    worker.once('exit', (code) => finish({
      ok: false,
      error: { name: 'Error', message: `the graph module stopped (exit code ${code}) before its exports could be read`, stack: '' },
    }));
  });
}
