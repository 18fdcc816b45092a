// Launching kernels from one plan: per dispatch site (a step's n-th launch) a uniform block
// and bind groups kept across calls, so a call with unchanged shapes writes no parameters and
// creates no bind group. Commands go to the call's shared command stream (encoding.ts).
import type { GpuContext } from './context.ts';
import type { Encoding } from './encoding.ts';
import { UNIFORM_USAGE } from './pool.ts';
import type { ParamWords } from './ops/runner.ts';

/** A dispatch site's parameter block and its last bind groups (kept across calls). */
interface Site {
  words: ParamWords;
  written: Uint32Array;
  uniform: GPUBuffer;
  fresh: boolean;
  groups: { kernel: number; buffers: GPUBuffer[]; group: GPUBindGroup }[];
}

/** Sites per step: a step addresses its dispatches as 0, 1, ... (a long sort needs hundreds). */
const SITES_PER_STEP = 1024;

/**
 * A site's uniform block is written with queue.writeBuffer, which lands before the command
 * buffer that uses it runs: a site must therefore launch with one set of parameters per call.
 * Runners give each distinct launch its own site; a scan replays its step graph's launches
 * unchanged.
 */
export abstract class Launcher {
  abstract get ctx(): GpuContext;
  abstract get enc(): Encoding;
  protected abstract get pipelines(): readonly GPUComputePipeline[];
  private readonly sites = new Map<number, Site>();
  protected readonly temps = new Map<number, GPUBuffer>();
  /** The step being encoded: sites are numbered within it. */
  protected step = 0;

  temp(site: number, bytes: number): GPUBuffer {
    const key = this.step * SITES_PER_STEP + site;
    let b = this.temps.get(key);
    if (!b || b.size < bytes) {
      if (b) this.ctx.pool.release(b);
      b = this.ctx.pool.acquire(bytes);
      this.temps.set(key, b);
    }
    return b;
  }

  params(site: number, count: number): ParamWords {
    return this.siteOf(site, count).words;
  }

  private siteOf(site: number, count = 4): Site {
    const key = this.step * SITES_PER_STEP + site;
    let s = this.sites.get(key);
    if (!s || s.words.u.length < count) {
      const n = Math.max(4, Math.ceil(count / 4) * 4);
      const buf = new ArrayBuffer(n * 4);
      s = {
        words: { u: new Uint32Array(buf), i: new Int32Array(buf), f: new Float32Array(buf) },
        written: new Uint32Array(n), uniform: this.ctx.pool.create(n * 4, UNIFORM_USAGE), fresh: true, groups: [],
      };
      this.sites.set(key, s);
    }
    return s;
  }

  dispatch(site: number, kernel: number, buffers: readonly GPUBuffer[], groups: number): void {
    const x = Math.min(groups, 65535), y = Math.ceil(groups / x);
    if (y > 65535) throw new RangeError(`webgpu: ${groups} workgroups exceed the dispatch limit`);
    this.dispatch3(site, kernel, buffers, [x, y, 1]);
  }

  dispatch3(site: number, kernel: number, buffers: readonly GPUBuffer[], grid: readonly [number, number, number]): void {
    const s = this.siteOf(site);
    const w = s.words.u;
    let changed = s.fresh;
    for (let k = 0; k < w.length && !changed; k++) if (w[k] !== s.written[k]) changed = true;
    if (changed) {
      this.ctx.device.queue.writeBuffer(s.uniform, 0, w.buffer, 0, w.byteLength);
      s.written.set(w);
      s.fresh = false;
    }
    const pipeline = this.pipelines[kernel]!;
    let g = s.groups.find((e) => e.kernel === kernel && e.buffers.length === buffers.length && e.buffers.every((b, k) => b === buffers[k]));
    if (!g) {
      const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: s.uniform } }];
      buffers.forEach((b, k) => entries.push({ binding: k + 1, resource: { buffer: b } }));
      g = { kernel, buffers: buffers.slice(), group: this.ctx.device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries }) };
      // two entries: updates alternate between a pair of buffers
      s.groups.unshift(g);
      if (s.groups.length > 2) s.groups.length = 2;
    }
    this.enc.dispatch(pipeline, g.group, [grid[0], grid[1], grid[2]]);
  }

  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void {
    this.enc.copy(src, 0, dst, 0, bytes);
  }

  /** A copy at byte offsets: a buffer copy, or the half-copy kernel where they are not multiples of 4 (encoding.ts). */
  copyAt(src: GPUBuffer, from: number, dst: GPUBuffer, to: number, bytes: number): void {
    this.enc.copy(src, from, dst, to, bytes);
  }

  copyRows(src: GPUBuffer, from: number, srcStride: number, dst: GPUBuffer, to: number, dstStride: number, bytes: number, rows: number): void {
    this.enc.copyRows(src, from, srcStride, dst, to, dstStride, bytes, rows);
  }

  /** Forget every bind group (their buffers are being destroyed). */
  protected dropGroups(): void {
    for (const s of this.sites.values()) s.groups = [];
  }
}
