// Values on the GPU.js side and the kernels that make them. In webgl2 a kernel's result is a
// texture that stays on the GPU (pipeline mode) until something reads it; in cpu mode it is a
// Float32Array. Either way every element is a float32, so values cross to and from the host
// through a conversion to the slot's dtype. Two devices run kernels: GPU.js (this file), and
// the runtime's own WebGL2 runner for kernels translated to GLSL at build time (gl.ts).
import { STORAGE, type DType } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';
import type { GpuJsKernel } from './code.ts';
import type { GpuJsInstance, GpuJsKernelFn } from './gpu.ts';
import { HELPERS } from './helpers.ts';

/** A GPU.js texture, reference counted: every handle is deleted once. */
export interface Texture {
  toArray(): Float32Array | Float32Array[];
  clone(): Texture;
  delete(): void;
}

/** A value as kernels take and give it, flat. */
export type Dev = Float32Array | Texture;

export const isTexture = (d: Dev): d is Texture => !(d instanceof Float32Array);

/** Kernels run in GPU.js as 1-D outputs; loops may run as long as 2^24 (float indices' exact range). */
const LOOP_MAX = 1 << 24;

/** GPU.js needs at least one element in every array it is given; this one is never read. */
const EMPTY = new Float32Array(1);

interface Made { fn: GpuJsKernelFn; n: number; outputs: number }

/** What the executor needs of whatever runs the kernels. */
export interface KernelDevice {
  /** 'webgl2' or 'cpu'. */
  readonly mode: string;
  /** Kernels run from GLSL translated at build time, not through GPU.js. */
  readonly precompiled: boolean;
  /** Milliseconds spent in kernels' first runs (building them, compiling their shaders). */
  buildMs: number;
  /** Run `k` over `n` elements: its outputs (a kernel map's sub-kernel outputs, then its result), handles the caller owns. */
  launch(k: GpuJsKernel, n: number, args: readonly unknown[]): Dev[];
  /** A host value as kernels read it: in webgl2 a texture (kept by its owner), else the floats. */
  upload(a: NDArray): Dev;
}

let tail: Promise<unknown> = Promise.resolve();

/**
 * Run `task` after every call queued before it, on any device: a call's updates are what the
 * next one reads, whichever device runs it.
 */
export function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = tail.then(task);
  tail = run.catch(() => undefined);
  return run;
}

/**
 * The kernels of one GPU.js instance: created on first use (GPU.js parses the function and,
 * in webgl2, compiles GLSL then), shared by every function whose kernel has the same source.
 */
export class GpuJsDevice implements KernelDevice {
  readonly gpu: GpuJsInstance;
  readonly gl: boolean;
  readonly precompiled = false;
  private readonly made = new Map<string, Made>();
  private uploader: Made | null = null;
  private readonly built = new WeakSet<Made>();
  /** Milliseconds spent in first calls of kernels (GPU.js's parse and, in webgl2, GLSL compile). */
  buildMs = 0;

  constructor(gpu: GpuJsInstance) {
    this.gpu = gpu;
    this.gl = gpu.mode !== 'cpu';
  }

  get mode(): string { return this.gpu.mode ?? 'webgl2'; }

  private create(source: string, helpers: readonly string[], maps: readonly string[] = []): Made {
    const fns = helpers.map((h) => HELPERS[h]!);
    const settings = {
      output: [1], dynamicOutput: true, dynamicArguments: true, pipeline: this.gl, immutable: true,
      precision: 'single', tactic: 'precision', loopMaxIterations: LOOP_MAX,
      ...(this.gl
        ? { nativeFunctions: helpers.map((h, k) => ({ name: h, source: fns[k]!.glsl, returnType: 'Number', argumentTypes: fns[k]!.args })) }
        : { functions: fns.map((f) => f.js) }),
    };
    const fn = maps.length ? this.gpu.createKernelMap([...maps], source, settings) : this.gpu.createKernel(source, settings);
    return { fn, n: 1, outputs: maps.length + 1 };
  }

  private kernel(k: GpuJsKernel): Made {
    let m = this.made.get(k.source);
    if (!m) this.made.set(k.source, (m = this.create(k.source, k.helpers, k.maps)));
    return m;
  }

  launch(k: GpuJsKernel, n: number, args: readonly unknown[]): Dev[] {
    return this.run(this.kernel(k), n, args);
  }

  private run(m: Made, n: number, args: readonly unknown[]): Dev[] {
    if (n === 0 && !this.gl) return Array.from({ length: m.outputs }, () => new Float32Array(0));
    // in webgl2 an empty result is a one-texel texture nobody reads: kernels always see textures
    const size = Math.max(1, n);
    if (m.n !== size) { m.fn.setOutput([size]); m.n = size; }
    const first = !this.built.has(m);
    const t0 = first ? performance.now() : 0;
    const r = m.fn(...args.map((a) => (a instanceof Float32Array && a.length === 0 ? EMPTY : a)));
    if (first) { this.built.add(m); this.buildMs += performance.now() - t0; }
    if (m.outputs === 1) return [r as Dev];
    const map = r as Record<string, Dev>;
    return [...Array.from({ length: m.outputs - 1 }, (_, k) => map[k]!), map.result!];
  }

  upload(a: NDArray): Dev {
    const f = floats(a);
    if (!this.gl) return f;
    this.uploader ??= this.create('function (a) {\n  return a[this.thread.x];\n}', []);
    // an empty value still becomes a (one-texel) texture: kernels then always see textures
    return this.run(this.uploader, Math.max(1, f.length), [f.length ? f : EMPTY])[0]!;
  }
}

/** The float32 elements of a host array (its own data when it is float32). */
export function floats(a: NDArray): Float32Array {
  return a.data instanceof Float32Array ? a.data : Float32Array.from(a.data);
}

/** A value read back into a new host array of `dtype`. */
export function readBack(d: Dev, dtype: DType, shape: readonly number[]): NDArray {
  const raw = isTexture(d) ? d.toArray() : d;
  const flat = Array.isArray(raw) ? Float32Array.from(raw.flatMap((r) => Array.from(r))) : raw;
  const n = shape.reduce((p, s) => p * s, 1);
  const src = flat.length === n ? flat : flat.subarray(0, n);
  return new NDArray(dtype, shape, STORAGE[dtype].from(src));
}

/** A handle of one's own on a value (textures are reference counted; arrays are never written). */
export const take = (d: Dev): Dev => (isTexture(d) ? d.clone() : d);

export function release(d: Dev | null): void {
  if (d !== null && isTexture(d)) d.delete();
}
