// Runs a WebGPU program: one call encodes every step into one command buffer (split only
// where the host must read a device value), reads back the outputs and nothing else, and
// applies updates by handing the update's buffer to the shared variable (double buffering:
// outputs and updates of a call all read the pre-call values).
import type { NDArray } from '../ndarray.ts';
import { sizeOf } from '../ndarray.ts';
import type { RunFn } from '../function.ts';
import type { SharedContainer } from '../shared.ts';
import type { SlotInfo, WebGpuCode } from './code.ts';
import { type GpuContext, gpuContext } from './context.ts';
import { STATUS_WORDS } from './layout.ts';
import { READBACK_USAGE, STORAGE_USAGE } from './pool.ts';
import { Launcher } from './launcher.ts';
import { type DeviceValue, deviceValueOf } from './shared-state.ts';
import { BYTES, fromDevice } from './storage.ts';
import { mapStaging, readBack, upload } from './transfer.ts';
import { RUNNERS } from './ops/index.ts';
import type { StepContext } from './ops/runner.ts';

/** A slot's value during a call: its shape, and where it exists. */
interface Val { shape: readonly number[]; host: NDArray | null; buf: GPUBuffer | null }

export class Executor extends Launcher implements StepContext {
  private context: GpuContext | null = null;
  private readonly code: WebGpuCode;
  private readonly hostFns: readonly RunFn[];
  private readonly constants: readonly NDArray[];
  private readonly label: string;
  private readying: Promise<void> | null = null;
  private readonly owned: (GPUBuffer | null)[];
  private readonly constBufs: (GPUBuffer | null)[];
  private statusBuf: GPUBuffer | null = null;
  /** How long creating the pipelines took, in milliseconds. */
  pipelineMs = 0;

  private vals: Val[] = [];
  private dvs = new Map<number, DeviceValue>();

  constructor(code: WebGpuCode, hostFns: readonly RunFn[], constants: readonly NDArray[], label: string) {
    super();
    this.code = code;
    this.hostFns = hostFns;
    this.constants = constants;
    this.label = label;
    this.owned = code.slots.map(() => null);
    this.constBufs = code.slots.map(() => null);
  }

  /** The device's context (set by `ready`). */
  override get ctx(): GpuContext {
    if (!this.context) throw new Error('internal: the WebGPU executor is not ready');
    return this.context;
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
      this.context = ctx;
    })().catch((e: unknown) => { this.readying = null; throw e; });
    return this.readying;
  }

  get tag(): number { return this.step + 1; }

  /** Run the plan: `updates[u]` is the shared index update u replaces; returns the outputs. */
  async call(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]> {
    await this.ready();
    return this.ctx.serial(() => this.ctx.scoped(`${this.label} call`, () => this.run(inputs, shared, updates, nOut), () => this.dropBuffers()));
  }

  private async run(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]> {
    const { slots, steps, results } = this.code;
    const dvs = (this.dvs = new Map<number, DeviceValue>());
    for (let k = 0; k < slots.length; k++) {
      const src = slots[k]!.source;
      if (src.from === 'shared' && !dvs.has(src.index)) dvs.set(src.index, await deviceValueOf(shared[src.index]!, this.ctx));
    }
    for (const k of updates) if (!dvs.has(k)) dvs.set(k, await deviceValueOf(shared[k]!, this.ctx));
    this.vals = slots.map((info, k) => {
      const src = info.source;
      switch (src.from) {
        case 'input': return { shape: inputs[src.index]!.shape, host: inputs[src.index]!, buf: null };
        case 'const': return { shape: this.constants[src.index]!.shape, host: this.constants[src.index]!, buf: this.constBufs[k] ?? null };
        case 'shared': {
          const dv = dvs.get(src.index)!;
          return { shape: dv.currentShape(), host: dv.hostValue(), buf: dv.fresh ? dv.buffer : null };
        }
        case 'step': return { shape: [], host: null, buf: null };
      }
    });
    this.dispatches = 0;
    if (this.code.checked) this.ctx.device.queue.writeBuffer(this.status(), 0, new Uint32Array(STATUS_WORDS));
    const fresh: GPUBuffer[] = [];
    try {
      for (let k = 0; k < steps.length; k++) {
        const s = steps[k]!;
        this.step = k;
        const runner = RUNNERS[s.op] as { hostNeeds(s: unknown): readonly number[]; run(s: unknown, c: StepContext): void };
        for (const h of runner.hostNeeds(s)) if (this.vals[h]!.host === null) await this.fetch(h, dvs);
        runner.run(s, this);
      }
      // updates whose buffer cannot simply change hands are copied (in this submission)
      const claimed = new Set<number>();
      const commits = updates.map((k, u) => {
        const v = this.vals[results[nOut + u]!]!;
        if (v.buf === null) return { kind: 'host' as const, k, value: v.host!.copy() };
        const owner = this.owned.indexOf(v.buf);
        if (owner >= 0 && !claimed.has(owner)) { claimed.add(owner); return { kind: 'swap' as const, k, owner, buf: v.buf, shape: v.shape }; }
        const bytes = Math.max(BYTES, sizeOf(v.shape) * BYTES);
        const buf = this.ctx.pool.acquire(bytes);
        fresh.push(buf);
        this.copy(v.buf, buf, bytes);
        return { kind: 'copy' as const, k, buf, shape: v.shape };
      });
      const outs = await this.readOutputs(results.slice(0, nOut));
      for (const c of commits) {
        const dv = dvs.get(c.k)!;
        if (c.kind === 'host') { shared[c.k]!.value = c.value; continue; }
        const old = dv.replace(c.buf, c.shape);
        if (c.kind === 'swap') this.owned[c.owner] = old;
        else if (old) this.ctx.pool.release(old);
      }
      fresh.length = 0;
      return outs;
    } finally {
      // after an error, what was encoded and not submitted only wrote scratch buffers: drop it
      this.endPass();
      this.encoder = null;
      for (const b of fresh) this.ctx.pool.release(b);
      this.vals = [];
      this.dvs = new Map();
    }
  }

  /** Outputs to the host: host values are copied, device values read back in one batch. */
  private async readOutputs(slots: readonly number[]): Promise<NDArray[]> {
    const outs = new Array<NDArray>(slots.length);
    const reads: { j: number; slot: number; at: number; n: number }[] = [];
    let bytes = 0;
    slots.forEach((s, j) => {
      const v = this.vals[s]!;
      if (v.host !== null) { outs[j] = v.host.copy(); return; }
      const n = sizeOf(v.shape);
      reads.push({ j, slot: s, at: bytes, n });
      bytes += n * BYTES;
    });
    const statusAt = bytes;
    if (this.code.checked) bytes += STATUS_WORDS * BYTES;
    if (bytes === 0) {
      for (const r of reads) outs[r.j] = fromDevice(new ArrayBuffer(0), this.code.slots[r.slot]!.dtype, this.vals[r.slot]!.shape, 0);
      this.flush();
      await this.ctx.throttle(false);
      return outs;
    }
    const staging = this.ctx.pool.acquire(bytes, READBACK_USAGE);
    for (const r of reads) if (r.n > 0) this.copyAt(this.vals[r.slot]!.buf!, 0, staging, r.at, r.n * BYTES);
    if (this.code.checked) this.copyAt(this.status(), 0, staging, statusAt, STATUS_WORDS * BYTES);
    this.flush();
    const read = reads.map((r) => ({ ...r, dtype: this.code.slots[r.slot]!.dtype, shape: this.vals[r.slot]!.shape }));
    await this.ctx.throttle(true);
    const status = await mapStaging(this.ctx, staging, (buf) => {
      for (const r of read) outs[r.j] = fromDevice(buf, r.dtype, r.shape, r.n, r.at);
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
    const all = new Set<GPUBuffer>([...this.owned, ...this.constBufs, ...this.temps.values()].filter((b): b is GPUBuffer => b !== null));
    for (const b of all) pool.destroy(b);
    this.owned.fill(null);
    this.constBufs.fill(null);
    this.temps.clear();
    this.dropGroups();
    pool.trim();
  }

  /** Bring a device value to the host in the middle of a call. */
  private async fetch(slot: number, dvs: Map<number, DeviceValue>): Promise<void> {
    const v = this.vals[slot]!;
    this.flush();
    const src = this.code.slots[slot]!.source;
    if (src.from === 'shared') {
      const dv = dvs.get(src.index)!;
      await dv.pullNow();
      v.host = dv.hostValue();
      return;
    }
    v.host = await readBack(this.ctx, v.buf!, this.code.slots[slot]!.dtype, v.shape);
  }

  // ---- StepContext -------------------------------------------------------------------
  info(slot: number): SlotInfo { return this.code.slots[slot]!; }
  shape(slot: number): readonly number[] { return this.vals[slot]!.shape; }

  host(slot: number): NDArray {
    const h = this.vals[slot]!.host;
    if (h === null) throw new Error(`internal: slot ${slot} is not on the host`);
    return h;
  }

  scalar(slot: number): number { return this.host(slot).data[0]!; }

  buffer(slot: number): GPUBuffer {
    const v = this.vals[slot]!;
    if (v.buf !== null) return v.buf;
    const info = this.code.slots[slot]!;
    const src = info.source;
    const what = src.from === 'input' ? `input ${src.index}` : src.from === 'shared' ? 'shared variable' : 'value';
    if (src.from === 'shared') {
      v.buf = this.dvs.get(src.index)!.deviceBuffer();
      return v.buf;
    }
    const bytes = Math.max(BYTES, sizeOf(v.shape) * BYTES);
    if (src.from === 'const') {
      // constants never change: uploaded once per function
      const buf = this.ctx.pool.acquire(bytes);
      upload(this.ctx, buf, v.host!, what);
      this.constBufs[slot] = v.buf = buf;
      return buf;
    }
    const buf = this.slotBuffer(slot, bytes);
    upload(this.ctx, buf, v.host!, what);
    v.buf = buf;
    return buf;
  }

  output(slot: number, shape: readonly number[]): GPUBuffer {
    const buf = this.slotBuffer(slot, Math.max(BYTES, sizeOf(shape) * BYTES));
    this.vals[slot] = { shape: shape.slice(), host: null, buf };
    return buf;
  }

  private slotBuffer(slot: number, bytes: number): GPUBuffer {
    let b = this.owned[slot];
    if (!b || b.size < bytes) {
      if (b) this.ctx.pool.release(b);
      b = this.owned[slot] = this.ctx.pool.acquire(bytes);
    }
    return b;
  }

  setHost(slot: number, v: NDArray): void { this.vals[slot] = { shape: v.shape, host: v, buf: null }; }

  setView(slot: number, from: number, shape: readonly number[]): void {
    const f = this.vals[from]!;
    const host = f.host === null ? null : f.host.reshape(shape);
    this.vals[slot] = { shape: shape.slice(), host, buf: f.buf };
  }

  status(): GPUBuffer {
    this.statusBuf ??= this.ctx.pool.acquire(STATUS_WORDS * BYTES, STORAGE_USAGE);
    return this.statusBuf;
  }

  runHost(fn: number, inputs: NDArray[]): NDArray[] {
    return this.hostFns[fn]!(inputs, []);
  }
}
