// The GPU.js runtime: what a bundle needs to run GPU.js programs (loaded only by GPU.js code).
export { type GpuJsCode, type GpuJsStep, type GpuJsKernel } from './code.ts';
export { setGpu, setGpuJs, getGpu, type GpuJsInstance, type GpuJsClass } from './gpu.ts';
export { type GpuJsFunction, type GpuJsStats, makeGpuJsFunction } from './function.ts';
export { type GpuJsHostFactory, loadGpuJsFunction, gpujsExecutor } from './load.ts';
export { Executor } from './executor.ts';
export { setGpuJsPrecompiled, setWebGl2Context } from './gl.ts';
