// The WebGPU runtime: what a bundle needs to run WGSL programs (loaded only by WebGPU code).
export { type WebGpuCode, type GpuStep, type SlotInfo, type WgslKernel } from './code.ts';
export { setDevice, getDevice, adapterName } from './device.ts';
export { type WebGpuFunction, type WebGpuStats, makeWebGpuFunction } from './function.ts';
export { type HostFactory, loadWebGpuFunction, webgpuExecutor } from './load.ts';
export { Executor } from './executor.ts';
export { type F16Storage } from './context.ts';
