// Runs a GPU.js program: every step in order, intermediates kept as GPU.js values (textures in
// webgl2, so nothing returns to the host between kernels), host steps fed by reading values
// back only where they need them. Outputs and updates are computed from the pre-call values;
// updates are applied together at the end, so a call that throws changes no shared value.
import type { NDArray } from '../ndarray.ts';
import type { RunFn } from '../function.ts';
import type { SharedContainer } from '../shared.ts';
import type { GpuJsCode, SlotInfo } from './code.ts';
import { type Dev, GpuJsDevice, type KernelDevice, isTexture, readBack, release, serial, take } from './device.ts';
import { fallbackReason, precompiledDevice } from './gl.ts';
import { getGpu } from './gpu.ts';
import { RUNNERS } from './ops/index.ts';
import type { StepContext } from './ops/runner.ts';
import { type GpuJsValue, gpujsValueOf } from './shared-state.ts';

/** A slot's value during a call: its shape, and where it exists. */
interface Val { shape: readonly number[]; host: NDArray | null; dev: Dev | null }

const devices = new WeakMap<object, GpuJsDevice>();

/** The device of the current GPU.js instance (one per instance). */
export async function gpujsDevice(): Promise<GpuJsDevice> {
  const gpu = await getGpu();
  let d = devices.get(gpu);
  if (!d) devices.set(gpu, (d = new GpuJsDevice(gpu)));
  return d;
}

export class Executor implements StepContext {
  private readonly code: GpuJsCode;
  private readonly hostFns: readonly RunFn[];
  private readonly constants: readonly NDArray[];
  private device: KernelDevice | null = null;
  /** Constants as kernels read them (by slot), made once. */
  private readonly constDevs: (Dev | null)[];
  /** Kernels the last call ran. */
  launches = 0;

  private vals: Val[] = [];
  /** Texture handles made during the call, deleted when it ends. */
  private made: Dev[] = [];
  private mirrors = new Map<number, GpuJsValue>();

  constructor(code: GpuJsCode, hostFns: readonly RunFn[], constants: readonly NDArray[]) {
    this.code = code;
    this.hostFns = hostFns;
    this.constants = constants;
    this.constDevs = code.slots.map(() => null);
  }

  get dev(): KernelDevice {
    if (!this.device) throw new Error('internal: the GPU.js executor has no device yet');
    return this.device;
  }

  /** The device, once a call or `ready` has chosen it. */
  get deviceIfReady(): KernelDevice | null { return this.device; }

  /** Kernels translated at build time run on the runtime's own WebGL2 runner when the page has WebGL2; else GPU.js runs them. */
  async ready(): Promise<void> {
    if (this.device) return;
    const gl = precompiledDevice(this.code.kernels);
    if (gl) {
      // the browser compiles these while the call uploads its inputs
      gl.prepare(this.code.kernels);
      this.device = gl;
      return;
    }
    try {
      this.device = await gpujsDevice();
    } catch (e) {
      const why = fallbackReason(this.code.kernels);
      throw why ? new Error(`${(e as Error).message} (${why})`, { cause: e }) : e;
    }
  }

  /** Run the plan: `updates[u]` is the shared index update u replaces; returns the outputs. */
  async call(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): Promise<NDArray[]> {
    await this.ready();
    return serial(async () => {
      const mirrors = new Map<number, GpuJsValue>();
      for (const info of this.code.slots) {
        const src = info.source;
        if (src.from === 'shared' && !mirrors.has(src.index)) mirrors.set(src.index, await gpujsValueOf(shared[src.index]!, this.dev));
      }
      for (const k of updates) if (!mirrors.has(k)) mirrors.set(k, await gpujsValueOf(shared[k]!, this.dev));
      this.mirrors = mirrors;
      try {
        return this.run(inputs, shared, updates, nOut);
      } finally {
        for (const d of this.made) release(d);
        this.made = [];
        this.vals = [];
        this.mirrors = new Map();
      }
    });
  }

  private run(inputs: readonly NDArray[], shared: readonly SharedContainer[], updates: readonly number[], nOut: number): NDArray[] {
    const { slots, steps, results } = this.code;
    this.vals = slots.map((info, k): Val => {
      const src = info.source;
      switch (src.from) {
        case 'input': return { shape: inputs[src.index]!.shape, host: inputs[src.index]!, dev: null };
        case 'const': return { shape: this.constants[src.index]!.shape, host: this.constants[src.index]!, dev: this.constDevs[k] ?? null };
        case 'shared': {
          const m = this.mirrors.get(src.index)!;
          return { shape: m.currentShape(), host: m.hostValue(), dev: m.dev };
        }
        case 'step': return { shape: [], host: null, dev: null };
      }
    });
    this.launches = 0;
    for (const s of steps) {
      const runner = RUNNERS[s.op] as { hostNeeds(s: unknown): readonly number[]; run(s: unknown, c: StepContext): void };
      for (const h of runner.hostNeeds(s)) this.host(h);
      runner.run(s, this);
    }
    const outs = results.slice(0, nOut).map((slot) => {
      const v = this.vals[slot]!;
      return v.host !== null ? v.host.copy() : readBack(v.dev!, slots[slot]!.dtype, v.shape);
    });
    // all values are computed: now the updates, together. Every new value is referenced before
    // any old one is let go, since one update's new value may be another's old one (a swap)
    const taken = updates.map((_, u) => {
      const v = this.vals[results[nOut + u]!]!;
      return { dev: v.dev === null ? null : take(v.dev), host: v.dev === null ? v.host!.copy() : null, shape: v.shape };
    });
    updates.forEach((k, u) => {
      const t = taken[u]!;
      if (t.dev !== null) this.mirrors.get(k)!.adopt(t.dev, t.shape);
      else shared[k]!.value = t.host!;
    });
    return outs;
  }

  // ---- StepContext -------------------------------------------------------------------
  info(slot: number): SlotInfo { return this.code.slots[slot]!; }
  shape(slot: number): readonly number[] { return this.vals[slot]!.shape; }

  host(slot: number): NDArray {
    const v = this.vals[slot]!;
    if (v.host === null) {
      const src = this.code.slots[slot]!.source;
      if (src.from === 'shared') {
        const m = this.mirrors.get(src.index)!;
        m.pullNow();
        v.host = m.hostValue();
      } else {
        v.host = readBack(v.dev!, this.code.slots[slot]!.dtype, v.shape);
      }
    }
    return v.host!;
  }

  scalar(slot: number): number { return this.host(slot).data[0]!; }

  value(slot: number): Dev {
    const v = this.vals[slot]!;
    if (v.dev !== null) return v.dev;
    const src = this.code.slots[slot]!.source;
    if (src.from === 'shared') {
      v.dev = this.mirrors.get(src.index)!.current();
      return v.dev;
    }
    if (src.from === 'const') {
      // constants never change: made once per function
      v.dev = this.constDevs[slot] = this.dev.upload(v.host!);
      return v.dev;
    }
    v.dev = this.own(this.dev.upload(v.host!));
    return v.dev;
  }

  array(a: NDArray): Dev { return this.own(this.dev.upload(a)); }

  launch(kernel: number, n: number, arrays: readonly Dev[], params: readonly number[]): Dev {
    return this.launchAll(kernel, n, arrays, params).at(-1)!;
  }

  launchAll(kernel: number, n: number, arrays: readonly Dev[], params: readonly number[]): Dev[] {
    this.launches++;
    return this.dev.launch(this.code.kernels[kernel]!, n, [...arrays, ...params]).map((d) => this.own(d));
  }

  private own(d: Dev): Dev {
    if (isTexture(d)) this.made.push(d);
    return d;
  }

  setDev(slot: number, shape: readonly number[], d: Dev): void { this.vals[slot] = { shape: shape.slice(), host: null, dev: d }; }
  setHost(slot: number, v: NDArray): void { this.vals[slot] = { shape: v.shape, host: v, dev: null }; }

  setView(slot: number, from: number, shape: readonly number[]): void {
    const f = this.vals[from]!;
    this.vals[slot] = { shape: shape.slice(), host: f.host === null ? null : f.host.reshape(shape), dev: f.dev };
  }

  runHost(fn: number, inputs: NDArray[]): NDArray {
    return this.hostFns[fn]!(inputs, [])[0]!;
  }
}
