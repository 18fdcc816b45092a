// Random streams in graph modules keep their seeds and states: seed 000's examples give the same
// bits from a bundle as from the JIT path, call after call, through seeding, save and restore,
// and copying state between two streams.
import { describe, expect, it } from 'vitest';
import { bundle, fixture, runInNode } from './helpers.ts';

describe('random streams in a bundled graph module', () => {
  it('draw, seed, save, restore and copy exactly as on the JIT path', async () => {
    const entry = fixture('random-scenario.ts');
    const [built, jit] = await Promise.all([bundle(entry), bundle(entry, { hypatia: false })]);
    expect(built.errors).toEqual([]);
    expect(built.text).not.toContain('new Function');
    const [fromBundle, fromJit] = await Promise.all([runInNode(built.text), runInNode(jit.text)]);
    const a = JSON.parse(fromBundle) as [string, unknown][];
    const b = JSON.parse(fromJit) as [string, unknown][];
    expect(a.map(([label]) => label)).toEqual(b.map(([label]) => label));
    for (let i = 0; i < a.length; i++) expect(a[i], a[i]![0]).toEqual(b[i]);

    // and the scenario shows the semantics, not merely two runs that agree
    const byLabel = new Map(a);
    expect(byLabel.get('state left by build-time draws')).toMatchObject({ counter: [4, 0] });
    expect(byLabel.get('the rng value is a generator state')).toEqual(['function', 'function', 'function', 'uint32', [4]]);
    const [f0, f1, f2] = byLabel.get('f draws') as { bytes: string }[];
    expect(new Set([f0!.bytes, f1!.bytes, f2!.bytes]).size).toBe(3);
    const [g0, g1] = byLabel.get('g repeats (noDefaultUpdates)') as unknown[];
    expect(g0).toEqual(g1);
    expect(byLabel.get('drawn once per call')).toMatchObject({ bytes: '0'.repeat(64) });
    const [seededA, seededB] = byLabel.get('seed one variable') as unknown[];
    expect(seededA).toEqual(seededB);
    const [first, again] = byLabel.get('seed the stream') as unknown[];
    expect(first).toEqual(again);
    const [v1, v2, v3] = byLabel.get('save and restore') as unknown[];
    expect(v2).not.toEqual(v1);
    expect(v3).toEqual(v1);
    expect(byLabel.get('setValue of a wrong length')).toMatchObject({ threw: 'RangeError' });
    const [h0, h1, count] = byLabel.get('explicit updates with noDefaultUpdates') as unknown[];
    expect(h0).toEqual(h1);
    expect(count).toMatchObject({ dtype: 'int32' });
    const [before, c1, c2, n] = byLabel.get('copying state between graphs') as [unknown[], unknown, unknown, number];
    expect(before[0]).not.toEqual(before[1]);
    expect(c1).toEqual(c2);
    expect(n).toBe(1);
  });

  it('carries generator states and the stream itself into the bundle', async () => {
    const built = await bundle(fixture('random-scenario.ts'), { metafile: true });
    expect(Object.keys(built.metafile!.inputs).filter((f) => f.startsWith('compiler/'))).toEqual([]);
    expect(built.text).toMatch(/randomStateVariable\("rng_uniform_0", \{ dtype: "uint32", shape: \[4\], data: \[\d+, \d+, 4, 0\] \}\)/);
    expect(built.text).toMatch(/randomStreams\(\[S\d+, S\d+, S\d+, S\d+, S\d+\]\)/);
  });
});
