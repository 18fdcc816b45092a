// A shared variable's value on the GPU.js side. Updates land here and stay here between calls
// (in webgl2 as textures on the GPU); the host copy is refreshed only when someone reads it.
// GPU.js reads back synchronously, so asking whether the mirror is ahead is enough to bring the
// value home: `getValue()` works without `await`, unlike on WebGPU.
import type { NDArray } from '../ndarray.ts';
import type { SharedContainer, ValueMirror } from '../shared.ts';
import { type Dev, type KernelDevice, readBack, release } from './device.ts';

export class GpuJsValue implements ValueMirror {
  readonly device: KernelDevice;
  private readonly container: SharedContainer;
  /** The GPU.js copy, when it holds the current value. */
  dev: Dev | null = null;
  shape: number[] = [];
  /** The GPU.js copy is newer than the host's. */
  newer = false;

  constructor(container: SharedContainer, device: KernelDevice) {
    this.container = container;
    this.device = device;
  }

  get ahead(): boolean {
    if (this.newer) this.pullNow();
    return false;
  }

  invalidate(): void {
    release(this.dev);
    this.dev = null;
    this.newer = false;
  }

  pull(): Promise<void> {
    this.pullNow();
    return Promise.resolve();
  }

  pullNow(): void {
    if (!this.newer) return;
    this.container.pulled(readBack(this.dev!, this.container.dtype, this.shape));
    this.newer = false;
  }

  /** The value as kernels read it, uploading the host value if there is no current copy. */
  current(): Dev {
    if (this.dev === null) {
      const v = this.container.peek();
      this.dev = this.device.upload(v);
      this.shape = v.shape.slice();
    }
    return this.dev;
  }

  /** The shape of the newest value, wherever it is. */
  currentShape(): readonly number[] {
    return this.newer ? this.shape : this.container.peek().shape;
  }

  /** The host value, when it is the newest. */
  hostValue(): NDArray | null {
    return this.newer ? null : this.container.peek();
  }

  /** A call's update: `d`, a handle this mirror now owns, becomes the value. */
  adopt(d: Dev, shape: readonly number[]): void {
    release(this.dev);
    this.dev = d;
    this.shape = shape.slice();
    this.newer = true;
  }
}

/** The GPU.js state of a container on this device, created on first use. */
export async function gpujsValueOf(c: SharedContainer, device: KernelDevice): Promise<GpuJsValue> {
  const m = c.mirror;
  if (m instanceof GpuJsValue && m.device === device) return m;
  // another device or backend holds the newest value: bring it to the host first
  if (m !== null && m.ahead) await m.pull();
  if (m instanceof GpuJsValue) m.invalidate();
  const v = new GpuJsValue(c, device);
  c.mirror = v;
  return v;
}
