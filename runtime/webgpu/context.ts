// Everything per device: the buffer pool, compiled pipelines (shared by every function),
// the queue of calls (one at a time, so updates of one call are what the next one reads),
// and what happened if the device was lost.
import { BufferPool } from './pool.ts';
import type { WgslKernel } from './code.ts';
import { forgetDevice, getDevice } from './device.ts';

export class GpuContext {
  readonly device: GPUDevice;
  readonly pool: BufferPool;
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  private tail: Promise<unknown> = Promise.resolve();
  /** Set once the device is lost; every later call fails with it. */
  lost: string | null = null;
  /** Buffer maps waited for on this device (readbacks), for the per-call count in a function's stats. */
  readbacks = 0;

  constructor(device: GPUDevice) {
    this.device = device;
    this.pool = new BufferPool(device);
    void device.lost.then((info) => {
      this.lost = `the WebGPU device was lost (${info.reason}): ${info.message}`;
      if (contexts.get(device) === this) contexts.delete(device);
      forgetDevice(device);
    });
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
    const module = this.device.createShaderModule({ code: k.source, label: k.name });
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
