// Everything per device: the buffer pool, compiled pipelines (shared by every function),
// how float16 is stored, the queue of calls (one at a time, so updates of one call are what
// the next one reads), and what happened if the device was lost.
import type { DType } from '../dtype.ts';
import { BufferPool } from './pool.ts';
import type { WgslKernel } from './code.ts';
import { adapterName, f16Mode, forgetDevice, getDevice } from './device.ts';
import { type HalfCopyKernel, createHalfCopyKernel } from './half-copy.ts';
import { bufferBytes, copyBytes, elemBytes, sourceFor } from './storage.ts';

/** How a device stores float16 arrays: binary16 packed two to a word, or one value per f32 lane. */
export type F16Storage = 'packed' | 'f32';

/**
 * float16 storage on `device`: packed where it has `shader-f16` (which hypatia requests when it
 * creates the device; a device given to setDevice is used as is), unless HYPATIA_WEBGPU_F16=f32.
 */
export function f16StorageOf(device: GPUDevice): F16Storage {
  const mode = f16Mode();
  const has = device.features.has('shader-f16');
  if (mode === 'packed' && !has) throw new Error(`webgpu: HYPATIA_WEBGPU_F16=packed, but the device (${adapterName(device)}) has no shader-f16`);
  return has && mode !== 'f32' ? 'packed' : 'f32';
}

export class GpuContext {
  readonly device: GPUDevice;
  readonly pool: BufferPool;
  /** How float16 arrays are stored on this device (fixed for its life: shared values keep their layout). */
  readonly f16: F16Storage;
  /** float16 is packed binary16, 2 bytes an element (kernels' F16_ALIAS becomes F16_PACKED). */
  readonly packedF16: boolean;
  private halfCopy: HalfCopyKernel | null = null;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Set once the device is lost; every later call fails with it. */
  lost: string | null = null;
  /** Buffer maps waited for on this device (readbacks), for the per-call count in a function's stats. */
  readbacks = 0;

  constructor(device: GPUDevice) {
    this.device = device;
    this.f16 = f16StorageOf(device);
    this.packedF16 = this.f16 === 'packed';
    this.pool = new BufferPool(device);
    void device.lost.then((info) => {
      this.lost = `the WebGPU device was lost (${info.reason}): ${info.message}`;
      if (contexts.get(device) === this) contexts.delete(device);
      forgetDevice(device);
    });
  }

  /** Bytes of one element of `dtype` on this device. */
  elemBytes(dtype: DType): number { return elemBytes(dtype, this.packedF16); }

  /** Bytes of a buffer for `n` elements of `dtype` (a multiple of 4, at least 4). */
  bufferBytes(dtype: DType, n: number): number { return bufferBytes(dtype, n, this.packedF16); }

  /** Bytes a copy of a whole array of `n` elements of `dtype` moves (a multiple of 4; 0 when empty). */
  copyBytes(dtype: DType, n: number): number { return copyBytes(dtype, n, this.packedF16); }

  /** The runtime's kernel for copies at 2-byte offsets (half-copy.ts), created on first use. */
  halfCopyKernel(): HalfCopyKernel {
    this.halfCopy ??= createHalfCopyKernel(this.device);
    return this.halfCopy;
  }

  /** Pipelines for these kernels, created in parallel; identical sources compile once per device. */
  pipelinesFor(kernels: readonly WgslKernel[]): Promise<GPUComputePipeline[]> {
    return Promise.all(kernels.map((k) => {
      let p = this.pipelines.get(k.source);
      if (!p) {
        p = this.compile(k);
        this.pipelines.set(k.source, p);
        p.catch(() => this.pipelines.delete(k.source));
      }
      return p;
    }));
  }

  private async compile(k: WgslKernel): Promise<GPUComputePipeline> {
    // its own error scope, pushed and popped synchronously: a call awaiting its readback may
    // have scopes open, and a shader error must not be reported as that call's failure
    this.device.pushErrorScope('validation');
    // float16 bindings are f32 lanes or packed binary16 (storage.ts)
    const module = this.device.createShaderModule({ code: sourceFor(k.source, this.packedF16), label: k.name });
    const pipeline = this.device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: k.name });
    const scope = this.device.popErrorScope();
    try {
      const [p] = await Promise.all([pipeline, scope]);
      return p;
    } catch (e) {
      const info = await module.getCompilationInfo();
      const msgs = info.messages.map((m) => `${m.type} at ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
      throw new Error(`webgpu: kernel '${k.name}' (${k.ops.join(', ')}) failed to compile: ${(e as Error).message}${msgs ? `\n${msgs}` : ''}`, { cause: e });
    }
  }

  private unsynced = 0;

  /**
   * Calls without outputs return once their work is queued; every few of them wait for the
   * device, so a loop of such calls cannot queue unbounded work ahead of the GPU.
   */
  async throttle(synced: boolean): Promise<void> {
    if (synced) { this.unsynced = 0; return; }
    if (++this.unsynced < 4) return;
    this.unsynced = 0;
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Run `task` after every call queued before it (calls on one device never interleave). */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      if (this.lost) throw new Error(`webgpu: ${this.lost}`);
      return task();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Run `task` inside validation and out-of-memory error scopes; a WebGPU error becomes an
   * exception naming `what` (after `onGpuError`, which drops what may be invalid).
   */
  async scoped<T>(what: string, task: () => Promise<T>, onGpuError?: () => void): Promise<T> {
    const d = this.device;
    d.pushErrorScope('out-of-memory');
    d.pushErrorScope('validation');
    let result: T;
    try {
      result = await task();
    } finally {
      const validation = await d.popErrorScope();
      const oom = await d.popErrorScope();
      // an allocation that failed makes later uses fail validation too: report the cause
      const err = oom ?? validation;
      if (err) {
        onGpuError?.();
        // eslint-disable-next-line no-unsafe-finally
        throw new Error(`webgpu: ${what} failed: ${oom ? 'out of GPU memory: ' : ''}${err.message}`);
      }
    }
    if (this.lost) throw new Error(`webgpu: ${this.lost}`);
    return result;
  }
}

const contexts = new Map<GPUDevice, GpuContext>();

/** The context of the current device (requested on first use). */
export async function gpuContext(): Promise<GpuContext> {
  const device = await getDevice();
  let c = contexts.get(device);
  if (!c) contexts.set(device, (c = new GpuContext(device)));
  return c;
}
