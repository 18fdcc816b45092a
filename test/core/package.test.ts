// The package's entry points resolve by name, as users import them.
import { describe, expect, it } from 'vitest';

describe('package exports', () => {
  it('hypatia, hypatia/runtime, hypatia/esbuild', async () => {
    const T = await import('hypatia');
    expect(typeof T.fn).toBe('function');
    const R = await import('hypatia/runtime');
    expect(R.PROGRAM_VERSION).toBe(1);
    const E = await import('hypatia/esbuild');
    const plugin = E.hypatia();
    expect(plugin.name).toBe('hypatia');
    expect(typeof plugin.setup).toBe('function');
  });

  it('the runtime refuses a program of an unknown format version', async () => {
    const R = await import('hypatia/runtime');
    const T = await import('hypatia');
    const x = T.dscalar('x');
    const f = T.fn([x], T.mul(x, 2));
    const future = { ...f.program, version: 99 };
    expect(() => R.makeFunction(future, [], () => [])).toThrow(/format version 99 is not supported by this runtime \(it reads version 1\)/);
  });
});

describe('layering', () => {
  it('runtime/ never imports compiler/', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(new URL('../../runtime', import.meta.url).pathname);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toMatch(/from ['"](\.\.\/)+compiler|from ['"]hypatia['"]/);
  });
});
