// A build for ['webgpu', 'cpu']: every function compiled for WebGPU also carries its CPU twin,
// and the bundle runs on WebGPU where a device can be had, on the CPU elsewhere, giving the JIT
// path's bits on whichever it picked. Without a Vulkan driver Dawn finds no adapter, which is
// how the CPU side is reached in Node.
import { describe, expect, it } from 'vitest';
import { hasGpu } from '../webgpu/gpu.ts';
import { bundle, fixture, runInNode } from './helpers.ts';

const NO_ADAPTER = { VK_ICD_FILENAMES: '/nonexistent/vulkan_icd.json' };
const FALLBACK = { backends: ['webgpu', 'cpu'] as const, floatX: 'float32' as const };

type Log = [string, unknown][];
const parse = (s: string) => JSON.parse(s) as Log;

function expectSame(a: Log, b: Log): void {
  expect(a.map(([label]) => label)).toEqual(b.map(([label]) => label));
  for (let i = 0; i < a.length; i++) expect(a[i], a[i]![0]).toEqual(b[i]);
}

describe("a ['webgpu', 'cpu'] build", () => {
  it('carries both programs of each function, as code, and no compiler', async () => {
    const built = await bundle(fixture('gpu-scenario.ts'), { hypatia: { ...FALLBACK, backends: [...FALLBACK.backends] }, metafile: true });
    expect(built.errors).toEqual([]);
    expect(Object.keys(built.metafile!.inputs).filter((f) => f.startsWith('compiler/'))).toEqual([]);
    expect(built.text).not.toContain('new Function');
    expect(built.text).toMatch(/withCpuFallback\(\s*\/\* @__PURE__ \*\/ makeWebGpuFunction\(P\d+, \[[^\]]*\], R\d+\),\s*\/\* @__PURE__ \*\/ makeFunction\(P\d+, \[[^\]]*\], R\d+\)/);
    expect(built.text).toMatch(/cpuRun\(P\d+, \(function\(K, C\) \{/);
  });

  it('without a WebGPU adapter runs on the CPU with the JIT CPU path\'s bits', async () => {
    const entry = fixture('gpu-scenario.ts');
    const [built, jit] = await Promise.all([bundle(entry, { hypatia: { ...FALLBACK, backends: [...FALLBACK.backends] } }), bundle(entry, { hypatia: false })]);
    const [a, b] = await Promise.all([
      runInNode(built.text, [], { ...NO_ADAPTER, HYPATIA_FLAGS: undefined }),
      runInNode(jit.text, [], { ...NO_ADAPTER, HYPATIA_FLAGS: 'floatX=float32' }),
    ]);
    const fromBundle = parse(a);
    expectSame(fromBundle, parse(b));
    const byLabel = new Map(fromBundle);
    expect(byLabel.get('backend')).toBe('cpu');
    expect(byLabel.get('score default')).toMatchObject({ dtype: 'float32' });
    expect(byLabel.get('count counts both')).toMatchObject({ shared: { dtype: 'int32', bytes: '02000000' } });
  }, 60_000);

  it.skipIf(!hasGpu)('with an adapter runs on WebGPU with the JIT WebGPU path\'s bits', async () => {
    const entry = fixture('gpu-scenario.ts');
    const [built, jit] = await Promise.all([bundle(entry, { hypatia: { ...FALLBACK, backends: [...FALLBACK.backends] } }), bundle(entry, { hypatia: false })]);
    const [a, b] = await Promise.all([
      runInNode(built.text, [], { HYPATIA_FLAGS: undefined }),
      runInNode(jit.text, [], { HYPATIA_FLAGS: 'device=webgpu,floatX=float32' }),
    ]);
    const fromBundle = parse(a);
    expectSame(fromBundle, parse(b));
    expect(new Map(fromBundle).get('backend')).toBe('webgpu');
  }, 120_000);

  it('an exported f.copy({ deleteUpdates: true }) applies no updates on either backend', async () => {
    const built = await bundle(fixture('frozen-app.ts'), { hypatia: { ...FALLBACK, backends: [...FALLBACK.backends] } });
    expect(built.text).toMatch(/withoutUpdates\(\s*\/\* @__PURE__ \*\/ withCpuFallback\(/);
    const expected = [[1, 2, 3], [2, 3, 4]];
    expect(JSON.parse(await runInNode(built.text, [], NO_ADAPTER))).toEqual(expected);
    if (hasGpu) expect(JSON.parse(await runInNode(built.text))).toEqual(expected);
  }, 60_000);
});
