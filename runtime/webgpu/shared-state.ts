// A shared variable's value on the device. Updates land here and stay here between calls;
// the host copy is refreshed only when someone reads it (getValueAsync), and a host-side
// setValue marks the device copy stale so the next call uploads it.
import type { NDArray } from '../ndarray.ts';
import { sizeOf } from '../ndarray.ts';
import type { SharedContainer, ValueMirror } from '../shared.ts';
import type { GpuContext } from './context.ts';
import { readBack, upload } from './transfer.ts';

export class DeviceValue implements ValueMirror {
  readonly ctx: GpuContext;
  private readonly container: SharedContainer;
  buffer: GPUBuffer | null = null;
  shape: number[] = [];
  /** The device holds a value newer than the host's. */
  ahead = false;
  /** The device copy is the newest value. */
  fresh = false;

  constructor(container: SharedContainer, ctx: GpuContext) {
    this.container = container;
    this.ctx = ctx;
  }

  invalidate(): void {
    this.fresh = false;
    this.ahead = false;
  }

  /** For readers outside a call: waits for calls queued before it. */
  pull(): Promise<void> {
    return this.ctx.serial(() => this.pullNow());
  }

  /** Inside a call: read the device value back into the container. */
  async pullNow(): Promise<void> {
    if (!this.ahead) return;
    const v = await readBack(this.ctx, this.buffer!, this.container.dtype, this.shape);
    this.container.pulled(v);
    this.ahead = false;
  }

  /** The device copy, uploading the host value first if the device's is stale. */
  deviceBuffer(): GPUBuffer {
    if (this.fresh) return this.buffer!;
    const v = this.container.peek();
    const bytes = this.ctx.bufferBytes(this.container.dtype, sizeOf(v.shape));
    if (this.buffer && this.buffer.size < bytes) { this.ctx.pool.release(this.buffer); this.buffer = null; }
    this.buffer ??= this.ctx.pool.acquire(bytes);
    upload(this.ctx, this.buffer, v, `shared variable '${this.container.name}'`);
    this.shape = v.shape.slice();
    this.fresh = true;
    return this.buffer;
  }

  /** A call's update: `buf` becomes the value; the previous buffer is returned to the caller. */
  replace(buf: GPUBuffer, shape: readonly number[]): GPUBuffer | null {
    const old = this.buffer;
    this.buffer = buf;
    this.shape = shape.slice();
    this.fresh = true;
    this.ahead = true;
    return old;
  }

  /** The shape of the newest value, wherever it is. */
  currentShape(): readonly number[] {
    return this.ahead ? this.shape : this.container.peek().shape;
  }

  /** The host value, when it is the newest. */
  hostValue(): NDArray | null {
    return this.ahead ? null : this.container.peek();
  }
}

/** The device state of a container on this context, created on first use. */
export async function deviceValueOf(c: SharedContainer, ctx: GpuContext): Promise<DeviceValue> {
  const m = c.mirror;
  if (m instanceof DeviceValue && m.ctx === ctx) return m;
  // another device (or backend) holds the newest value: bring it to the host first
  if (m !== null && m.ahead) await (m instanceof DeviceValue ? m.pullNow() : m.pull());
  const dv = new DeviceValue(c, ctx);
  c.mirror = dv;
  return dv;
}
