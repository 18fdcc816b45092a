// Moving arrays between host and device: uploads through the queue, readbacks through a
// pooled staging buffer.
import type { DType } from '../dtype.ts';
import { type NDArray, sizeOf } from '../ndarray.ts';
import type { GpuContext } from './context.ts';
import { READBACK_USAGE } from './pool.ts';
import { fromDevice, toDevice } from './storage.ts';

export function upload(ctx: GpuContext, buf: GPUBuffer, v: NDArray, what: string): void {
  if (v.size === 0) return;
  const words = toDevice(v, what, ctx.packedF16);
  ctx.device.queue.writeBuffer(buf, 0, words.buffer, words.byteOffset, words.byteLength);
}

/** Map a staging buffer holding copies and hand its bytes to `read`; the buffer returns to the pool. */
export async function mapStaging<T>(ctx: GpuContext, staging: GPUBuffer, read: (bytes: ArrayBuffer) => T): Promise<T> {
  ctx.readbacks++;
  await staging.mapAsync(1 /* GPUMapMode.READ */);
  try {
    return read(staging.getMappedRange());
  } finally {
    staging.unmap();
    ctx.pool.release(staging);
  }
}

/** One array read back on its own (outside a call's batch of outputs). */
export async function readBack(ctx: GpuContext, buf: GPUBuffer, dtype: DType, shape: readonly number[]): Promise<NDArray> {
  const n = sizeOf(shape);
  const bytes = ctx.bufferBytes(dtype, n);
  const staging = ctx.pool.acquire(bytes, READBACK_USAGE);
  const enc = ctx.device.createCommandEncoder();
  enc.copyBufferToBuffer(buf, 0, staging, 0, bytes);
  ctx.device.queue.submit([enc.finish()]);
  return mapStaging(ctx, staging, (words) => fromDevice(words, dtype, shape, n, 0, ctx.packedF16));
}
