// A call's command stream: compute passes of dispatches with buffer copies between them, in
// command buffers submitted when the host must wait (a readback) or the buffer grows long.
// A stretch of it can be recorded and replayed: a scan encodes its step graph once and
// replays the commands for every further step, since every step launches the same kernels
// with the same parameters on the same buffers (only the row copies around them differ).

export type Command =
  | { kind: 'dispatch'; pipeline: GPUComputePipeline; group: GPUBindGroup; grid: readonly [number, number, number] }
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
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private readonly recorders: Command[][] = [];
  private unsubmitted = 0;
  /** Kernels dispatched since `reset`. */
  dispatches = 0;
  /** Command buffers submitted since `reset`. */
  submits = 0;

  constructor(device: GPUDevice) { this.device = device; }

  reset(): void {
    this.dispatches = 0;
    this.submits = 0;
  }

  dispatch(pipeline: GPUComputePipeline, group: GPUBindGroup, grid: readonly [number, number, number]): void {
    this.encoder ??= this.device.createCommandEncoder();
    this.pass ??= this.encoder.beginComputePass();
    this.pass.setPipeline(pipeline);
    this.pass.setBindGroup(0, group);
    this.pass.dispatchWorkgroups(grid[0], grid[1], grid[2]);
    this.dispatches++;
    for (const r of this.recorders) r.push({ kind: 'dispatch', pipeline, group, grid });
    this.count();
  }

  copy(src: GPUBuffer, from: number, dst: GPUBuffer, to: number, bytes: number): void {
    if (bytes <= 0) return;
    this.endPass();
    this.encoder ??= this.device.createCommandEncoder();
    this.encoder.copyBufferToBuffer(src, from, dst, to, bytes);
    for (const r of this.recorders) r.push({ kind: 'copy', src, from, dst, to, bytes });
    this.count();
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
      if (c.kind === 'dispatch') this.dispatch(c.pipeline, c.group, c.grid);
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
      this.device.queue.submit([this.encoder.finish()]);
      this.encoder = null;
      this.submits++;
    }
    this.unsubmitted = 0;
  }

  /** Forget what is encoded and not submitted (after an error: it only wrote scratch buffers). */
  discard(): void {
    this.endPass();
    this.encoder = null;
    this.unsubmitted = 0;
    this.recorders.length = 0;
  }
}
