// A graph module compiled for WebGPU at build time gives the same bits as the JIT WebGPU path:
// both run in fresh Node processes on Dawn (SwiftShader without a GPU). Shared state lives on
// the device, updates, copies, keywords, defaults, host steps, random streams and errors.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasGpu, inCI } from '../webgpu/gpu.ts';
import { bundle, fixture, runInNode } from './helpers.ts';

const JIT_FLAGS = 'device=webgpu,floatX=float32';
/** Mesa's lavapipe has shader-f16: there the bundle's float16 arrays are stored packed. */
const LAVAPIPE = '/usr/share/vulkan/icd.d/lvp_icd.json';
const hasLavapipe = existsSync(LAVAPIPE);
if (!hasLavapipe && !inCI) console.warn('\n*** packed float16 in a bundle SKIPPED: no lavapipe (apt-get install -t bookworm-backports mesa-vulkan-drivers)\n');

/** The scenario bundled and JIT-compiled, each run in a fresh process with `env`; labels and results. */
async function bothWays(env: Record<string, string | undefined> = {}) {
  const entry = fixture('gpu-scenario.ts');
  const [built, jit] = await Promise.all([
    bundle(entry, { hypatia: { backends: ['webgpu'], floatX: 'float32' } }),
    bundle(entry, { hypatia: false }),
  ]);
  expect(built.errors).toEqual([]);
  expect(built.warnings).toEqual([]);
  const [fromBundle, fromJit] = await Promise.all([
    runInNode(built.text, [], { ...env, HYPATIA_FLAGS: undefined }),
    runInNode(jit.text, [], { ...env, HYPATIA_FLAGS: JIT_FLAGS }),
  ]);
  const a = JSON.parse(fromBundle) as [string, unknown][];
  const b = JSON.parse(fromJit) as [string, unknown][];
  expect(a.map(([label]) => label)).toEqual(b.map(([label]) => label));
  for (let i = 0; i < a.length; i++) expect(a[i], a[i]![0]).toEqual(b[i]);
  return new Map(a);
}

describe.skipIf(!hasGpu)('bundled graph module on WebGPU vs JIT', () => {
  it('gives identical results, state and errors', async () => {
    const byLabel = await bothWays();
    // the scenario really ran on the device and exercised failures, not only happy paths
    expect(byLabel.get('score default')).toMatchObject({ dtype: 'float32' });
    expect(byLabel.get('unknown keyword')).toMatchObject({ threw: 'TypeError' });
    expect(byLabel.get('shape mismatch leaves state')).toHaveProperty('threw');
    expect(byLabel.get('grid that does not divide')).toHaveProperty('threw');
    expect(byLabel.get('count counts both')).toMatchObject({ shared: { dtype: 'int32', bytes: '02000000' } });
    const [d0, d1] = [byLabel.get('draw'), byLabel.get('draw again')] as { bytes: string }[][];
    expect(d0![0]!.bytes).not.toBe(d1![0]!.bytes);
    expect(byLabel.get('float16 state')).toMatchObject({ shared: { dtype: 'float16', shape: [7] } });
  }, 120_000);

  it.skipIf(!hasLavapipe && !inCI)('on a device with shader-f16 the bundle stores float16 packed, with the same bits as JIT and as f32 lanes', async () => {
    const packed = await bothWays({ VK_ICD_FILENAMES: LAVAPIPE });
    expect(packed.get('float16 storage')).toBe('packed');
    // packing changes where float16 values live, not what they are
    const lanes = await bothWays({ VK_ICD_FILENAMES: LAVAPIPE, HYPATIA_WEBGPU_F16: 'f32' });
    expect(lanes.get('float16 storage')).toBe('f32');
    for (const label of ['float16 step', 'float16 step again', 'float16 state', 'float16 scan over odd rows']) {
      expect(packed.get(label), label).toEqual(lanes.get(label));
      expect(packed.get(label), label).not.toHaveProperty('threw');
    }
  }, 180_000);

  it('carries WGSL as data and host steps as functions, with no compiler and no eval', async () => {
    const built = await bundle(fixture('gpu-scenario.ts'), { hypatia: { backends: ['webgpu'], floatX: 'float32' }, metafile: true });
    expect(Object.keys(built.metafile!.inputs).filter((f) => f.startsWith('compiler/'))).toEqual([]);
    expect(built.text).not.toContain('new Function');
    expect(built.text).toMatch(/webgpuExecutor\(P\d+, \[\(function\(K, C\) \{/);
    expect(built.text).toMatch(/@compute @workgroup_size/);
  });

  it('keeps state a graph module trained on the device at build time', async () => {
    const built = await bundle(fixture('pretrained-app.ts'), { hypatia: { backends: ['webgpu'], floatX: 'float32' } });
    expect(built.errors).toEqual([]);
    expect(JSON.parse(await runInNode(built.text))).toEqual([2, 2, 18]);
  }, 60_000);

  // a WebGPU function says whether it is a deleteUpdates copy (`appliesUpdates`, set by
  // describeFunction in runtime/webgpu/function.ts), so a WebGPU-only build bundles it without updates
  it('an exported f.copy({ deleteUpdates: true }) applies no updates in a WebGPU-only build', async () => {
    const built = await bundle(fixture('frozen-app.ts'), { hypatia: { backends: ['webgpu'], floatX: 'float32' } });
    expect(JSON.parse(await runInNode(built.text))).toEqual([[1, 2, 3], [2, 3, 4]]);
  }, 60_000);
});
