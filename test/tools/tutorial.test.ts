// Runs every tutorial sample (samples/tutorial/) in this process, capturing what it prints,
// and compares it with the seed's output listed in samples/tutorial/manifest.ts.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as T from '../../compiler/index.ts';
import { SAMPLES, type Feature, type Sample } from '../../samples/tutorial/manifest.ts';
import { compare, comparedText } from './tutorial-compare.ts';

const dir = resolve(import.meta.dirname, '../../samples/tutorial');

/** Whether hypatia has each feature a sample may wait for, asked of hypatia itself. */
function available(): Record<Feature, boolean> {
  const api = T as unknown as Record<string, unknown>;
  const x = T.dscalar('x');
  const f = T.fn([x], x, { profile: true }) as unknown as { profile?: { summary?: unknown } };
  return {
    scan: typeof api.scan === 'function',
    ifelse: typeof api.ifelse === 'function',
    profile: typeof f.profile?.summary === 'function',
  };
}

function argsFor(s: Sample): Record<string, unknown> | undefined {
  if (!s.args) return undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'tutorial-'));
  return Object.fromEntries(Object.entries(s.args).map(([k, v]) => [k, v === '{tmp}' ? tmp : v]));
}

/** Runs a sample's main() and returns what it printed with console.log. */
async function run(s: Sample): Promise<string[]> {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => { lines.push(xs.map(String).join(' ')); });
  // progress bars draw on stderr; they are for people watching, not for the comparison
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const mod = (await import(join(dir, s.file))) as { main: (args?: unknown) => unknown };
  await mod.main(argsFor(s));
  return lines;
}

afterEach(() => { vi.restoreAllMocks(); });

describe('tutorial samples', () => {
  for (const s of SAMPLES.filter((x) => !x.pending)) {
    it(`${s.file}: seed ${s.seed}, ${s.section}`, async () => {
      const floatX = T.config.floatX;
      const lines = await run(s);
      expect(T.config.floatX, 'a sample must leave T.config as it found it').toBe(floatX);
      expect(lines.length).toBeGreaterThan(0);
      if (!s.expected) return;
      const result = compare(comparedText(lines), s.expected, s.partial ?? false);
      expect(result.ok, `${result.reason}\n--- printed ---\n${lines.join('\n')}`).toBe(true);
      for (const [a, b] of s.same ?? []) expect(result.matched[a], `entries ${a} and ${b} must print the same`).toBe(result.matched[b]);
      for (const [a, b] of s.differ ?? []) expect(result.matched[a], `entries ${a} and ${b} must differ`).not.toBe(result.matched[b]);
    });
  }

  it('lists every sample file exactly once', () => {
    const files = readdirSync(dir).filter((f) => /^\d{3}-.*\.ts$/.test(f)).sort();
    expect(SAMPLES.map((s) => s.file).sort()).toEqual(files);
  });

  const pending = SAMPLES.filter((s) => s.pending);
  it(`pending samples wait for exactly the missing features: ${pending.map((s) => `${s.file} (${s.pending})`).join(', ') || 'none'}`, async () => {
    const have = available();
    const missing = (Object.keys(have) as Feature[]).filter((f) => !have[f]).sort();
    const waitedFor = [...new Set(pending.map((s) => s.pending!))].sort();
    // a feature that landed makes this fail: enable its samples by dropping `pending`
    expect(waitedFor).toEqual(missing);
    for (const s of pending) await expect(run(s), s.file).rejects.toThrow(/not available yet/);
  });
});
