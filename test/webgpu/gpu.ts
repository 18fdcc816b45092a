// The WebGPU test harness: Dawn on SwiftShader (or lavapipe) in Node. Sets the Vulkan driver up for the run,
// and decides whether WebGPU tests run: without an adapter they skip loudly, except in CI
// (CI=true), where a missing adapter is a failure.
import { existsSync } from 'node:fs';
import { getDevice, adapterName } from '../../runtime/webgpu/device.ts';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
// the Vulkan loader reads these when Dawn creates its instance: set before the first device
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
process.env.VK_LOADER_LAYERS_DISABLE ??= '~implicit~';

export const inCI = process.env.CI === 'true';

/**
 * The run on Mesa's lavapipe (vitest.config.ts's second project): its adapter has shader-f16,
 * so float16 is stored packed, and a lavapipe without it is an error rather than a quiet
 * second run in f32 lanes.
 */
export const onLavapipe = process.env.HYPATIA_TEST_ADAPTER === 'lavapipe';

async function device(): Promise<GPUDevice> {
  const icd = process.env.VK_ICD_FILENAMES ?? '';
  if (onLavapipe && !existsSync(icd)) {
    throw new Error(`lavapipe's Vulkan driver ${icd} is missing: apt-get install -t bookworm-backports mesa-vulkan-drivers (see .ci/run)`);
  }
  const d = await getDevice();
  if (onLavapipe && !d.features.has('shader-f16')) throw new Error(`the lavapipe device (${adapterName(d)}) has no shader-f16: packed float16 would go untested`);
  return d;
}

let probe: Promise<string | null> | null = null;

/** The adapter's name, or null (after a loud warning) when there is none outside CI. */
export function gpuAdapter(): Promise<string | null> {
  probe ??= device().then(adapterName, (e: unknown) => {
    if (inCI) throw e;
    console.warn(`\n*** WebGPU tests SKIPPED: ${(e as Error).message}\n*** (with CI=true this fails the run)\n`);
    return null;
  });
  return probe;
}

/** Top-level await in a test file: `describe.skipIf(!hasGpu)`. */
export const hasGpu = (await gpuAdapter()) !== null;
