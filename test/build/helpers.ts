// Building and running bundles in tests: esbuild's JS API with the plugin, then a fresh Node.
import { execFile } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { hypatia, type HypatiaPluginOptions } from '../../esbuild-plugin/index.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export interface BundleOptions extends Omit<esbuild.BuildOptions, 'plugins'> {
  /** Plugin options; `false` builds without the plugin (the JIT path). */
  hypatia?: HypatiaPluginOptions | false;
}

/** Bundles an entry for Node (or the browser) and returns esbuild's result; never writes. */
export async function bundle(entry: string, options: BundleOptions = {}): Promise<esbuild.BuildResult & { text: string }> {
  const { hypatia: pluginOptions = {}, ...rest } = options;
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, logLevel: 'silent', absWorkingDir: ROOT,
    plugins: pluginOptions === false ? [] : [hypatia(pluginOptions)], ...rest,
  });
  return { ...result, text: result.outputFiles?.[0]?.text ?? '' };
}

/** The errors of a build that must fail. */
export async function buildErrors(entry: string, options: BundleOptions = {}): Promise<esbuild.Message[]> {
  try {
    await bundle(entry, options);
  } catch (e) {
    const errors = (e as { errors?: esbuild.Message[] }).errors;
    if (errors) return errors;
    throw e;
  }
  throw new Error(`expected the build of ${entry} to fail`);
}

export const tempDir = (tag = 'hypatia-test-') => mkdtempSync(join(tmpdir(), tag));

/**
 * Runs bundle text in a fresh Node process; resolves with its stdout. `env` replaces variables
 * of this process's environment (undefined removes one).
 */
export async function runInNode(text: string, args: string[] = [], env: Record<string, string | undefined> = {}): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'bundle.mjs');
  writeFileSync(file, text);
  // the WebGPU runtime imports Dawn ('webgpu') at run time, resolved from the bundle's folder
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const merged = { ...process.env, ...env };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  const { stdout } = await promisify(execFile)(process.execPath, [file, ...args], { maxBuffer: 64 << 20, env: merged });
  return stdout;
}
