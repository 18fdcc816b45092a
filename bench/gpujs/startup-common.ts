// What both startup pages measure: the first result of the bundled training step, the GLSL
// compile of its shaders on their own, and a few steps after it. `shaders` gives the vertex and
// fragment sources the page's kernels were compiled from.
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { train } from './train.graph.ts';
import { logisticData } from '../logistic-data.ts';


export interface StartupSample {
  /** performance.now() when the entry module starts running (after its imports, GPU.js among them, have been evaluated). */
  scriptStartMs: number;
  /** The first call, from the call to its outputs read back (`ready` first: the device chosen, the kernels' compile started). */
  firstCallMs: number;
  /** Of the first call: ready(). GPU.js: its instance and context. Precompiled: the context, and compiles issued without waiting. */
  readyMs: number;
  /** performance.now() at the first result: navigation, loading and evaluating the bundle, the first call. */
  firstResultMs: number;
  /** stats().buildMs: kernel builds in the first call (GPU.js's parse and GLSL generation, the shader compile, first draws). */
  buildMs: number;
  /** The same shaders compiled, linked and drawn once again in a fresh context: the browser's part alone. */
  glslCompileMs: number;
  kernels: number;
  /** The next calls, median. */
  stepMs: number;
  precompiled: boolean;
  mode: string | null;
  renderer: string;
  error?: string;
  done: boolean;
}
declare global { interface Window { hypatiaStartup?: StartupSample } }


/**
 * The browser's work on these shaders alone, in a context of its own (no program cache knows
 * them): compile, link, and one draw each, since drivers build the pipeline at the first draw
 * (ANGLE's Vulkan backend on SwiftShader JIT-compiles the shader then). Every active vertex
 * attribute reads a full-screen quad (GPU.js's vertex shaders have two; ours has none).
 */
function compileMs(shaders: readonly [string, string][]): number {
  const gl = document.createElement('canvas').getContext('webgl2')!;
  gl.getExtension('EXT_color_buffer_float');
  const target = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, target);
  gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R32F, 2, 2);
  gl.bindFramebuffer(gl.FRAMEBUFFER, gl.createFramebuffer());
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, target, 0);
  gl.viewport(0, 0, 2, 2);
  const quad = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, quad);
  gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
  const pixel = new Float32Array(4);
  const t0 = performance.now();
  const progs = shaders.map(([vs, fs], i) => {
    const prog = gl.createProgram()!;
    for (const [type, src] of [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]] as const) {
      const sh = gl.createShader(type)!;
      gl.shaderSource(sh, `${src}\n// ${i} ${Math.random()}`);
      gl.compileShader(sh);
      gl.attachShader(prog, sh);
    }
    gl.linkProgram(prog);
    return prog;
  });
  for (const prog of progs) {
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(`link failed: ${gl.getProgramInfoLog(prog)}`);
    gl.useProgram(prog);
    const attributes = gl.getProgramParameter(prog, gl.ACTIVE_ATTRIBUTES) as number;
    for (let a = 0; a < attributes; a++) {
      const loc = gl.getAttribLocation(prog, gl.getActiveAttrib(prog, a)!.name);
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, 2, gl.FLOAT, false, 0, 0);
    }
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.FLOAT, pixel);
  return performance.now() - t0;
}

export async function measureStartup(scriptStartMs: number, shaders: () => Promise<[string, string][]>): Promise<StartupSample> {
  const data = logisticData('float32');
  const f = train as unknown as GpuJsFunction;
  const t0 = performance.now();
  await f.ready();
  const readyMs = performance.now() - t0;
  const out = (await f(data.x, data.y)) as NDArray[];
  out[1]!.data[0];
  const firstResultMs = performance.now();
  const stats = f.stats();
  const steps: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s0 = performance.now();
    await f(data.x, data.y);
    steps.push(performance.now() - s0);
  }
  steps.sort((a, b) => a - b);
  const src = await shaders();
  const gl = document.createElement('canvas').getContext('webgl2')!;
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  return {
    scriptStartMs, firstCallMs: firstResultMs - t0, readyMs, firstResultMs, buildMs: stats.buildMs, glslCompileMs: compileMs(src), kernels: src.length,
    stepMs: steps[2]!, precompiled: stats.precompiled, mode: stats.mode, renderer: String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER)), done: true,
  };
}

export function report(run: () => Promise<StartupSample>): void {
  run().then((r) => { window.hypatiaStartup = r; }, (e: unknown) => {
    window.hypatiaStartup = { error: String((e as Error)?.stack ?? e), done: true } as StartupSample;
  });
}
