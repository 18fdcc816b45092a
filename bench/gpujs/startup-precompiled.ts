// Startup page, precompiled path: no GPU.js in the bundle; the kernels' GLSL, translated at
// build time, goes to the browser's compiler on the first call.
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import type { GpuJsCode } from '../../runtime/gpujs/code.ts';
import { VERTEX, fragmentShader } from '../../runtime/gpujs/gl.ts';
import { measureStartup, report } from './startup-common.ts';
import { train } from './train.graph.ts';

const scriptStartMs = performance.now();

report(() => measureStartup(scriptStartMs, async () => {
  const code = ((train as unknown as GpuJsFunction).program as unknown as { gpujs: GpuJsCode }).gpujs;
  return code.kernels.map((k) => [VERTEX, fragmentShader(k)]);
}));
