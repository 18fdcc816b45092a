// Getting a GPUDevice: one the user supplies, the browser's `navigator.gpu`, or in Node the
// `webgpu` package (Dawn), imported only when a WebGPU function first runs so the CPU path
// never loads it.

/** What `create()` returns must stay referenced for the life of the process (Dawn segfaults otherwise). */
const KEEP = '__hypatiaDawnGpu';

/**
 * How float16 arrays are stored (README.md, float16): 'auto' packs them (binary16, 2 bytes an
 * element) on a device with `shader-f16` and uses f32 lanes elsewhere; 'f32' always uses f32
 * lanes (and hypatia does not request `shader-f16`); 'packed' requires packing, so a device
 * without `shader-f16` is an error. From the environment variable HYPATIA_WEBGPU_F16 in Node.
 */
export type F16Mode = 'auto' | 'f32' | 'packed';

export function f16Mode(): F16Mode {
  const v = typeof process !== 'undefined' ? process.env?.HYPATIA_WEBGPU_F16 : undefined;
  if (v === undefined || v === '' || v === 'auto') return 'auto';
  if (v === 'f32' || v === 'packed') return v;
  throw new Error(`webgpu: HYPATIA_WEBGPU_F16 must be 'auto', 'f32' or 'packed', got '${v}'`);
}

let supplied: GPUDevice | null = null;
let pending: Promise<GPUDevice> | null = null;

/** Run WebGPU functions on this device instead of one hypatia requests. */
export function setDevice(device: GPUDevice): void {
  supplied = device;
  pending = null;
}

const isNode = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

async function gpuEntry(): Promise<GPU> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator;
  if (nav?.gpu) return nav.gpu;
  if (!isNode()) throw new Error('webgpu: this environment has no WebGPU (navigator.gpu is missing); use a browser with WebGPU, or pass a GPUDevice to setDevice');
  const g = globalThis as Record<string, unknown>;
  if (!g[KEEP]) {
    // a computed specifier keeps bundlers from pulling Dawn's native module into browser bundles
    const specifier = ['web', 'gpu'].join('');
    let mod: { create(flags: string[]): GPU; globals: object };
    try {
      mod = (await import(/* @vite-ignore */ specifier)) as typeof mod;
    } catch (e) {
      throw new Error(`webgpu: Node has no navigator.gpu and the 'webgpu' package (Dawn's bindings) could not be loaded: ${(e as Error).message}. Install it: npm install webgpu`, { cause: e });
    }
    // Dawn's objects need its GPU* classes (GPUBufferUsage, ...) as globals
    for (const [k, v] of Object.entries(mod.globals)) if (!(k in g)) g[k] = v;
    // every hypatia kernel writes its workgroup memory before reading it, so WGSL's zero
    // initialization is wasted work, and on SwiftShader it dominates pipeline creation
    // (seconds for a 16 KiB array): this instance is ours, so skip it
    g[KEEP] = mod.create(['enable-dawn-features=disable_workgroup_init']);
  }
  return g[KEEP] as GPU;
}

async function request(): Promise<GPUDevice> {
  const gpu = await gpuEntry();
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    const hint = isNode()
      ? " In Node, Dawn needs a Vulkan driver; without a GPU, SwiftShader works: on Debian `apt-get install chromium-common libvulkan1` and set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json."
      : '';
    throw new Error(`webgpu: no WebGPU adapter is available.${hint}`);
  }
  const l = adapter.limits;
  // shader-f16 lets float16 arrays be stored packed (storage.ts), unless HYPATIA_WEBGPU_F16=f32
  const features: GPUFeatureName[] = adapter.features.has('shader-f16') && f16Mode() !== 'f32' ? ['shader-f16'] : [];
  // big arrays need more than the default 128 MiB bindings; everything else stays at defaults
  return adapter.requestDevice({
    requiredFeatures: features,
    requiredLimits: { maxStorageBufferBindingSize: l.maxStorageBufferBindingSize, maxBufferSize: l.maxBufferSize },
  });
}

/** After a device is lost, functions compiled later request a new one. */
export function forgetDevice(device: GPUDevice): void {
  if (supplied === device) supplied = null;
  const p = pending;
  if (p) void p.then((d) => { if (d === device && pending === p) pending = null; }, () => undefined);
}

/** The device WebGPU functions run on (requested once). */
export function getDevice(): Promise<GPUDevice> {
  if (supplied) return Promise.resolve(supplied);
  pending ??= request().catch((e: unknown) => { pending = null; throw e; });
  return pending;
}

/** A description of the adapter behind a device, for benchmarks and errors. */
export function adapterName(device: GPUDevice): string {
  const info = (device as { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  if (!info) return 'unknown adapter';
  return [info.vendor, info.architecture, info.device, info.description].filter((s) => s).join(' ') || 'unknown adapter';
}
