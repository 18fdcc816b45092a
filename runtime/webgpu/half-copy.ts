// Copies at 2-byte granularity. copyBufferToBuffer needs offsets and sizes that are multiples
// of 4; with float16 packed (2 bytes an element) a row of odd length starts and ends in the
// middle of a 32-bit word (a scan's row t of a float16 matrix with 5 columns is at byte 10t).
// Such copies run this kernel instead: both buffers are bound as u32 words, one invocation per
// destination word, and the invocation that owns a word moves both of its halves, keeping a
// half that lies outside the copied range (a read-modify-write of the first and last word,
// done by one invocation each, so no two invocations write the same word).
//
// A copy is `rows` rows of `n` halves, row r read at src + r * sstride and written at
// dst + r * dstride (in halves): a contiguous copy is one row; a scan pads rows of odd length
// to whole words and back with one strided copy each way (ops/scan.ts).
//
// A call may make many such copies, each with its own offsets: their parameters are records in
// uniform buffers of 256 records, bound with a dynamic offset, written once before the command
// buffer that uses them is submitted; record k of a call is the k-th such copy it encodes, so a
// call that repeats the previous one's copies writes nothing. Records are never rewritten
// within a call, so recorded commands replay as is.
import { UNIFORM_USAGE } from './pool.ts';

export const HALF_COPY_WGSL = `struct P { src: u32, dst: u32, n: u32, rows: u32, sstride: u32, dstride: u32, words: u32, pad: u32 }
@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read_write> b: array<u32>;
const NONE = 0xffffffffu;
// half i of the source: WGSL's memory is little-endian, so the low 16 bits of word i / 2 come first
fn half_(i: u32) -> u32 { return (a[i >> 1u] >> ((i & 1u) << 4u)) & 0xffffu; }
// the source half that destination half d receives, or NONE when d is not written
fn from_(d: u32) -> u32 {
  if (d < p.dst) { return NONE; }
  let r = (d - p.dst) / p.dstride;
  let c = (d - p.dst) - r * p.dstride;
  if (r >= p.rows || c >= p.n) { return NONE; }
  return p.src + r * p.sstride + c;
}
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.x + gid.y * nwg.x * 256u;
  if (k >= p.words) { return; }
  // the destination word this invocation owns, and the source of each of its halves
  let w = (p.dst >> 1u) + k;
  let s0 = from_(w << 1u);
  let s1 = from_((w << 1u) + 1u);
  if (s0 != NONE && s1 == s0 + 1u && (s0 & 1u) == 0u) { b[w] = a[s0 >> 1u]; return; }
  var v = 0u;
  if (s0 == NONE || s1 == NONE) { v = b[w]; }
  if (s0 != NONE) { v = (v & 0xffff0000u) | half_(s0); }
  if (s1 != NONE) { v = (v & 0x0000ffffu) | (half_(s1) << 16u); }
  b[w] = v;
}
`;

/** Bytes of a parameter record (8 u32). */
const RECORD = 32;

/** The copy kernel of a device (explicit layout: its parameter block has a dynamic offset). */
export interface HalfCopyKernel { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout }

/** 1 | 2 | 4: GPUShaderStage.COMPUTE is 4 (numeric: the global is absent in some hosts). */
const COMPUTE = 4;

export function createHalfCopyKernel(device: GPUDevice): HalfCopyKernel {
  const layout = device.createBindGroupLayout({
    label: 'hypatia half copy',
    entries: [
      { binding: 0, visibility: COMPUTE, buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: RECORD } },
      { binding: 1, visibility: COMPUTE, buffer: { type: 'read-only-storage' } },
      { binding: 2, visibility: COMPUTE, buffer: { type: 'storage' } },
    ],
  });
  const module = device.createShaderModule({ code: HALF_COPY_WGSL, label: 'hypatia half copy' });
  const pipeline = device.createComputePipeline({
    label: 'hypatia half copy',
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  return { pipeline, layout };
}

/** A copy in bytes (all even): `rows` rows of `bytes`, row r from `from + r * srcStride` to `to + r * dstStride`. */
export interface RowCopy { from: number; srcStride: number; to: number; dstStride: number; bytes: number; rows: number }

/** The destination words a copy touches: from the first half written to the last. */
export function halfCopyWords(dst: number, n: number, rows = 1, dstride = n): number {
  const last = dst + (rows - 1) * dstride + n - 1;
  return (last >> 1) - (dst >> 1) + 1;
}

/** A copy as the kernel runs it: its parameter record, and a grid of 256-invocation workgroups. */
export interface HalfCopyLaunch { params: number[]; grid: [number, number, number] }

/** The kernel's parameters and grid for a copy (a single row: `rows` 1, strides its size). */
export function halfCopyLaunch(c: RowCopy): HalfCopyLaunch {
  const { from, srcStride, to, dstStride, bytes, rows } = c;
  if ((from | srcStride | to | dstStride | bytes) & 1 || bytes <= 0 || rows < 1 || (rows > 1 && dstStride < bytes)) {
    throw new Error(`internal: a device copy of ${rows} rows of ${bytes} bytes from ${from} (stride ${srcStride}) to ${to} (stride ${dstStride}) is not in whole 16-bit halves or its rows overlap`);
  }
  const n = bytes / 2, dstride = rows > 1 ? dstStride / 2 : n;
  const words = halfCopyWords(to / 2, n, rows, dstride);
  const groups = Math.ceil(words / 256);
  const x = Math.min(groups, 65535), y = Math.ceil(groups / x);
  if (y > 65535) throw new RangeError(`webgpu: a copy of ${rows} rows of ${bytes} bytes exceeds the dispatch limit`);
  return { params: [from / 2, to / 2, n, rows, rows > 1 ? srcStride / 2 : n, dstride, words, 0], grid: [x, y, 1] };
}

const PER_CHUNK = 256;

interface Chunk {
  buf: GPUBuffer;
  /** What the records should hold (the device's copy after `sync`). */
  host: Uint32Array;
  /** Records changed since the last sync: [lo, hi), empty when lo >= hi. */
  lo: number;
  hi: number;
  groups: WeakMap<GPUBuffer, WeakMap<GPUBuffer, GPUBindGroup>>;
}

/** One command stream's copy parameters (encoding.ts): record k is the call's k-th copy. */
export class HalfCopies {
  private readonly device: GPUDevice;
  private readonly kernel: () => HalfCopyKernel;
  private readonly create: (bytes: number, usage: number) => GPUBuffer;
  private readonly stride: number;
  private readonly chunks: Chunk[] = [];
  /** Records used by this call. */
  private used = 0;

  constructor(device: GPUDevice, kernel: () => HalfCopyKernel, create: (bytes: number, usage: number) => GPUBuffer) {
    this.device = device;
    this.kernel = kernel;
    this.create = create;
    this.stride = Math.max(RECORD, device.limits.minUniformBufferOffsetAlignment);
  }

  /** Start a call: records are numbered from 0 again. */
  reset(): void { this.used = 0; }

  /** Drop every record buffer (after a WebGPU error one may be invalid); later copies make new ones. */
  drop(destroy: (buf: GPUBuffer) => void): void {
    for (const ch of this.chunks) destroy(ch.buf);
    this.chunks.length = 0;
    this.used = 0;
  }

  /** Take the next record for this copy: what to dispatch. */
  prepare(src: GPUBuffer, dst: GPUBuffer, copy: RowCopy): { pipeline: GPUComputePipeline; group: GPUBindGroup; offsets: number[]; grid: [number, number, number] } {
    if (src === dst) throw new Error('internal: a device copy within one buffer');
    const { params, grid } = halfCopyLaunch(copy);
    const k = this.used++;
    const c = Math.floor(k / PER_CHUNK), r = k % PER_CHUNK;
    const kernel = this.kernel();
    while (this.chunks.length <= c) {
      const buf = this.create(PER_CHUNK * this.stride, UNIFORM_USAGE);
      // a new buffer is zeros, as is its host copy: nothing to write yet
      this.chunks.push({ buf, host: new Uint32Array((PER_CHUNK * this.stride) / 4), lo: PER_CHUNK, hi: 0, groups: new WeakMap() });
    }
    const chunk = this.chunks[c]!;
    const at = (r * this.stride) / 4;
    if (params.some((v, j) => chunk.host[at + j] !== v)) {
      // the device's copy differs (a dirty record not yet written stays dirty)
      chunk.host.set(params, at);
      chunk.lo = Math.min(chunk.lo, r);
      chunk.hi = Math.max(chunk.hi, r + 1);
    }
    let bySrc = chunk.groups.get(src);
    if (!bySrc) chunk.groups.set(src, (bySrc = new WeakMap()));
    let group = bySrc.get(dst);
    if (!group) {
      group = this.device.createBindGroup({
        layout: kernel.layout,
        entries: [
          { binding: 0, resource: { buffer: chunk.buf, size: RECORD } },
          { binding: 1, resource: { buffer: src } },
          { binding: 2, resource: { buffer: dst } },
        ],
      });
      bySrc.set(dst, group);
    }
    return { pipeline: kernel.pipeline, group, offsets: [r * this.stride], grid };
  }

  /** Write the records changed since the last sync (before submitting the commands that read them). */
  sync(): void {
    for (const ch of this.chunks) {
      if (ch.lo >= ch.hi) continue;
      const start = ch.lo * this.stride, end = (ch.hi - 1) * this.stride + RECORD;
      this.device.queue.writeBuffer(ch.buf, start, ch.host.buffer, ch.host.byteOffset + start, end - start);
      ch.lo = PER_CHUNK;
      ch.hi = 0;
    }
  }
}
