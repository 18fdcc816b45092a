// One graph module through the plugin: evaluate it, emit its replacement, or say why not.
import { basename, dirname, relative } from 'node:path';
import type { OnLoadResult, PartialMessage, PluginBuild } from 'esbuild';
import { emitModule } from '../compiler/build/emit.ts';
import { pairFallback } from '../compiler/build/fallback.ts';
import type { Description } from '../compiler/build/description.ts';
import type { ContentCache } from './cache.ts';
import { failureMessages, problemMessages } from './diagnostics.ts';
import { evaluateGraphModule } from './evaluate.ts';
import type { Settings } from './options.ts';

export const GRAPH_MODULE = /\.graph\.ts$/;

export interface PluginContext {
  esbuild: PluginBuild['esbuild'];
  settings: Settings;
  cache: ContentCache<OnLoadResult>;
  workingDir: string;
}

export async function loadGraphModule(file: string, ctx: PluginContext): Promise<OnLoadResult> {
  const cached = await ctx.cache.get(file, ctx.settings.key);
  if (cached) return cached;
  const result = await build(file, ctx);
  // a failure may hang on something no watched file shows (a data file read with fs), so it
  // is evaluated again next time rather than remembered
  if (!result.errors?.length) await ctx.cache.set(file, ctx.settings.key, result.watchFiles ?? [file], result);
  return result;
}

async function build(file: string, ctx: PluginContext): Promise<OnLoadResult> {
  const warnings: PartialMessage[] = ctx.settings.warnings.map((text) => ({ text }));
  if (ctx.settings.backends.length === 0) return { errors: warnings, watchFiles: [file] };

  const { flags, fallbackFlags } = ctx.settings;
  const evaluation = await evaluateGraphModule(file, { esbuild: ctx.esbuild, workingDir: ctx.workingDir, flags: fallbackFlags ? [flags, fallbackFlags] : [flags] });
  const watchFiles = evaluation.inputs;
  if (!evaluation.ok) return { errors: evaluation.errors, warnings, watchFiles };

  const nested = watchFiles.filter((f) => f !== file && GRAPH_MODULE.test(f));
  if (nested.length) {
    // each graph module's replacement holds its own copy of the state its functions use, so a
    // shared variable imported from another graph module would silently become a second copy
    return {
      errors: [{
        text: `graph module ${basename(file)} imports other graph modules (${nested.map((f) => relative(ctx.workingDir, f)).join(', ')})`,
        notes: [{ text: 'each graph module is compiled on its own, with its own copy of the state it uses: keep functions that share state in one graph module' }],
      }],
      warnings, watchFiles,
    };
  }
  const descriptions: Description[] = [];
  for (const report of evaluation.reports) {
    if (report.ok) {
      descriptions.push(report.description);
      continue;
    }
    const errors = await failureMessages(report.error, { graphFile: file, inputs: watchFiles, stack: evaluation.stack.map(report.error.stack), workingDir: ctx.workingDir });
    if (descriptions.length > 0) errors.forEach((e) => (e.notes ??= []).push({ text: 'this failure happened while evaluating the graph module for the CPU fallback (T.config.device = \'cpu\')' }));
    return { errors, warnings, watchFiles };
  }
  let description = descriptions[0]!;
  if (descriptions.length > 1) {
    const paired = pairFallback(description, descriptions[1]!);
    if (!paired.ok) {
      return {
        errors: [{
          text: `graph module ${basename(file)} built different graphs for WebGPU and for its CPU fallback: ${paired.why}`,
          notes: [{ text: "a build for ['webgpu', 'cpu'] evaluates the graph module once per backend and pairs what each built; make what it builds independent of T.config.device and of chance (seed your random draws)" }],
        }],
        warnings, watchFiles,
      };
    }
    description = paired.description;
  }
  const emitted = emitModule(description, { runtime: 'hypatia/runtime', backends: ctx.settings.backends, sourceName: basename(file) });
  if (emitted.problems.length) return { errors: await problemMessages(emitted.problems, file, ctx.workingDir), warnings, watchFiles };
  return { contents: emitted.code, loader: 'js', resolveDir: dirname(file), warnings, watchFiles };
}
