// Seed 003, "Functions and automatic differentiation" (grad): the gradient of a ** 2 as a graph,
// drawn before and after compiling, where it becomes 2 * a.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as T from 'hypatia';
import { print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export async function main(options: { outDir?: string } = {}): Promise<void> {
  const outDir = options.outDir ?? join(tmpdir(), 'hypatia-pydotprint');
  mkdirSync(outDir, { recursive: true });
  const a = T.scalar('a');
  const pow = T.tensor`${a} ** 2`;
  const g = T.grad(pow, a);
  show('T.pp(g)', T.pp(g));
  await T.pydotprint(g, { file: join(outDir, 'grad.svg'), format: 'svg' });
  const f = T.fn([a], g);
  print(T.debugprint(f));
  await T.pydotprint(f, { file: join(outDir, 'grad-compiled.svg'), format: 'svg' });
  print(`The graphs are drawn in ${join(outDir, 'grad.svg')} and ${join(outDir, 'grad-compiled.svg')}`);
  show('f(3)', f(3));
}

runIfMain(import.meta.url, () => main());
