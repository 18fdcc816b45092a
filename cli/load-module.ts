// Importing the module a command names. The launcher has registered tsx, so graph modules
// (`*.graph.ts`) and any other TypeScript or JavaScript module load the same way.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export class CliError extends Error {}

export async function loadModule(path: string): Promise<Record<string, unknown>> {
  const file = resolve(process.cwd(), path);
  if (!existsSync(file)) throw new CliError(`no such module: ${path} (looked for ${file})`);
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
