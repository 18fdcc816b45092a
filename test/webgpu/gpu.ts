// The WebGPU test harness: Dawn on SwiftShader in Node. Sets the Vulkan driver up for the run,
// and decides whether WebGPU tests run: without an adapter they skip loudly, except in CI
// (CI=true), where a missing adapter is a failure.
import { existsSync } from 'node:fs';
import { getDevice, adapterName } from '../../runtime/webgpu/device.ts';

const SWIFTSHADER = '/usr/lib/chromium/vk_swiftshader_icd.json';
// the Vulkan loader reads these when Dawn creates its instance: set before the first device
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER)) process.env.VK_ICD_FILENAMES = SWIFTSHADER;
process.env.VK_LOADER_LAYERS_DISABLE ??= '~implicit~';

export const inCI = process.env.CI === 'true';

let probe: Promise<string | null> | null = null;

/** The adapter's name, or null (after a loud warning) when there is none outside CI. */
export function gpuAdapter(): Promise<string | null> {
  probe ??= getDevice().then(adapterName, (e: unknown) => {
    if (inCI) throw e;
    console.warn(`\n*** WebGPU tests SKIPPED: ${(e as Error).message}\n*** (with CI=true this fails the run)\n`);
    return null;
  });
  return probe;
}

/** Top-level await in a test file: `describe.skipIf(!hasGpu)`. */
export const hasGpu = (await gpuAdapter()) !== null;
