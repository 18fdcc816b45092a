// The runtime's own WebGL2 runner for kernels the build translated to GLSL
// (compiler/backends/gpujs/glsl.ts): each kernel becomes a fragment shader drawn over its
// output texture, so at startup the browser compiles GLSL and nothing else runs: no GPU.js, no
// JavaScript parser, no GLSL generation. Values are the same as in GPU.js's webgl2 mode:
// float32 textures that stay on the GPU, reference counted, read back synchronously.
//
// Layout: a value of n elements is a near-square R32F texture, row by row; a kernel's thread i
// is the fragment at (i mod width, i div width), and reads its arrays with texelFetch. A kernel
// map's outputs are draw buffers of one draw.
import type { NDArray } from '../ndarray.ts';
import type { GpuJsKernel } from './code.ts';
import { type Dev, type KernelDevice, type Texture, floats } from './device.ts';
import { gpuSupplied } from './gpu.ts';
import { HELPERS } from './helpers.ts';

/** One triangle covering the viewport, from the vertex index alone: no buffers to set up. */
export const VERTEX = `#version 300 es
void main() {
  gl_Position = vec4(float((gl_VertexID & 1) << 2) - 1.0, float((gl_VertexID & 2) << 1) - 1.0, 0.0, 1.0);
}`;

/** Element i of a value, wherever its row ends. */
const READ = `float rd_(sampler2D t, float i) {
  int k = int(i);
  int w = textureSize(t, 0).x;
  return texelFetch(t, ivec2(k % w, k / w), 0).r;
}`;

/** The fragment shader around a translated kernel. */
export function fragmentShader(k: GpuJsKernel): string {
  const g = k.glsl;
  if (!g) throw new Error(`internal: kernel '${k.name}' has no GLSL`);
  const maps = k.maps?.length ?? 0;
  const lines = ['#version 300 es', 'precision highp float;', 'precision highp int;', 'precision highp sampler2D;', 'uniform int n_;', 'uniform int w_;'];
  [...g.params].forEach((p, j) => {
    if (p === 's') lines.push(`uniform sampler2D u${j};`);
    else if (p === 'f') lines.push(`uniform float u${j};`);
  });
  for (let o = 0; o <= maps; o++) lines.push(`layout(location = ${o}) out float o${o}_;`);
  lines.push('float tx_;', READ, ...k.helpers.map((h) => HELPERS[h]!.glsl));
  for (let o = 0; o < maps; o++) lines.push(`float keep${o}(float v) {\n  o${o}_ = v;\n  return v;\n}`);
  lines.push(g.source, 'void main() {', '  int i = int(gl_FragCoord.y) * w_ + int(gl_FragCoord.x);');
  // texels past the value's end (its last row's tail) are never read: skip their work
  lines.push(`  if (i >= n_) {\n${Array.from({ length: maps + 1 }, (_, o) => `    o${o}_ = 0.0;\n`).join('')}    return;\n  }`);
  lines.push('  tx_ = float(i);', `  o${maps}_ = kernel_();`, '}', '');
  return lines.join('\n');
}

/** A texture's storage, shared by the handles on it; back in the pool when the last is deleted. */
interface Store { tex: WebGLTexture; w: number; h: number; n: number; refs: number }

class GlTexture implements Texture {
  private live = true;
  constructor(private readonly device: GlDevice, readonly store: Store) {}
  toArray(): Float32Array { return this.device.read(this.store); }
  clone(): Texture {
    this.store.refs++;
    return new GlTexture(this.device, this.store);
  }
  delete(): void {
    if (!this.live) return;
    this.live = false;
    if (--this.store.refs === 0) this.device.recycle(this.store);
  }
}

interface Program {
  program: WebGLProgram;
  shader: WebGLShader;
  name: string;
  /** Linked and checked, locations known. */
  checked: boolean;
  outputs: number;
  params: string;
  locs: (WebGLUniformLocation | null)[];
  n: WebGLUniformLocation | null;
  w: WebGLUniformLocation | null;
}

/** Free textures of one size kept for reuse: a training step makes the same sizes every call. */
const POOL_PER_SIZE = 16;

export class GlDevice implements KernelDevice {
  readonly mode = 'webgl2';
  readonly precompiled = true;
  buildMs = 0;
  readonly gl: WebGL2RenderingContext;
  private readonly maxSize: number;
  private readonly vertex: WebGLShader;
  private readonly fbo: WebGLFramebuffer;
  private attached = 0;
  private readonly bySource = new Map<string, Program>();
  private readonly byKernel = new WeakMap<GpuJsKernel, Program>();
  private readonly free = new Map<number, Store[]>();
  /** readPixels straight into one float per element (RED), when the context offers it for R32F. */
  private readRed: boolean | null = null;

  constructor(gl: WebGL2RenderingContext) {
    this.gl = gl;
    this.maxSize = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.vertex = gl.createShader(gl.VERTEX_SHADER)!;
    gl.shaderSource(this.vertex, VERTEX);
    gl.compileShader(this.vertex);
    this.fbo = gl.createFramebuffer()!;
    gl.disable(gl.DITHER);
    gl.disable(gl.BLEND);
  }

  /** Compile and link without waiting: the browser works on them while the call goes on. */
  prepare(kernels: readonly GpuJsKernel[]): void {
    const t0 = performance.now();
    for (const k of kernels) this.build(k);
    this.buildMs += performance.now() - t0;
  }

  private build(k: GpuJsKernel): Program {
    const have = this.byKernel.get(k);
    if (have) return have;
    const source = fragmentShader(k);
    let p = this.bySource.get(source);
    if (!p) {
      const gl = this.gl;
      const shader = gl.createShader(gl.FRAGMENT_SHADER)!;
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      const program = gl.createProgram()!;
      gl.attachShader(program, this.vertex);
      gl.attachShader(program, shader);
      gl.linkProgram(program);
      p = { program, shader, name: k.name, checked: false, outputs: (k.maps?.length ?? 0) + 1, params: k.glsl!.params, locs: [], n: null, w: null };
      this.bySource.set(source, p);
    }
    this.byKernel.set(k, p);
    return p;
  }

  /** A linked program; the first use waits for the browser's compile and reports its errors. */
  private use(k: GpuJsKernel): Program {
    const p = this.build(k);
    if (p.checked) return p;
    const gl = this.gl;
    if (!gl.getProgramParameter(p.program, gl.LINK_STATUS)) {
      const log = gl.getShaderInfoLog(p.shader) || gl.getProgramInfoLog(p.program) || gl.getShaderInfoLog(this.vertex);
      throw new Error(`gpujs: the GLSL of kernel '${p.name}' did not compile: ${log}`);
    }
    p.locs = [...p.params].map((c, j) => (c === '-' ? null : gl.getUniformLocation(p.program, `u${j}`)));
    p.n = gl.getUniformLocation(p.program, 'n_');
    p.w = gl.getUniformLocation(p.program, 'w_');
    p.checked = true;
    return p;
  }

  /**
   * Near-square: fragments are shaded in 2x2 quads, so a one-row texture would leave half of
   * every quad's lanes idle, doubling the time of kernels with long loops (matmul, reductions).
   */
  private dims(n: number): [number, number] {
    const w = Math.min(this.maxSize, Math.ceil(Math.sqrt(n))), h = Math.ceil(n / w);
    if (h > this.maxSize) throw new RangeError(`gpujs: ${n} elements do not fit in a ${this.maxSize}x${this.maxSize} texture`);
    return [w, h];
  }

  private alloc(w: number, h: number, n: number): Store {
    const reused = this.free.get(w * 65536 + h)?.pop();
    if (reused) {
      reused.refs = 1;
      reused.n = n;
      return reused;
    }
    const gl = this.gl;
    const tex = gl.createTexture()!;
    gl.bindTexture(gl.TEXTURE_2D, tex);
    gl.texStorage2D(gl.TEXTURE_2D, 1, gl.R32F, w, h);
    // float textures cannot be filtered; NEAREST also makes a texture without mipmaps complete
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.NEAREST);
    gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.NEAREST);
    return { tex, w, h, n, refs: 1 };
  }

  recycle(s: Store): void {
    const key = s.w * 65536 + s.h;
    const list = this.free.get(key) ?? [];
    if (list.length >= POOL_PER_SIZE) {
      this.gl.deleteTexture(s.tex);
      return;
    }
    list.push(s);
    this.free.set(key, list);
  }

  /** Attach `stores` as color attachments 0.., and nothing after them (no texture is both read and drawn). */
  private attach(stores: readonly Store[]): void {
    const gl = this.gl;
    gl.bindFramebuffer(gl.FRAMEBUFFER, this.fbo);
    stores.forEach((s, o) => gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0 + o, gl.TEXTURE_2D, s.tex, 0));
    for (let o = stores.length; o < this.attached; o++) gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0 + o, gl.TEXTURE_2D, null, 0);
    this.attached = stores.length;
  }

  launch(k: GpuJsKernel, n: number, args: readonly unknown[]): Dev[] {
    const first = !this.byKernel.get(k)?.checked;
    const t0 = first ? performance.now() : 0;
    const p = this.use(k);
    const gl = this.gl;
    // an empty result is a one-texel texture nobody reads, as in GPU.js: kernels always see textures
    const size = Math.max(1, n);
    const [w, h] = this.dims(size);
    const outs = Array.from({ length: p.outputs }, () => this.alloc(w, h, size));
    gl.useProgram(p.program);
    this.attach(outs);
    gl.drawBuffers(outs.map((_, o) => gl.COLOR_ATTACHMENT0 + o));
    gl.viewport(0, 0, w, h);
    gl.uniform1i(p.n, size);
    gl.uniform1i(p.w, w);
    const temps: GlTexture[] = [];
    let unit = 0;
    args.forEach((a, j) => {
      const loc = p.locs[j] ?? null;
      if (typeof a === 'number') {
        if (loc) gl.uniform1f(loc, a);
        return;
      }
      let t: GlTexture;
      if (a instanceof GlTexture) t = a;
      else if (a instanceof Float32Array) temps.push((t = this.uploadFloats(a)));
      else throw new TypeError(`internal: kernel '${p.name}' was given ${String(a)} for parameter ${j}`);
      if (!loc) return;
      gl.activeTexture(gl.TEXTURE0 + unit);
      gl.bindTexture(gl.TEXTURE_2D, t.store.tex);
      gl.uniform1i(loc, unit++);
    });
    gl.drawArrays(gl.TRIANGLES, 0, 3);
    for (const t of temps) t.delete();
    if (first) this.buildMs += performance.now() - t0;
    return outs.map((s) => new GlTexture(this, s));
  }

  upload(a: NDArray): Dev {
    return this.uploadFloats(floats(a));
  }

  private uploadFloats(f: Float32Array): GlTexture {
    const gl = this.gl;
    const [w, h] = this.dims(Math.max(1, f.length));
    const s = this.alloc(w, h, Math.max(1, f.length));
    gl.bindTexture(gl.TEXTURE_2D, s.tex);
    const rows = Math.floor(f.length / w), rest = f.length - rows * w;
    if (rows > 0) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, 0, w, rows, gl.RED, gl.FLOAT, f, 0);
    if (rest > 0 && rows < h) gl.texSubImage2D(gl.TEXTURE_2D, 0, 0, rows, rest, 1, gl.RED, gl.FLOAT, f, rows * w);
    return new GlTexture(this, s);
  }

  /** A value's elements, read back now (waits for the kernels that make it). */
  read(s: Store): Float32Array {
    const gl = this.gl;
    this.attach([s]);
    gl.readBuffer(gl.COLOR_ATTACHMENT0);
    this.readRed ??= gl.getParameter(gl.IMPLEMENTATION_COLOR_READ_FORMAT) === gl.RED && gl.getParameter(gl.IMPLEMENTATION_COLOR_READ_TYPE) === gl.FLOAT;
    const out = new Float32Array(s.n);
    if (this.readRed) {
      const rows = Math.floor(s.n / s.w), rest = s.n - rows * s.w;
      if (rows > 0) gl.readPixels(0, 0, s.w, rows, gl.RED, gl.FLOAT, out, 0);
      if (rest > 0) gl.readPixels(0, rows, rest, 1, gl.RED, gl.FLOAT, out, rows * s.w);
      return out;
    }
    // RGBA/FLOAT is the read every float color buffer supports
    const rgba = new Float32Array(s.w * s.h * 4);
    gl.readPixels(0, 0, s.w, s.h, gl.RGBA, gl.FLOAT, rgba);
    for (let i = 0; i < s.n; i++) out[i] = rgba[4 * i]!;
    return out;
  }
}

let enabled = true;
/** undefined: not looked for yet. */
let context: WebGL2RenderingContext | null | undefined;
let device: GlDevice | null = null;

/**
 * Whether kernels translated at build time run on the runtime's WebGL2 runner (the default) or
 * through GPU.js like the JIT path's (false: GPU.js must then be loaded).
 */
export function setGpuJsPrecompiled(on: boolean): void {
  enabled = on;
}

/** The WebGL2 context precompiled kernels run in (a worker's OffscreenCanvas, say); the runtime's own by default. It should be theirs alone: the runner keeps its state. */
export function setWebGl2Context(gl: WebGL2RenderingContext): void {
  context = gl;
  device = null;
}

function findContext(): WebGL2RenderingContext | null {
  const g = globalThis as { OffscreenCanvas?: typeof OffscreenCanvas; document?: Document };
  const options: WebGLContextAttributes = { alpha: false, depth: false, stencil: false, antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: false };
  const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document ? g.document.createElement('canvas') : null;
  return (canvas?.getContext('webgl2', options) as WebGL2RenderingContext | null | undefined) ?? null;
}

/**
 * The runner for these kernels, or null when GPU.js runs them: some kernel has no GLSL (a JIT
 * program), the app chose a GPU.js instance (setGpu) or turned precompiled kernels off, or there
 * is no WebGL2 with float render targets (Node, old browsers).
 */
export function precompiledDevice(kernels: readonly GpuJsKernel[]): GlDevice | null {
  if (!enabled || gpuSupplied() || !kernels.every((k) => k.glsl)) return null;
  if (device) return device;
  if (context === undefined) context = findContext();
  // rendering to R32F needs EXT_color_buffer_float (GPU.js's webgl2 mode needs it as well)
  if (!context || !context.getExtension('EXT_color_buffer_float')) return null;
  device = new GlDevice(context);
  return device;
}

/** Why precompiled kernels fell back to GPU.js, where that is worth saying (GPU.js then failed to load). */
export function fallbackReason(kernels: readonly GpuJsKernel[]): string | null {
  if (!enabled || gpuSupplied() || !kernels.every((k) => k.glsl)) return null;
  return 'the kernels are precompiled, but this environment has no WebGL2 with EXT_color_buffer_float to run them, so GPU.js runs them';
}
