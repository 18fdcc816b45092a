// The benchmark page (bench/gpujs.ts builds and opens it): the seed's float32 training step
// on the CPU backend, on GPU.js in webgl2, with the same kernels precompiled to GLSL on the
// runtime's own WebGL2 runner, and on WebGPU, sampled alternately in one page; then what GPU.js
// kernels cost at startup on the JIT path, split into GPU.js's own work (parsing the kernel's
// JavaScript, generating GLSL) and the browser's GLSL compile. The driver reads
// `window.hypatiaBench`.
import { GPU } from 'gpu.js';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { type GpuJsClass, type GpuJsInstance, getGpu, setGpuJs } from '../../runtime/gpujs/gpu.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import { precompiledFunction } from '../../compiler/backends/gpujs/function.ts';
import { FEATS, logisticData } from '../logistic-data.ts';

const LR = 0.1, L2 = 0.01;

export interface Timing { msPerStep: number; min: number; max: number }
export interface Startup { kernels: number; compileGraphMs: number; firstCallMs: number; gpujsBuildMs: number; glslCompileMs: number; exportChars: number }
export interface BenchResult {
  userAgent?: string; renderer?: string; adapter?: string;
  timings?: Record<string, Timing>; launches?: number; maxWeightError?: Record<string, number>;
  startup?: Startup; error?: string; done: boolean;
}
declare global { interface Window { hypatiaBench?: BenchResult } }


/** 'precompiled': GPU.js's kernels translated to GLSL, as a bundle carries them, on the runtime's own runner. */
type Backend = 'cpu' | 'gpujs' | 'precompiled' | 'webgpu';
type Feed = 'inputs' | 'shared';
type Fn = (...a: unknown[]) => unknown;

/** One training step for `backend`: data passed each call with outputs read back, or kept in shared variables. */
function trainer(backend: Backend, feed: Feed, data: { x: NDArray; y: NDArray }) {
  const xs = T.shared(data.x, { name: 'X' }), ys = T.shared(data.y, { name: 'Y' });
  const x = feed === 'inputs' ? T.fmatrix('x') : xs, y = feed === 'inputs' ? T.fvector('y') : ys;
  const w = T.shared(T.zeros([FEATS], { dtype: 'float32' }).eval(), { name: 'w' });
  const b = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'b' });
  const z = T.tensor`(${x} @ ${w}) + ${b}`;
  const prediction = T.tensor`1 / (1 + exp(-${z})) > 0.5`;
  const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
  const cost = T.tensor`mean(${xent}) + ${L2} * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const updates = [[w, T.tensor`${w} - ${LR} * ${gw}`], [b, T.tensor`${b} - ${LR} * ${gb}`]] as const;
  const t0 = performance.now();
  const jit = (T.fn as unknown as (...a: unknown[]) => Fn)(feed === 'inputs' ? [x, y] : [], feed === 'inputs' ? [prediction, xent] : [], { updates, backend: backend === 'precompiled' ? 'gpujs' : backend });
  const f = backend === 'precompiled' ? precompiledFunction(jit as unknown as GpuJsFunction) as unknown as Fn : jit;
  const compileMs = performance.now() - t0;
  const args = feed === 'inputs' ? [data.x, data.y] : [];
  // reading the weights back waits for the GPU's queue, so a timed batch ends with its work done
  const sync = async () => { if (backend !== 'cpu') (await w.getValueAsync()).data[0]; };
  return { f, w, compileMs, step: async () => { await f(...args); }, sync };
}

/** Median ms per step over `samples` batches, the candidates taking turns. */
async function alternate(cands: Record<string, { step: () => Promise<void>; sync: () => Promise<void> }>, batch: number, samples: number): Promise<Record<string, Timing>> {
  const times: Record<string, number[]> = {};
  for (let s = 0; s < samples; s++) {
    for (const [k, c] of Object.entries(cands)) {
      await c.sync();
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) await c.step();
      await c.sync();
      (times[k] ??= []).push((performance.now() - t0) / batch);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, t]) => {
    const sorted = [...t].sort((a, b) => a - b);
    return [k, { msPerStep: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! }];
  }));
}

interface Recorded { kernel: { compiledFragmentShader?: string; compiledVertexShader?: string }; toString(...a: unknown[]): string; args?: unknown[] }

/** Every kernel GPU.js creates from now on, with the arguments of its first run. */
function recordKernels(gpu: GpuJsInstance): Recorded[] {
  const seen: Recorded[] = [];
  const create = gpu.createKernel.bind(gpu);
  gpu.createKernel = (source, settings) => {
    const k = create(source, settings) as unknown as Recorded & ((...a: unknown[]) => unknown);
    const entry = k as Recorded;
    seen.push(entry);
    const wrapped = ((...a: unknown[]) => { entry.args ??= a; return k(...a); }) as unknown as typeof k;
    return Object.assign(wrapped, { setOutput: (k as unknown as { setOutput(o: number[]): void }).setOutput.bind(k), toString: k.toString.bind(k) });
  };
  return seen;
}

/** The browser's compile and link of GLSL sources, in a context of its own (nothing cached). */
function glslCompileMs(shaders: [string, string][]): number {
  const gl = document.createElement('canvas').getContext('webgl2')!;
  const t0 = performance.now();
  shaders.forEach(([vs, fs], i) => {
    const prog = gl.createProgram()!;
    for (const [type, src] of [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]] as const) {
      const sh = gl.createShader(type)!;
      // a comment of its own, so no program cache recognizes the source
      gl.shaderSource(sh, `${src}\n// ${i} ${Math.random()}`);
      gl.compileShader(sh);
      gl.attachShader(prog, sh);
    }
    gl.linkProgram(prog);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(`link failed: ${gl.getProgramInfoLog(prog)}`);
  });
  return performance.now() - t0;
}

/** Startup costs; `exports` sizes the kernels' toString exports (run it last: exporting re-runs kernels on their arguments). */
async function startup(data: { x: NDArray; y: NDArray }): Promise<{ start: Startup; exports: () => number }> {
  const gpu = await getGpu();
  const recorded = recordKernels(gpu);
  const t = trainer('gpujs', 'inputs', data);
  const f = t.f as GpuJsFunction;
  const before = f.stats().buildMs;
  const t0 = performance.now();
  await t.step();
  const firstCallMs = performance.now() - t0;
  const gpujsBuildMs = f.stats().buildMs - before;
  const shaders = recorded.filter((r) => r.kernel.compiledFragmentShader).map((r) => [r.kernel.compiledVertexShader!, r.kernel.compiledFragmentShader!] as [string, string]);
  const exports = () => recorded.reduce((n, r) => n + (r.args ? r.toString(...r.args).length : 0), 0);
  return { start: { kernels: shaders.length, compileGraphMs: t.compileMs, firstCallMs, gpujsBuildMs, glslCompileMs: glslCompileMs(shaders), exportChars: 0 }, exports };
}

async function main(): Promise<BenchResult> {
  setGpuJs(GPU as unknown as GpuJsClass);
  const data = logisticData('float32');
  const gl = document.createElement('canvas').getContext('webgl2')!;
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  const info = (await navigator.gpu?.requestAdapter())?.info;
  const adapter = info ? `${info.vendor} ${info.architecture} ${info.description}`.trim() : 'none';
  // startup first, while GPU.js has compiled nothing yet
  const { start, exports } = await startup(data);
  const backends: Backend[] = adapter === 'none' ? ['cpu', 'gpujs', 'precompiled'] : ['cpu', 'gpujs', 'precompiled', 'webgpu'];
  const runs: Record<string, ReturnType<typeof trainer>> = {};
  for (const feed of ['inputs', 'shared'] as const) for (const b of backends) runs[`${b} ${feed}`] = trainer(b, feed, data);
  for (const r of Object.values(runs)) for (let i = 0; i < 3; i++) await r.step();
  const timings = await alternate(runs, 10, 7);
  const wc = runs['cpu inputs']!.w.getValue().data;
  const maxWeightError: Record<string, number> = {};
  for (const b of backends.slice(1)) {
    const wg = (await runs[`${b} inputs`]!.w.getValueAsync()).data;
    maxWeightError[b] = wc.reduce((m, v, i) => Math.max(m, Math.abs(v - wg[i]!)), 0);
  }
  const launches = (runs['gpujs inputs']!.f as GpuJsFunction).stats().launches;
  start.exportChars = exports();
  return { userAgent: navigator.userAgent, renderer, adapter, timings, launches, maxWeightError, startup: start, done: true };
}

main().then((r) => { window.hypatiaBench = r; }, (e: unknown) => { window.hypatiaBench = { error: String((e as Error)?.stack ?? e), done: true }; });
