// Runs a WebGPU program: one call encodes every step into one command stream (submitted early
// only where the host must read a device value, or when a long loop fills a command buffer),
// reads back the outputs and nothing else (but a condition or size the host needs that a kernel
// computed), and applies updates by handing the update's buffer to the shared variable (double
// buffering: outputs and updates of a call all read the pre-call values). The plan runs in a
// frame (frame.ts); scans run their step graphs in child frames of it.
import type { NDArray } from '../ndarray.ts';
import { sizeOf } from '../ndarray.ts';
import type { RunFn } from '../function.ts';
import type { SharedContainer } from '../shared.ts';
import type { WebGpuCode } from './code.ts';
import { type GpuContext, gpuContext } from './context.ts';
import { Encoding } from './encoding.ts';
import { Frame, type FrameOwner } from './frame.ts';
import { STATUS_WORDS } from './layout.ts';
import { READBACK_USAGE, STORAGE_USAGE } from './pool.ts';
import { type DeviceValue, deviceValueOf } from './shared-state.ts';
import { BYTES, fromDevice } from './storage.ts';
import { mapStaging, readBack } from './transfer.ts';
import type { SlotValue } from './ops/runner.ts';

export class Executor implements FrameOwner {
  private context: GpuContext | null = null;
  private encoding: Encoding | null = null;
  private readonly code: WebGpuCode;
  private readonly hostFns: readonly RunFn[];
  readonly constants: readonly NDArray[];
  private readonly label: string;
  private readying: Promise<void> | null = null;
  private pipelines: GPUComputePipeline[] | null = null;
  private readonly top: Frame;
  private statusBuf: GPUBuffer | null = null;
  /** How long creating the pipelines took, in milliseconds. */
  pipelineMs = 0;
  /** Kernels the last call dispatched. */
  dispatches = 0;
  /** Readbacks (buffer maps) the last call waited for: its outputs, and any value the host needed mid-call. */
  readbacks = 0;
  /** Command buffers the last call submitted. */
  submits = 0;
  /** Copies the last call ran through the half-copy kernel. */
  halfCopies = 0;

  private dvs = new Map<number, DeviceValue>();

  constructor(code: WebGpuCode, hostFns: readonly RunFn[], constants: readonly NDArray[], label: string) {
    this.code = code;
    this.hostFns = hostFns;
    this.constants = constants;
    this.label = label;
    this.top = new Frame(this, code, null);
    this.top.fetchHook = (slot) => this.fetch(slot);
  }

  /** The device's context (set by `ready`). */
  get ctx(): GpuContext {
    if (!this.context) throw new Error('internal: the WebGPU executor is not ready');
    return this.context;
  }

  get enc(): Encoding {
    if (!this.encoding) throw new Error('internal: the WebGPU executor is not ready');
    return this.encoding;
  }

  get pipelineList(): readonly GPUComputePipeline[] {
    if (!this.pipelines) throw new Error('internal: the WebGPU executor is not ready');
    return this.pipelines;
  }

  /** The context, once a call or `ready` has acquired the device. */
  get contextIfReady(): GpuContext | null { return this.context; }

  /** Acquire the device and create every pipeline (in parallel); later calls find them ready. */
  ready(): Promise<void> {
    this.readying ??= (async () => {
      const ctx = await gpuContext();
      const t0 = performance.now();
      this.pipelines = await ctx.pipelinesFor(this.code.kernels);
      this.pipelineMs = performance.now() - t0;
      this.encoding = new Encoding(ctx);
      this.context = ctx;
    })().catch((e: unknown) => { this.readying = null; throw e; });
    return this.readying;
  }

  /** Run the plan: `updates[u]` is the shared index update u replaces; returns the outputs. */
  async call(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]> {
    await this.ready();
    return this.ctx.serial(async () => {
      const reads = this.ctx.readbacks;
      this.enc.reset();
      try {
        return await this.ctx.scoped(`${this.label} call`, () => this.run(inputs, shared, updates, nOut), () => this.dropBuffers());
      } finally {
        this.dispatches = this.enc.dispatches;
        this.submits = this.enc.submits;
        this.halfCopies = this.enc.halfCopies;
        this.readbacks = this.ctx.readbacks - reads;
      }
    });
  }

  private async run(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]> {
    const { slots, results } = this.code;
    const dvs = (this.dvs = new Map<number, DeviceValue>());
    for (let k = 0; k < slots.length; k++) {
      const src = slots[k]!.source;
      if (src.from === 'shared' && !dvs.has(src.index)) dvs.set(src.index, await deviceValueOf(shared[src.index]!, this.ctx));
    }
    for (const k of updates) if (!dvs.has(k)) dvs.set(k, await deviceValueOf(shared[k]!, this.ctx));
    const top = this.top;
    top.start((src): SlotValue => {
      if (src.from === 'input') return { shape: inputs[src.index]!.shape, host: inputs[src.index]!, buf: null };
      const dv = dvs.get(src.index)!;
      return { shape: dv.currentShape(), host: dv.hostValue(), buf: dv.fresh ? dv.buffer : null, lazy: () => dv.deviceBuffer() };
    });
    if (this.code.checked) this.ctx.device.queue.writeBuffer(this.status(), 0, new Uint32Array(STATUS_WORDS));
    const fresh: GPUBuffer[] = [];
    try {
      await top.runSteps();
      // updates whose buffer cannot simply change hands are copied (in this submission)
      const claimed = new Set<number>();
      const commits = updates.map((k, u) => {
        const v = top.vals[results[nOut + u]!]!;
        if (v.buf === null) return { kind: 'host' as const, k, value: v.host!.copy() };
        const src = v.buf;
        const owner = top.owned.indexOf(src);
        if (owner >= 0 && !claimed.has(owner)) { claimed.add(owner); return { kind: 'swap' as const, k, owner, buf: src, shape: v.shape }; }
        const dtype = this.code.slots[results[nOut + u]!]!.dtype;
        const buf = this.ctx.pool.acquire(this.ctx.bufferBytes(dtype, sizeOf(v.shape)));
        fresh.push(buf);
        this.enc.copy(src, 0, buf, 0, this.ctx.copyBytes(dtype, sizeOf(v.shape)));
        return { kind: 'copy' as const, k, buf, shape: v.shape };
      });
      const outs = await this.readOutputs(results.slice(0, nOut));
      for (const c of commits) {
        const dv = dvs.get(c.k)!;
        if (c.kind === 'host') { shared[c.k]!.value = c.value; continue; }
        const old = dv.replace(c.buf, c.shape);
        if (c.kind === 'swap') top.owned[c.owner] = old;
        else if (old) this.ctx.pool.release(old);
      }
      fresh.length = 0;
      return outs;
    } finally {
      // after an error, what was encoded and not submitted only wrote scratch buffers: drop it
      this.enc.discard();
      for (const b of fresh) this.ctx.pool.release(b);
      top.end();
      this.dvs = new Map();
    }
  }

  /** Outputs to the host: host values are copied, device values read back in one batch. */
  private async readOutputs(slots: readonly number[]): Promise<NDArray[]> {
    const outs = new Array<NDArray>(slots.length);
    const reads: { j: number; slot: number; at: number; n: number; bytes: number }[] = [];
    let bytes = 0;
    slots.forEach((s, j) => {
      const v = this.top.vals[s]!;
      if (v.host !== null) { outs[j] = v.host.copy(); return; }
      const n = sizeOf(v.shape);
      // each output at a 4-byte offset: packed float16 of odd length is rounded up to a whole word
      const size = this.ctx.copyBytes(this.code.slots[s]!.dtype, n);
      reads.push({ j, slot: s, at: bytes, n, bytes: size });
      bytes += size;
    });
    const statusAt = bytes;
    if (this.code.checked) bytes += STATUS_WORDS * BYTES;
    if (bytes === 0) {
      for (const r of reads) outs[r.j] = fromDevice(new ArrayBuffer(0), this.code.slots[r.slot]!.dtype, this.top.vals[r.slot]!.shape, 0);
      this.enc.flush();
      await this.ctx.throttle(false);
      return outs;
    }
    const staging = this.ctx.pool.acquire(bytes, READBACK_USAGE);
    for (const r of reads) if (r.n > 0) this.enc.copy(this.top.buffer(r.slot), 0, staging, r.at, r.bytes);
    if (this.code.checked) this.enc.copy(this.status(), 0, staging, statusAt, STATUS_WORDS * BYTES);
    this.enc.flush();
    const read = reads.map((r) => ({ ...r, dtype: this.code.slots[r.slot]!.dtype, shape: this.top.vals[r.slot]!.shape }));
    await this.ctx.throttle(true);
    const status = await mapStaging(this.ctx, staging, (buf) => {
      for (const r of read) outs[r.j] = fromDevice(buf, r.dtype, r.shape, r.n, r.at, this.ctx.packedF16);
      return this.code.checked ? Array.from(new Uint32Array(buf, statusAt, STATUS_WORDS)) : null;
    });
    if (status && status[0]) {
      const step = this.code.steps[status[0] - 1]!;
      const name = 'name' in step ? step.name : step.op;
      throw new RangeError(`${name}: index ${status[1]! | 0} is out of bounds for axis ${status[2]} with size ${status[3]}`);
    }
    return outs;
  }

  /**
   * After a WebGPU error some of this function's buffers may be invalid (a failed allocation
   * stays invalid): destroy them all, so the next call starts from fresh ones.
   */
  private dropBuffers(): void {
    const pool = this.ctx.pool;
    const all = new Set<GPUBuffer>();
    this.top.buffers(all);
    for (const b of all) pool.destroy(b);
    this.encoding?.dropBuffers((b) => pool.destroy(b));
    this.top.forget();
    pool.trim();
  }

  /** Bring a device value of the top plan to the host in the middle of a call. */
  private async fetch(slot: number): Promise<void> {
    const v = this.top.vals[slot]!;
    this.enc.flush();
    const src = this.code.slots[slot]!.source;
    if (src.from === 'shared') {
      const dv = this.dvs.get(src.index)!;
      await dv.pullNow();
      v.host = dv.hostValue();
      return;
    }
    v.host = await readBack(this.ctx, this.top.buffer(slot), this.code.slots[slot]!.dtype, v.shape);
  }

  status(): GPUBuffer {
    this.statusBuf ??= this.ctx.pool.acquire(STATUS_WORDS * BYTES, STORAGE_USAGE);
    return this.statusBuf;
  }

  runHost(fn: number, inputs: NDArray[]): NDArray[] {
    return this.hostFns[fn]!(inputs, []);
  }
}
