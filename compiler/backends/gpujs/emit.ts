// A GPU.js program as the build plugin emits it (compiler/build/emit.ts): host steps leave the
// data (they become code), and every kernel carries its GLSL, translated here at build time, so
// in a page with WebGL2 the bundle's kernels skip GPU.js entirely. The JavaScript sources stay:
// GPU.js runs them where there is no WebGL2 (Node's cpu mode, old browsers).
import type { Program } from '../../../runtime/program.ts';
import type { GpuJsCode } from '../../../runtime/gpujs/code.ts';
import { precompileGpuJs } from './glsl.ts';

export function gpujsProgramData(p: Program): Program {
  if (!p.gpujs) return p;
  const code = precompileGpuJs(p.gpujs);
  return { ...p, gpujs: { ...code, host: code.host.map(({ source: _source, ...h }) => h as GpuJsCode['host'][number]) } };
}
