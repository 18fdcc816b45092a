// A graph module compiled at build time gives the same bits as the JIT path: every output,
// shared state, updates, copies (exported ones too), keywords, defaults and errors, each run in a
// fresh process.
import { describe, expect, it } from 'vitest';
import { bundle, fixture, runInNode } from './helpers.ts';

describe('bundled graph module vs JIT', () => {
  it('gives identical results, state and errors', async () => {
    const entry = fixture('scenario.ts');
    const [built, jit] = await Promise.all([bundle(entry), bundle(entry, { hypatia: false })]);
    expect(built.errors).toEqual([]);
    const [fromBundle, fromJit] = await Promise.all([runInNode(built.text), runInNode(jit.text)]);
    const a = JSON.parse(fromBundle) as [string, unknown][];
    const b = JSON.parse(fromJit) as [string, unknown][];
    expect(a.map(([label]) => label)).toEqual(b.map(([label]) => label));
    for (let i = 0; i < a.length; i++) expect(a[i], a[i]![0]).toEqual(b[i]);
    // the scenario really exercised errors and updates, not only happy paths
    const byLabel = new Map(a);
    expect(byLabel.get('unknown keyword')).toMatchObject({ threw: 'TypeError' });
    expect(byLabel.get('shape mismatch leaves state')).toHaveProperty('threw');
    expect(byLabel.get('count counts both')).toMatchObject({ dtype: 'int32', bytes: '02000000' });
    expect(byLabel.get('float16 state')).toMatchObject({ dtype: 'float16', shape: [3] });
    // an exported f.copy({ deleteUpdates: true }) shares step's program but changes no state
    expect(byLabel.get('state after exported frozen')).toEqual([byLabel.get('w after frozen'), byLabel.get('count counts both')]);
    expect((byLabel.get('a copy of the frozen export still applies none') as unknown[])[1]).toEqual(byLabel.get('count counts both'));
  });

  it('the JIT bundle compiles and the plugin bundle does not', async () => {
    const entry = fixture('scenario.ts');
    const [built, jit] = await Promise.all([bundle(entry), bundle(entry, { hypatia: false })]);
    expect(jit.text).toContain('new Function');
    expect(built.text).not.toContain('new Function');
  });
});
