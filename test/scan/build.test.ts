// Loops and branches in a graph module: built into a bundle, the scan's step and the ifelse's
// branches are real code (no eval), and the numbers are the JIT path's, bit for bit.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { bundle, runInNode } from '../build/helpers.ts';

const entry = fileURLToPath(new URL('./fixtures/loops-scenario.ts', import.meta.url));

describe('scan and ifelse in a bundle', () => {
  it('run as precompiled code with the JIT path\'s numbers', async () => {
    const [built, jit] = await Promise.all([bundle(entry), bundle(entry, { hypatia: false })]);
    expect(built.errors).toEqual([]);
    expect(built.text).not.toContain('new Function');
    expect(built.text).toMatch(/for \(let t = 0; t < n; t\+\+\)/);
    const [a, b] = await Promise.all([runInNode(built.text), runInNode(jit.text)]);
    const fromBundle = JSON.parse(a) as string[];
    expect(fromBundle).toEqual(JSON.parse(b));
    // training moved the loss
    expect(new Set(fromBundle.slice(0, 5)).size).toBe(5);
  });
});
