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

// The WebGPU suite runs twice: on SwiftShader (the adapter of every other test; no shader-f16,
// so float16 lives in f32 lanes) and on Mesa's lavapipe, whose shader-f16 makes the runtime
// store float16 packed, 2 bytes an element (runtime/webgpu/storage.ts). Both are CPU Vulkan
// drivers from Debian's packages (.ci/run); test/webgpu/gpu.ts reads HYPATIA_TEST_ADAPTER.
const LAVAPIPE = '/usr/share/vulkan/icd.d/lvp_icd.json';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'lavapipe',
          include: ['test/webgpu/**/*.test.ts'],
          // the browser test drives Chromium's own Dawn, whatever the Node driver
          exclude: ['test/webgpu/browser.test.ts'],
          env: { VK_ICD_FILENAMES: LAVAPIPE, HYPATIA_TEST_ADAPTER: 'lavapipe' },
        },
      },
    ],
  },
});
