// `hypatia build <module>`: compile a graph module to the module the esbuild plugin would put in
// its place, without esbuild: the module is imported here (through tsx), described, and emitted
// by the same build-time compiler (compiler/build/) the plugin uses.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describeModule } from '../compiler/build/describe.ts';
import { emitModule } from '../compiler/build/emit.ts';
import { CliError, loadModule } from './load-module.ts';

export interface BuildOptions {
  out?: string;
  /** Where the generated module imports the runtime from. */
  runtime?: string;
}

export async function buildModule(path: string, options: BuildOptions, log: (line: string) => void): Promise<void> {
  const description = describeModule(await loadModule(path));
  const { code, problems } = emitModule(description, { runtime: options.runtime ?? 'hypatia/runtime', backends: ['cpu'], sourceName: basename(path) });
  if (problems.length) {
    const list = problems.map((p) => `  export '${p.path}' is ${p.what}`).join('\n');
    throw new CliError(`cannot build ${path}:\n${list}\n(a graph module may export compiled functions, shared variables, arrays and plain data)`);
  }
  if (options.out === undefined) { log(code); return; }
  writeFileSync(options.out, code);
  log(`wrote ${options.out}`);
}
