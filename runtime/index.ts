// hypatia/runtime: what a bundle ships. Never imports the compiler.
export { NDArray, asarray, type ArrayLike, type Nested } from './ndarray.ts';
export { type DType, DTYPES } from './dtype.ts';
export { SharedContainer } from './shared.ts';
export { makeFunction, type HypatiaFunction, type RunFn, type CopyOptions } from './function.ts';
export { type Program, type EncodedArray, PROGRAM_FORMAT, PROGRAM_VERSION, checkProgram, encodeArray, decodeArray } from './program.ts';
export * as cpu from './cpu/index.ts';
export { cpuRun, loadFunction, sharedVariable, randomStateVariable, withoutUpdates, type CpuFactory } from './load.ts';
export { setDevice, loadWebGpuFunction, type HostFactory, type WebGpuFunction, type WebGpuCode } from './webgpu/index.ts';
export { webgpuExecutor, chooseBackend, withCpuFallback, type BackendChoice } from './webgpu/load.ts';
export { makeWebGpuFunction } from './webgpu/function.ts';
export { RandomState, type RandomStateSnapshot } from './random/state.ts';
export { RandomStreamsHandle, randomStreams } from './random/streams.ts';
export { setGpu, setGpuJs, setGpuJsPrecompiled, setWebGl2Context, gpujsExecutor, makeGpuJsFunction, loadGpuJsFunction, type GpuJsFunction, type GpuJsCode, type GpuJsHostFactory } from './gpujs/index.ts';
