import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy, which Node 20 lacks: without this a failing run
// crashes the reporter and hides which test failed.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  (Map as unknown as { groupBy: (items: Iterable<unknown>, key: (v: unknown, i: number) => unknown) => Map<unknown, unknown[]> }).groupBy = (items, key) => {
    const m = new Map<unknown, unknown[]>();
    let i = 0;
    for (const it of items) {
      const k = key(it, i++);
      const list = m.get(k);
      if (list) list.push(it); else m.set(k, [it]);
    }
    return m;
  };
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
