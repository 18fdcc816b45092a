// Seed 003, "Graphs": the same graph as a variable, pp text, debugprint tree and pydotprint
// picture, before compiling and after (where elementwise chains fuse into one kernel).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as T from 'hypatia';
import { print, show } from '../lib/show.ts';
import { runIfMain } from '../lib/main.ts';

export async function main(options: { outDir?: string } = {}): Promise<void> {
  const outDir = options.outDir ?? join(tmpdir(), 'hypatia-pydotprint');
  mkdirSync(outDir, { recursive: true });
  const before = T.config.floatX;
  try {
    T.config.floatX = 'float32';
    const x = T.matrix('x');
    const y = T.matrix('y');
    let z = T.tensor`${x} + ${y}`;
    show('z', z);
    show('T.pp(z)', T.pp(z));
    print(T.debugprint(z));
    await T.pydotprint(z, { file: join(outDir, 'z.svg'), format: 'svg' });
    print(`The output file is available at ${join(outDir, 'z.svg')}`);

    const addition = T.fn([x, y], [z]);
    show('addition([[1, 2], [1, 3]], [[1, 0], [3, 4]])', addition([[1, 2], [1, 3]], [[1, 0], [3, 4]]));
    print(T.debugprint(addition));
    await T.pydotprint(addition, { file: join(outDir, 'addition.svg'), format: 'svg' });
    print(`The output file is available at ${join(outDir, 'addition.svg')}`);

    // two elementwise ops, one kernel
    z = T.tensor`${z} * ${x}`;
    print(T.debugprint(T.fn([x, y], z)));
  } finally {
    T.config.floatX = before;
  }
}

runIfMain(import.meta.url, () => main());
