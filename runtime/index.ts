// hypatia/runtime: what a bundle ships. Never imports the compiler.
export { NDArray, asarray, type ArrayLike, type Nested } from './ndarray.ts';
export { type DType, DTYPES } from './dtype.ts';
export { SharedContainer } from './shared.ts';
export { makeFunction, type HypatiaFunction, type RunFn, type CopyOptions } from './function.ts';
export { type Program, type EncodedArray, PROGRAM_FORMAT, PROGRAM_VERSION, checkProgram, encodeArray, decodeArray } from './program.ts';
export * as cpu from './cpu/index.ts';
export { cpuRun, loadFunction, sharedVariable, type CpuFactory } from './load.ts';
export { setDevice, loadWebGpuFunction, type HostFactory, type WebGpuFunction, type WebGpuCode } from './webgpu/index.ts';
export { setGpu, setGpuJs, gpujsExecutor, makeGpuJsFunction, loadGpuJsFunction, type GpuJsFunction, type GpuJsCode, type GpuJsHostFactory } from './gpujs/index.ts';
