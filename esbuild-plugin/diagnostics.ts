// Evaluation failures as esbuild messages: a template error at its file, line and column inside
// the template; any other throw at the user's line that raised it, with the mapped stack.
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PartialMessage } from 'esbuild';
import type { EvalFailure } from '../compiler/build/description.ts';
import type { Problem } from '../compiler/build/emit.ts';
import type { Frame, MappedStack } from './stack.ts';
import { findTemplate } from './templates.ts';
import { locationAt, offsetOf } from './location.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OWN = ['compiler', 'runtime', 'esbuild-plugin'].map((d) => join(ROOT, d) + sep);

/** The user's own files: not hypatia's sources, not installed packages. */
export const isUserFile = (f: string) => !OWN.some((d) => f.startsWith(d)) && !f.includes(`${sep}node_modules${sep}`);

export interface FailureContext {
  graphFile: string;
  /** Files the graph module depends on (the evaluation bundle's inputs). */
  inputs: readonly string[];
  stack: MappedStack;
  workingDir: string;
}

const read = (f: string) => readFile(f, 'utf8').catch(() => null);

export async function failureMessages(failure: EvalFailure, ctx: FailureContext): Promise<PartialMessage[]> {
  const userFrames = ctx.stack.frames.filter((f) => isUserFile(f.file));
  if (failure.template) {
    const candidates = [...new Set([...userFrames.map((f) => f.file), ctx.graphFile, ...ctx.inputs.filter(isUserFile)])];
    const files = (await Promise.all(candidates.map(async (file) => ({ file, text: await read(file) }))))
      .filter((f): f is { file: string; text: string } => f.text !== null);
    const hit = await findTemplate(files, failure.template, userFrames);
    if (hit) {
      const text = files.find((f) => f.file === hit.file)!.text;
      return [{ text: failure.template.detail, location: locationAt(hit.file, text, hit.start, hit.length, ctx.workingDir) }];
    }
  }
  const where = userFrames.find((f) => f.file === ctx.graphFile) ?? userFrames[0];
  return [{
    text: `${failure.name}: ${failure.message}`,
    location: where ? await frameLocation(where, ctx.workingDir) : null,
    notes: [{ text: `thrown while hypatia evaluated ${relative(ctx.workingDir, ctx.graphFile)} at build time:\n${ctx.stack.text}` }],
  }];
}

async function frameLocation(f: Frame, workingDir: string): Promise<PartialMessage['location']> {
  const text = await read(f.file);
  if (text === null) return { file: f.file, line: f.line, column: f.column - 1 };
  return locationAt(f.file, text, offsetOf(text, f.line, f.column), 0, workingDir);
}

/** Exports a bundle cannot carry, each at its export in the graph module when ts-morph finds it. */
export async function problemMessages(problems: readonly Problem[], graphFile: string, workingDir: string): Promise<PartialMessage[]> {
  const text = (await read(graphFile)) ?? '';
  const { Project, Node } = await import('ts-morph');
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true });
  const exported = project.createSourceFile('graph-module.ts', text).getExportedDeclarations();
  return problems.map((p) => {
    const declaration = exported.get(p.exportName)?.[0];
    const node = declaration && Node.hasName(declaration) ? declaration.getNameNode() : declaration;
    return {
      text: `export '${p.path}' is ${p.what}`,
      location: locationAt(graphFile, text, node?.getStart() ?? 0, node?.getWidth() ?? 0, workingDir),
      notes: [{ text: 'a graph module may export compiled functions (T.fn), shared variables, arrays and plain data, also inside plain objects and arrays; move anything else to an ordinary module that imports this one' }],
    };
  });
}
