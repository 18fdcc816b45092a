// Getting a GPU.js instance. gpu.js is an optional peer dependency: nothing imports it until a
// GPU.js function first runs. In Node it is imported by a computed name (so bundlers never pull
// it into a bundle that does not use it) and runs in its cpu mode; a page either loads
// gpu-browser.js (its global `GPU`) or hands the class over with `setGpuJs(GPU)`, and runs in
// webgl2. GPU.js's own mode detection is never used: without a GL context it silently picks
// a mode that computes nothing we test.

/** What hypatia uses of a GPU.js kernel. */
export interface GpuJsKernelFn {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): void;
  toString(...args: unknown[]): string;
}

/** What hypatia uses of a GPU.js instance. */
export interface GpuJsInstance {
  readonly mode?: string;
  createKernel(source: string, settings: object): GpuJsKernelFn;
  /** Sub-kernels as sources; a call returns `{ result, 0, 1, ... }`. */
  createKernelMap(subKernels: string[], source: string, settings: object): GpuJsKernelFn;
}

export interface GpuJsClass {
  new (settings?: { mode?: string; canvas?: unknown; context?: unknown }): GpuJsInstance;
  readonly isWebGL2Supported?: boolean;
}

/** The modes hypatia's kernels are written for: float32 textures in webgl2, plain JS in cpu. */
export const MODES = ['webgl2', 'cpu'] as const;
export type GpuJsMode = (typeof MODES)[number];

let supplied: GpuJsInstance | null = null;
let ctor: GpuJsClass | null = null;
let pending: Promise<GpuJsInstance> | null = null;

/** Run GPU.js functions on this instance (created with `new GPU({ mode: 'webgl2' })` or `'cpu'`). */
export function setGpu(gpu: GpuJsInstance): void {
  const mode = gpu.mode ?? '';
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new TypeError(`gpujs: a GPU in mode '${mode}' cannot run hypatia's kernels; create it with new GPU({ mode: 'webgl2' }) or { mode: 'cpu' }`);
  }
  supplied = gpu;
  pending = null;
}

/** Whether the app chose an instance: then it runs every kernel, precompiled ones too. */
export const gpuSupplied = (): boolean => supplied !== null;

/** The GPU.js class to create instances from (pages that bundle gpu.js themselves). */
export function setGpuJs(GPU: GpuJsClass): void {
  ctor = GPU;
  pending = null;
}

const isNode = () => typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** gpu-browser.js's global, told apart from WebGPU's `GPU` interface, which shares its name. */
function globalClass(): GpuJsClass | null {
  const g = (globalThis as { GPU?: { prototype?: { createKernel?: unknown } } }).GPU;
  return g && typeof g.prototype?.createKernel === 'function' ? (g as unknown as GpuJsClass) : null;
}

async function findClass(): Promise<GpuJsClass> {
  const known = ctor ?? globalClass();
  if (known) return known;
  if (!isNode()) {
    throw new Error("gpujs: GPU.js is not loaded; load gpu-browser.js in the page, or import { GPU } from 'gpu.js' and call setGpuJs(GPU)");
  }
  const specifier = ['gpu', 'js'].join('.');
  try {
    const mod = (await import(/* @vite-ignore */ specifier)) as { GPU?: GpuJsClass; default?: { GPU?: GpuJsClass } };
    const found = mod.GPU ?? mod.default?.GPU;
    if (!found) throw new Error('the module has no GPU export');
    return found;
  } catch (e) {
    throw new Error(`gpujs: the 'gpu.js' package could not be loaded: ${(e as Error).message}. Install it: npm install gpu.js@2.24.1`, { cause: e });
  }
}

/** Node has no WebGL here (headless-gl is not a dependency): cpu. A page: webgl2 when it has it. */
function modeFor(GPU: GpuJsClass): GpuJsMode {
  if (isNode()) return 'cpu';
  if (GPU.isWebGL2Supported) return 'webgl2';
  console.warn('gpujs: this page has no WebGL2; GPU.js functions run in GPU.js\'s cpu mode');
  return 'cpu';
}

/** The instance GPU.js functions run on (created once). */
export function getGpu(): Promise<GpuJsInstance> {
  if (supplied) return Promise.resolve(supplied);
  pending ??= findClass().then((GPU) => new GPU({ mode: modeFor(GPU) })).catch((e: unknown) => { pending = null; throw e; });
  return pending;
}
