// A call's command stream: compute passes of dispatches with buffer copies between them, in
// command buffers submitted when the host must wait (a readback) or the buffer grows long.
// A stretch of it can be recorded and replayed: a scan encodes its step graph once and
// replays the commands for every further step, since every step launches the same kernels
// with the same parameters on the same buffers (only the row copies around them differ).
//
// A copy whose offsets and size are multiples of 4 is a copyBufferToBuffer; any other (float16
// packed two to a word: half-copy.ts) is a dispatch of the runtime's half-copy kernel, recorded
// as that dispatch, whose parameter record stays the same for the rest of the call.
import type { GpuContext } from './context.ts';
import { HalfCopies, type RowCopy } from './half-copy.ts';

export type Command =
  | { kind: 'dispatch'; pipeline: GPUComputePipeline; group: GPUBindGroup; grid: readonly [number, number, number]; offsets?: readonly number[] }
  | { kind: 'copy'; src: GPUBuffer; from: number; dst: GPUBuffer; to: number; bytes: number };

export class Encoding {
  /**
   * Commands per command buffer before it is submitted: a loop of many steps would otherwise
   * hold every step's commands in memory until the end of the call. Submitting early is safe:
   * what a later command reads was written by commands before it or by queue writes made
   * before the call encoded them.
   */
  static submitEvery = 16384;

  private readonly device: GPUDevice;
  private readonly halves: HalfCopies;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly recorders: Command[][] = [];
  private unsubmitted = 0;
  /** Kernels dispatched since `reset`. */
  dispatches = 0;
  /** Command buffers submitted since `reset`. */
  submits = 0;
  /** Copies since `reset` that ran the half-copy kernel (counted in `dispatches` too). */
  halfCopies = 0;

  constructor(ctx: Pick<GpuContext, 'device' | 'pool' | 'halfCopyKernel'>) {
    this.device = ctx.device;
    this.halves = new HalfCopies(ctx.device, () => ctx.halfCopyKernel(), (bytes, usage) => ctx.pool.create(bytes, usage));
  }

  /** Start a call. */
  reset(): void {
    this.dispatches = 0;
    this.submits = 0;
    this.halfCopies = 0;
    this.halves.reset();
  }

  dispatch(pipeline: GPUComputePipeline, group: GPUBindGroup, grid: readonly [number, number, number], offsets?: readonly number[]): void {
    this.encoder ??= this.device.createCommandEncoder();
    this.pass ??= this.encoder.beginComputePass();
    this.pass.setPipeline(pipeline);
    if (offsets) this.pass.setBindGroup(0, group, offsets);
    else this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(grid[0], grid[1], grid[2]);
    this.dispatches++;
    for (const r of this.recorders) r.push(offsets ? { kind: 'dispatch', pipeline, group, grid, offsets } : { kind: 'dispatch', pipeline, group, grid });
    this.count();
  }

  /** Copy `bytes` bytes (even) from byte `from` of `src` to byte `to` of `dst` (another buffer). */
  copy(src: GPUBuffer, from: number, dst: GPUBuffer, to: number, bytes: number): void {
    if (bytes <= 0) return;
    if ((from | to | bytes) & 3) {
      this.halfCopy(src, dst, { from, srcStride: bytes, to, dstStride: bytes, bytes, rows: 1 });
      return;
    }
    this.endPass();
    this.encoder ??= this.device.createCommandEncoder();
    this.encoder.copyBufferToBuffer(src, from, dst, to, bytes);
    for (const r of this.recorders) r.push({ kind: 'copy', src, from, dst, to, bytes });
    this.count();
  }

  /**
   * Copy `rows` rows of `bytes` bytes, row r from byte `from + r * srcStride` of `src` to byte
   * `to + r * dstStride` of `dst` (everything even; rows must not overlap in dst): one command
   * for any number of rows, unless it is a plain copy.
   */
  copyRows(src: GPUBuffer, from: number, srcStride: number, dst: GPUBuffer, to: number, dstStride: number, bytes: number, rows: number): void {
    if (bytes <= 0 || rows <= 0) return;
    if (rows === 1 || (srcStride === bytes && dstStride === bytes)) this.copy(src, from, dst, to, rows * bytes);
    else this.halfCopy(src, dst, { from, srcStride, to, dstStride, bytes, rows });
  }

  private halfCopy(src: GPUBuffer, dst: GPUBuffer, c: RowCopy): void {
    const h = this.halves.prepare(src, dst, c);
    this.halfCopies++;
    this.dispatch(h.pipeline, h.group, h.grid, h.offsets);
  }

  /** Start recording; every command until `stop(r)` is also appended to r. Recordings nest. */
  record(): Command[] {
    const r: Command[] = [];
    this.recorders.push(r);
    return r;
  }

  stop(r: Command[]): void {
    const k = this.recorders.lastIndexOf(r);
    if (k >= 0) this.recorders.splice(k, 1);
  }

  /** Encode recorded commands again (an enclosing recording sees them too). */
  replay(cmds: readonly Command[]): void {
    for (const c of cmds) {
      if (c.kind === 'dispatch') {
        // only half copies bind with a dynamic offset
        if (c.offsets) this.halfCopies++;
        this.dispatch(c.pipeline, c.group, c.grid, c.offsets);
      }
      else this.copy(c.src, c.from, c.dst, c.to, c.bytes);
    }
  }

  private count(): void {
    if (++this.unsubmitted >= Encoding.submitEvery) this.flush();
  }

  endPass(): void {
    if (this.pass) { this.pass.end(); this.pass = null; }
  }

  /** Submit what is encoded. */
  flush(): void {
    this.endPass();
    if (this.encoder) {
      // the half copies' parameters land before the commands that read them
      this.halves.sync();
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.submits++;
    }
    this.unsubmitted = 0;
  }

  /** Destroy the half copies' parameter buffers (after a WebGPU error, with the call's other buffers). */
  dropBuffers(destroy: (buf: GPUBuffer) => void): void { this.halves.drop(destroy); }

  /** Forget what is encoded and not submitted (after an error: it only wrote scratch buffers). */
  discard(): void {
    this.endPass();
    this.encoder = null;
    this.unsubmitted = 0;
    this.recorders.length = 0;
  }
}
