// Startup page, GPU.js path: gpu.js is bundled and told to run the kernels (their JavaScript,
// parsed and turned into GLSL by GPU.js on the first call), as bundles did before kernels were
// precompiled.
import { GPU } from 'gpu.js';
import { type GpuJsClass, getGpu, setGpuJs } from '../../runtime/gpujs/gpu.ts';
import { setGpuJsPrecompiled } from '../../runtime/gpujs/gl.ts';
import { measureStartup, report } from './startup-common.ts';

const scriptStartMs = performance.now();
setGpuJs(GPU as unknown as GpuJsClass);
setGpuJsPrecompiled(false);

interface BuiltKernel { compiledVertexShader?: string; compiledFragmentShader?: string }

report(() => measureStartup(scriptStartMs, async () => {
  const kernels = ((await getGpu()) as unknown as { kernels: BuiltKernel[] }).kernels;
  return kernels.filter((k) => k.compiledFragmentShader).map((k) => [k.compiledVertexShader!, k.compiledFragmentShader!]);
}));
