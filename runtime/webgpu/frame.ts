// One plan being run: the values of its slots during a call, the buffers it keeps across
// calls, and the interpretation of its steps. The program's plan runs in the top frame; a
// scan's step graph runs in a child frame of the step that launches it, encoding into the
// same command stream.
import type { NDArray } from '../ndarray.ts';
import { sizeOf } from '../ndarray.ts';
import type { GpuPlan, GpuStep, SlotInfo, SlotSource } from './code.ts';
import type { GpuContext } from './context.ts';
import type { Command, Encoding } from './encoding.ts';
import { Launcher } from './launcher.ts';
import { BYTES } from './storage.ts';
import { upload } from './transfer.ts';
import { RUNNERS } from './ops/index.ts';
import type { BodyFrame, Runner, SlotValue, StepContext } from './ops/runner.ts';

/** What frames share: the device, the command stream, pipelines, constants, host code. */
export interface FrameOwner {
  readonly ctx: GpuContext;
  readonly enc: Encoding;
  readonly pipelineList: readonly GPUComputePipeline[];
  readonly constants: readonly NDArray[];
  status(): GPUBuffer;
  runHost(fn: number, inputs: NDArray[]): NDArray[];
}

type Outer = Extract<SlotSource, { from: 'input' | 'shared' }>;

export class Frame extends Launcher implements StepContext, BodyFrame {
  readonly plan: GpuPlan;
  private readonly owner: FrameOwner;
  private readonly parent: Frame | null;
  vals: SlotValue[] = [];
  /** Each slot's own buffer (step outputs, uploads), reused across calls. */
  readonly owned: (GPUBuffer | null)[];
  private readonly constBufs: (GPUBuffer | null)[];
  private readonly inputBufs = new Map<number, GPUBuffer>();
  private readonly children = new Map<number, Frame>();
  /**
   * Brings a device value to the host in the middle of a call. Only the top frame has one:
   * a step graph is encoded once and replayed, so it must not depend on device data.
   */
  fetchHook: ((slot: number) => Promise<void>) | null = null;

  constructor(owner: FrameOwner, plan: GpuPlan, parent: Frame | null) {
    super();
    this.owner = owner;
    this.plan = plan;
    this.parent = parent;
    this.owned = plan.slots.map(() => null);
    this.constBufs = plan.slots.map(() => null);
  }

  get ctx(): GpuContext { return this.owner.ctx; }
  get enc(): Encoding { return this.owner.enc; }
  protected get pipelines(): readonly GPUComputePipeline[] { return this.owner.pipelineList; }

  /** The values before the first step: inputs and shared values from `resolve`, constants, empty step slots. */
  start(resolve: (src: Outer) => SlotValue): void {
    this.vals = this.plan.slots.map((info, k) => {
      const src = info.source;
      switch (src.from) {
        case 'input': case 'shared': return resolve(src);
        case 'const': {
          const c = this.owner.constants[src.index]!;
          return { shape: c.shape, host: c, buf: this.constBufs[k] ?? null };
        }
        case 'step': return { shape: [], host: null, buf: null };
      }
    });
  }

  begin(input: (index: number) => SlotValue): void {
    this.start((src) => {
      if (src.from === 'shared') throw new Error('internal: a step graph reads a shared variable directly');
      return input(src.index);
    });
  }

  run(): Promise<void> { return this.runSteps(); }

  /** Interpret the plan; an ifelse encodes only the steps of its taken branch. */
  async runSteps(): Promise<void> {
    const steps = this.plan.steps;
    const jumps = new Map<number, number>();
    let k = 0;
    while (k < steps.length) {
      const to = jumps.get(k);
      if (to !== undefined) {
        jumps.delete(k);
        k = to;
        continue;
      }
      const s = steps[k]!;
      this.step = k;
      const runner = RUNNERS[s.op] as Runner<GpuStep>;
      for (const h of runner.hostNeeds(s)) if (this.vals[h]!.host === null) await this.fetch(h);
      if (s.op === 'branch') {
        const second = k + 1 + s.arms[0];
        if (this.scalar(s.cond) !== 0) {
          jumps.set(second, second + s.arms[1]);
          k++;
        } else k = second;
        continue;
      }
      const pending = runner.run(s, this);
      if (pending) await pending;
      k++;
    }
  }

  private async fetch(slot: number): Promise<void> {
    if (!this.fetchHook) throw new Error(`internal: a scan's step graph needs slot ${slot} on the host, which only exists on the device`);
    await this.fetchHook(slot);
  }

  /** Drop this call's values (the buffers stay for the next call). */
  end(): void {
    this.vals = [];
    for (const c of this.children.values()) c.end();
  }

  /** Every buffer this frame and its children keep. */
  buffers(into: Set<GPUBuffer>): void {
    for (const b of [...this.owned, ...this.constBufs, ...this.temps.values(), ...this.inputBufs.values()]) if (b) into.add(b);
    for (const c of this.children.values()) c.buffers(into);
  }

  /** Forget every buffer and bind group (they are being destroyed). */
  forget(): void {
    this.owned.fill(null);
    this.constBufs.fill(null);
    this.temps.clear();
    this.inputBufs.clear();
    this.dropGroups();
    for (const c of this.children.values()) c.forget();
  }

  // ---- StepContext -------------------------------------------------------------------
  /** The step number plus one in the top plan: checked kernels report it when an index is out of bounds. */
  get tag(): number { return this.parent ? this.parent.tag : this.step + 1; }

  info(slot: number): SlotInfo { return this.plan.slots[slot]!; }
  elemBytes(slot: number): number { return this.ctx.elemBytes(this.plan.slots[slot]!.dtype); }
  shape(slot: number): readonly number[] { return this.vals[slot]!.shape; }
  peekHost(slot: number): NDArray | null { return this.vals[slot]!.host; }

  host(slot: number): NDArray {
    const h = this.vals[slot]!.host;
    if (h === null) throw new Error(`internal: slot ${slot} is not on the host`);
    return h;
  }

  scalar(slot: number): number { return this.host(slot).data[0]!; }

  buffer(slot: number): GPUBuffer {
    const v = this.vals[slot]!;
    if (v.buf !== null) return v.buf;
    if (v.lazy) {
      v.buf = v.lazy();
      return v.buf;
    }
    const src = this.plan.slots[slot]!.source;
    const what = src.from === 'input' ? `input ${src.index}` : 'value';
    const bytes = this.ctx.bufferBytes(this.plan.slots[slot]!.dtype, sizeOf(v.shape));
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
    const buf = this.slotBuffer(slot, this.ctx.bufferBytes(this.plan.slots[slot]!.dtype, sizeOf(shape)));
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

  inputBuffer(index: number, bytes: number): GPUBuffer {
    let b = this.inputBufs.get(index);
    const need = Math.max(BYTES, bytes);
    if (!b || b.size < need) {
      if (b) this.ctx.pool.release(b);
      b = this.ctx.pool.acquire(need);
      this.inputBufs.set(index, b);
    }
    return b;
  }

  setHost(slot: number, v: NDArray): void { this.vals[slot] = { shape: v.shape, host: v, buf: null }; }

  setView(slot: number, from: number, shape: readonly number[]): void {
    const f = this.vals[from]!;
    const host = f.host === null ? null : f.host.reshape(shape);
    this.vals[slot] = f.lazy && f.buf === null
      ? { shape: shape.slice(), host, buf: null, lazy: () => this.buffer(from) }
      : { shape: shape.slice(), host, buf: f.buf };
  }

  status(): GPUBuffer { return this.owner.status(); }

  runHost(fn: number, inputs: NDArray[]): NDArray[] { return this.owner.runHost(fn, inputs); }

  body(plan: GpuPlan): Frame {
    let c = this.children.get(this.step);
    if (!c || c.plan !== plan) {
      c = new Frame(this.owner, plan, this);
      this.children.set(this.step, c);
    }
    return c;
  }

  record(): Command[] { return this.enc.record(); }
  stopRecording(r: Command[]): void { this.enc.stop(r); }
  replay(cmds: readonly Command[]): void { this.enc.replay(cmds); }
}
