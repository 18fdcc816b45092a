// The GPU.js part of a program: kernel functions in GPU.js's JavaScript subset and the launch
// plan that runs them. Plain JSON, so the build plugin can serialize it like the CPU source.
// Every kernel computes a flat 1-D output (element i = this.thread.x) and reads its arrays
// flat, so one kernel serves every shape: sizes and strides arrive as number arguments.
import type { DType } from '../dtype.ts';
import type { IndexSpec, SlotInfo } from '../device/code.ts';

export interface GpuJsKernel {
  name: string;
  /** `function (a0, ..., p0, ...) { ... }`: arrays first, then number parameters. */
  source: string;
  /** Helper functions it calls (runtime/gpujs/helpers.ts), by name. */
  helpers: string[];
  /** Graph ops it computes, for listings. */
  ops: string[];
  /**
   * Sub-kernels of a kernel map: `function keepK(v) { return v; }`, whose calls in the kernel
   * write output K; the kernel's own result comes after them.
   */
  maps?: string[];
  /** The kernel translated to GLSL at build time: set, it runs without GPU.js in webgl2. */
  glsl?: GlslKernel;
}

/**
 * A kernel as GLSL ES 3.00 (compiler/backends/gpujs/glsl.ts), for the runtime's own WebGL2
 * runner (runtime/gpujs/gl.ts), which wraps it in a fragment shader: uniforms, outputs,
 * helpers, `main`. Parameter j is `uJ`, `this.thread.x` is `tx_`, array j is read with `rd_(uJ, i)`.
 */
export interface GlslKernel {
  /** A letter per parameter, in order: `s` an array (a sampler), `f` a number (a float), `-` unused. */
  params: string;
  /** `float kernel_() { ... }`. */
  source: string;
}

export type { IndexSpec, SlotInfo, SlotSource } from '../device/code.ts';

export type GpuJsStep =
  /** Fused elementwise kernels over `ins` (array inputs, in argument order); `more` are a kernel map's other outputs. */
  | { op: 'elemwise'; kernel: number; ins: number[]; out: number; more: number[]; name: string }
  /** A dimshuffle that keeps its real axes in order: the same data under a new shape. */
  | { op: 'view'; in: number; pattern: (number | 'x')[]; out: number }
  | { op: 'transpose'; kernel: number; in: number; pattern: (number | 'x')[]; out: number }
  | { op: 'reshape'; in: number; shape: number; out: number }
  | { op: 'shape'; in: number; out: number }
  /** `kernel` reduces chunks of the reduced positions; long reductions run it twice. */
  | { op: 'reduce'; kernel: number; again: number; in: number; out: number; axes: number[]; keepdims: boolean; name: string }
  | { op: 'argreduce'; kernel: number; in: number; out: number; axis: number | null; keepdims: boolean; name: string }
  | { op: 'matmul'; kernel: number; a: number; b: number; out: number; form: 'dot' | 'batched' }
  /** a and b are first copied into (free, summed) and (summed, free) order when `permute*` is set. */
  | { op: 'tensordot'; kernel: number; permuteA: number | null; permuteB: number | null; a: number; b: number; out: number; axesA: number[]; axesB: number[] }
  /** `kernel` is a strided copy for basic indexing, a gather with index arrays. */
  | { op: 'subtensor'; kernel: number; x: number; spec: IndexSpec; out: number; name: string }
  | { op: 'set_subtensor'; kernel: number; x: number; y: number; spec: IndexSpec; out: number; name: string }
  | { op: 'concatenate'; kernel: number; ins: number[]; axis: number; out: number }
  /** `rank` gives each element its place in its lane, `place` reads the element of each place. */
  | { op: 'sort'; kernels: { rank: number; place: number }; in: number; axis: number | null; out: number; arg: boolean; name: string }
  | { op: 'alloc'; kernel: number; value: number; dims: number[]; out: number }
  | { op: 'arange'; kernel: number; args: number[]; out: number }
  | { op: 'eye'; kernel: number; args: number[]; out: number }
  /** A step that runs on the CPU (`host[fn]`): shape arithmetic, bounds, random draws. */
  | { op: 'host'; fn: number; ins: number[]; out: number; name: string };

export type GpuJsOp = GpuJsStep['op'];

/** A step compiled for the CPU: a factory `(K, C) => run` over `constants` (program constant indices). */
export interface GpuJsHostCode { source: string; constants: number[] }

export interface GpuJsCode {
  kernels: GpuJsKernel[];
  slots: SlotInfo[];
  steps: GpuJsStep[];
  /** The slot of each output, then of each update value (program order). */
  results: number[];
  host: GpuJsHostCode[];
}
