// samples/node-app: bundled with the plugin, run in a fresh Node, it trains to exactly the
// numbers the JIT sample (samples/logistic-regression.ts) gets in this process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNodeApp } from '../../samples/node-app/build.ts';
import { train } from '../../samples/logistic-regression.ts';
import { runInNode, tempDir } from './helpers.ts';

describe('samples/node-app', () => {
  it('trains to the same costs, weights and accuracy as the JIT sample', async () => {
    const outfile = join(tempDir(), 'main.mjs');
    const result = await buildNodeApp(outfile);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.metafile.inputs).filter((f) => f.startsWith('compiler/'))).toEqual([]);
    const steps = 40;
    const bundled = JSON.parse(await runInNode(readFileSync(outfile, 'utf8'), ['--steps', String(steps), '--json'])) as {
      costs: [number, number][]; accuracy: number; b: number; w: number[];
    };
    const jit = train({ steps, seed: 0 });
    expect(bundled.costs).toEqual(jit.costs);
    expect(bundled.accuracy).toBe(jit.accuracy);
    expect(bundled.b).toBe(jit.b);
    expect(bundled.w).toEqual(Array.from(jit.w.subarray(0, 5)));
  });
});
