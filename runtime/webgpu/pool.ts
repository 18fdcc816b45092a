// Buffers by size class, so repeated calls reuse buffers instead of creating them: after the
// first call of a function with stable shapes, no buffer is created at all.

/** GPUBufferUsage flags (numeric: the GPUBufferUsage global is absent in some hosts). */
export const USAGE = { MAP_READ: 1, COPY_SRC: 4, COPY_DST: 8, UNIFORM: 64, STORAGE: 128 } as const;
export const STORAGE_USAGE = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST;
export const READBACK_USAGE = USAGE.MAP_READ | USAGE.COPY_DST;
export const UNIFORM_USAGE = USAGE.UNIFORM | USAGE.COPY_DST;

export interface PoolStats {
  /** Buffers ever created. */
  created: number;
  /** Buffers alive (created and not destroyed). */
  live: number;
  /** Alive buffers waiting in the pool for reuse. */
  idle: number;
}

const BIG = 64 * 1024 * 1024;

/**
 * Sizes are rounded up to a power of two (at least 256 bytes), so a class fits its requests;
 * past 64 MiB to a multiple of 64 MiB, so big arrays do not waste up to half their size.
 */
export function sizeClass(bytes: number): number {
  if (bytes > BIG) return Math.ceil(bytes / BIG) * BIG;
  let c = 256;
  while (c < bytes) c *= 2;
  return c;
}

export class BufferPool {
  private readonly idle = new Map<string, GPUBuffer[]>();
  private created = 0;
  private destroyed = 0;
  private idleCount = 0;
  private readonly device: GPUDevice;

  constructor(device: GPUDevice) { this.device = device; }

  acquire(bytes: number, usage: number = STORAGE_USAGE): GPUBuffer {
    const size = sizeClass(bytes);
    const list = this.idle.get(`${usage}:${size}`);
    const reused = list?.pop();
    if (reused) { this.idleCount--; return reused; }
    this.created++;
    return this.device.createBuffer({ size, usage });
  }

  release(buf: GPUBuffer): void {
    const key = `${buf.usage}:${buf.size}`;
    let list = this.idle.get(key);
    if (!list) this.idle.set(key, (list = []));
    list.push(buf);
    this.idleCount++;
  }

  /** A buffer no one will use again, outside the pool (uniform blocks). */
  create(bytes: number, usage: number): GPUBuffer {
    this.created++;
    return this.device.createBuffer({ size: Math.max(16, Math.ceil(bytes / 16) * 16), usage });
  }

  destroy(buf: GPUBuffer): void {
    this.destroyed++;
    buf.destroy();
  }

  /** Destroy every idle buffer (after a WebGPU error, one of them may be invalid). */
  trim(): void {
    for (const list of this.idle.values()) for (const b of list) this.destroy(b);
    this.idle.clear();
    this.idleCount = 0;
  }

  stats(): PoolStats {
    return { created: this.created, live: this.created - this.destroyed, idle: this.idleCount };
  }
}
