// Packed float16 storage (runtime/webgpu/storage.ts, half-copy.ts): on a device with shader-f16
// a float16 array is binary16 packed two to a 32-bit word. Checked here: the size and source
// helpers and the host conversions (no device); the runtime's half-copy kernel, which copies
// runs of 16-bit halves at offsets copyBufferToBuffer cannot take (any device: it is u32 code);
// and hand-written kernels following the F16_ALIAS contract, run through the runtime's own
// pipeline path, uploads, scans and readbacks — packed on a device with shader-f16 (lavapipe),
// in f32 lanes elsewhere, with the raw buffer contents checked for the layout each one promises.
import { describe, expect, it } from 'vitest';
import { f16Bits, fromF16Bits, roundF16 } from '../../runtime/float16.ts';
import { NDArray } from '../../runtime/ndarray.ts';
import { PROGRAM_FORMAT, PROGRAM_VERSION, type Program } from '../../runtime/program.ts';
import type { GpuStep, WebGpuCode } from '../../runtime/webgpu/code.ts';
import { type GpuContext, gpuContext } from '../../runtime/webgpu/context.ts';
import { Encoding } from '../../runtime/webgpu/encoding.ts';
import { halfCopyLaunch, halfCopyWords } from '../../runtime/webgpu/half-copy.ts';
import { loadWebGpuFunction } from '../../runtime/webgpu/load.ts';
import { F16_ALIAS, F16_PACKED, bufferBytes, copyBytes, elemBytes, fromDevice, sourceFor, toDevice } from '../../runtime/webgpu/storage.ts';
import { readBack, upload } from '../../runtime/webgpu/transfer.ts';
import { hasGpu, onLavapipe } from './gpu.ts';

const ALL = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint32', 'float16', 'float32'] as const;

/** A deterministic stream of 16-bit values. */
function halves(n: number, seed: number): Uint16Array {
  const out = new Uint16Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s >>> 16;
  }
  return out;
}

describe('packed float16 storage: sizes, sources and conversions (no device)', () => {
  it('elemBytes: 2 for float16 packed, 4 for everything else', () => {
    for (const d of ALL) {
      expect(elemBytes(d, false), d).toBe(4);
      expect(elemBytes(d, true), d).toBe(d === 'float16' ? 2 : 4);
    }
  });

  it('bufferBytes: whole 4-byte words, at least one; copyBytes: whole words, 0 when empty', () => {
    const packed = [0, 1, 2, 3, 4, 5, 1001].map((n) => bufferBytes('float16', n, true));
    expect(packed).toEqual([4, 4, 4, 8, 8, 12, 2004]);
    expect([0, 1, 3].map((n) => bufferBytes('float16', n, false))).toEqual([4, 4, 12]);
    expect([0, 1, 3].map((n) => bufferBytes('int8', n, true))).toEqual([4, 4, 12]);
    expect([0, 1, 2, 3, 5].map((n) => copyBytes('float16', n, true))).toEqual([0, 4, 4, 8, 12]);
    expect([0, 3].map((n) => copyBytes('float32', n, true))).toEqual([0, 12]);
    for (let n = 0; n < 40; n++) {
      for (const d of ALL) {
        for (const p of [false, true]) {
          const b = bufferBytes(d, n, p);
          expect(b % 4).toBe(0);
          expect(b).toBeGreaterThanOrEqual(Math.max(4, n * elemBytes(d, p)));
          // never a whole spare word, but the one an empty array still gets
          if (n > 0) expect(b - n * elemBytes(d, p)).toBeLessThan(4);
        }
      }
    }
  });

  it('sourceFor swaps the alias line, and only a first line that is exactly it', () => {
    const body = '\n@group(0) @binding(1) var<storage, read> a: array<h16>;\nfn main() {}';
    const src = F16_ALIAS + body;
    expect(sourceFor(src, false)).toBe(src);
    expect(sourceFor(src, true)).toBe(F16_PACKED + body);
    expect(sourceFor(src, true).startsWith('enable f16;\nalias h16 = f16;\n')).toBe(true);
    // kernels without float16 bindings are never touched
    const plain = 'struct P { n: u32 }\nfn main() {}';
    expect(sourceFor(plain, true)).toBe(plain);
    expect(sourceFor(`// c\n${src}`, true)).toBe(`// c\n${src}`);
  });

  it('uploads packed float16 as binary16 encodings, padded to whole words; f32 lanes as the host array', () => {
    const vals = [1, -2, 65504, Infinity, -Infinity, NaN, 2 ** -24, -0, 0.5, 3 * 2 ** -24, 1 / 3];
    const a = new NDArray('float16', [vals.length], Float32Array.from(vals.map(roundF16)));
    const up = toDevice(a, 'x', true);
    expect(up).toBeInstanceOf(Uint16Array);
    expect(up.length).toBe(vals.length + 1);
    expect(up.byteLength % 4).toBe(0);
    expect(Array.from(up.subarray(0, 10))).toEqual([0x3c00, 0xc000, 0x7bff, 0x7c00, 0xfc00, 0x7e00, 0x0001, 0x8000, 0x3800, 0x0003]);
    expect(up[10]).toBe(f16Bits(1 / 3));
    expect(up[11]).toBe(0);
    const even = toDevice(new NDArray('float16', [2, 2], Float32Array.from([1, 2, 3, 4])), 'x', true);
    expect(Array.from(even)).toEqual([0x3c00, 0x4000, 0x4200, 0x4400]);
    expect(toDevice(a, 'x', false)).toBe(a.data);
    expect(toDevice(a, 'x')).toBe(a.data);
    // other dtypes do not depend on packing
    const i8 = new NDArray('int8', [3], Int8Array.from([-1, 2, 3]));
    expect(Array.from(toDevice(i8, 'x', true))).toEqual([-1, 2, 3]);
    expect(toDevice(i8, 'x', true)).toBeInstanceOf(Int32Array);
  });

  it('reads packed float16 back from binary16 encodings at a byte offset; every encoding round-trips', () => {
    const words = new ArrayBuffer(8 + 2 * 65536);
    const h = new Uint16Array(words, 8);
    for (let i = 0; i < 65536; i++) h[i] = i;
    const back = fromDevice(words, 'float16', [256, 256], 65536, 8, true);
    expect(back.dtype).toBe('float16');
    expect(back.shape).toEqual([256, 256]);
    const d = back.data as Float32Array;
    for (let i = 0; i < 65536; i++) {
      const want = fromF16Bits(i);
      if (Number.isNaN(want)) { if (!Number.isNaN(d[i])) expect.fail(`encoding ${i.toString(16)} decoded to ${d[i]}, not NaN`); continue; }
      if (!Object.is(d[i], want)) expect.fail(`encoding ${i.toString(16)} decoded to ${d[i]}, not ${want}`);
    }
    const again = toDevice(back, 'x', true);
    for (let i = 0; i < 65536; i++) {
      const nan = (i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0;
      if (again[i] !== (nan ? 0x7e00 : i)) expect.fail(`encoding ${i.toString(16)} came back as ${again[i]!.toString(16)}`);
    }
    // f32 lanes: the same bytes read as f32
    const f = new Float32Array([1.5, -0.25, 65504]);
    expect(Array.from(fromDevice(f.buffer, 'float16', [3], 3, 0, false).data)).toEqual([1.5, -0.25, 65504]);
  });

  it('plans half copies: one invocation per destination word, whole halves only', () => {
    expect([[0, 1], [0, 2], [1, 1], [1, 2], [1, 3], [2, 4], [3, 5]].map(([d, n]) => halfCopyWords(d!, n!))).toEqual([1, 1, 1, 2, 2, 2, 3]);
    // 3 rows of 5 halves at a stride of 6 from half 1: halves 1..17, words 0..8
    expect(halfCopyWords(1, 5, 3, 6)).toBe(9);
    const one = (from: number, to: number, bytes: number) => halfCopyLaunch({ from, srcStride: bytes, to, dstStride: bytes, bytes, rows: 1 });
    expect(one(2, 6, 10)).toEqual({ params: [1, 3, 5, 1, 5, 5, 3, 0], grid: [1, 1, 1] });
    expect(one(0, 2, 2 * 1000).grid).toEqual([Math.ceil(halfCopyWords(1, 1000) / 256), 1, 1]);
    expect(halfCopyLaunch({ from: 0, srcStride: 10, to: 2, dstStride: 12, bytes: 10, rows: 3 }).params).toEqual([0, 1, 5, 3, 5, 6, 9, 0]);
    expect(() => one(1, 4, 4)).toThrow(/16-bit halves/);
    expect(() => one(0, 4, 3)).toThrow(/16-bit halves/);
    expect(() => halfCopyLaunch({ from: 0, srcStride: 10, to: 0, dstStride: 8, bytes: 10, rows: 2 })).toThrow(/overlap/);
  });
});

// ---- on a device -------------------------------------------------------------------------

const MAP_READ = 1, COPY_DST = 8;

/** The bytes of `buf` (a fresh staging buffer, so nothing else is involved). */
async function raw(ctx: GpuContext, buf: GPUBuffer, bytes = buf.size): Promise<ArrayBuffer> {
  const staging = ctx.device.createBuffer({ size: bytes, usage: MAP_READ | COPY_DST });
  const e = ctx.device.createCommandEncoder();
  e.copyBufferToBuffer(buf, 0, staging, 0, bytes);
  ctx.device.queue.submit([e.finish()]);
  await staging.mapAsync(1);
  const out = staging.getMappedRange().slice(0);
  staging.unmap();
  staging.destroy();
  return out;
}

type Copy = [src: number, from: number, dst: number, to: number, bytes: number];

/** Buffers and their expected contents as 16-bit halves; copies applied to both. */
class Halves {
  readonly ctx: GpuContext;
  readonly bufs: GPUBuffer[];
  readonly want: Uint16Array[];

  constructor(ctx: GpuContext, sizes: readonly number[], seed: number) {
    this.ctx = ctx;
    this.bufs = sizes.map((s) => ctx.pool.acquire(s));
    this.want = this.bufs.map((b, k) => halves(b.size / 2, seed + 17 * k));
    this.reload();
  }

  /** Write the expected contents to the device (before the commands that follow). */
  reload(): void {
    this.bufs.forEach((b, k) => this.ctx.device.queue.writeBuffer(b, 0, this.want[k]!.buffer, 0, this.want[k]!.byteLength));
  }

  copy(enc: Encoding, c: Copy): void {
    enc.copy(this.bufs[c[0]]!, c[1], this.bufs[c[2]]!, c[3], c[4]);
    this.apply(c);
  }

  /** The copy's effect on the expected contents only. */
  apply([s, from, d, to, bytes]: Copy): void {
    this.want[d]!.set(this.want[s]!.slice(from / 2, (from + bytes) / 2), to / 2);
  }

  /** `rows` rows of `bytes`, strided on both sides (Encoding.copyRows). */
  rows(enc: Encoding, s: number, from: number, sStride: number, d: number, to: number, dStride: number, bytes: number, rows: number): void {
    enc.copyRows(this.bufs[s]!, from, sStride, this.bufs[d]!, to, dStride, bytes, rows);
    for (let r = 0; r < rows; r++) this.apply([s, from + r * sStride, d, to + r * dStride, bytes]);
  }

  async check(what: string): Promise<void> {
    for (let k = 0; k < this.bufs.length; k++) {
      const got = new Uint16Array(await raw(this.ctx, this.bufs[k]!));
      const want = this.want[k]!;
      for (let i = 0; i < want.length; i++) {
        if (got[i] !== want[i]) expect.fail(`${what}: buffer ${k} half ${i} is ${got[i]!.toString(16)}, expected ${want[i]!.toString(16)}`);
      }
    }
  }

  release(): void { for (const b of this.bufs) this.ctx.pool.release(b); }
}

describe.skipIf(!hasGpu)('the half-copy kernel: copies at 2-byte offsets (any device)', () => {
  it('copies odd-length runs at odd half offsets, leaving the neighbouring halves of the boundary words', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    enc.reset();
    const h = new Halves(ctx, [256, 256], 1);
    const b = h.bufs[1]!;
    const before = h.want[1]!.slice();
    // one copy alone first: 5 halves from half 1 to half 3 (bytes 6..15 of b)
    h.copy(enc, [0, 2, 1, 6, 10]);
    expect(enc.halfCopies).toBe(1);
    enc.flush();
    const got = new Uint16Array(await raw(ctx, b));
    expect(Array.from(got.subarray(3, 8))).toEqual(Array.from(h.want[0]!.subarray(1, 6)));
    // the other half of the first word (half 2) and of the last (half 8) are untouched
    expect([got[2], got[8]]).toEqual([before[2], before[8]]);
    expect(Array.from(got.subarray(0, 3))).toEqual(Array.from(before.subarray(0, 3)));
    expect(Array.from(got.subarray(8))).toEqual(Array.from(before.subarray(8)));
    await h.check('one copy');
    h.release();
  });

  it('runs a sequence of copies both ways in order, mixed with aligned copies', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    enc.reset();
    const h = new Halves(ctx, [4096, 4096, 256], 2);
    const copies: Copy[] = [
      [0, 2, 1, 6, 10], [1, 6, 0, 2, 6], [0, 0, 1, 2, 2], [0, 2, 1, 0, 2], [0, 10, 1, 14, 2],
      [0, 2, 1, 4, 16], [0, 4, 1, 8, 8], [0, 14, 1, 30, 34], [1, 0, 0, 0, 6], [0, 2, 1, 2, 250],
      [0, 6, 1, 0, 240], [1, 2, 2, 6, 198], [2, 2, 0, 1000, 250],
      // many workgroups: 1537 halves, odd to even and odd to odd
      [0, 2, 1, 100, 3074], [1, 102, 0, 902, 3074], [0, 3, 1, 3, 0],
      [0, 0, 1, 0, 4096], [2, 4, 1, 16, 12],
    ];
    let odd = 0;
    for (const c of copies) {
      if (c[4] === 0) continue;
      h.copy(enc, c);
      if ((c[1] | c[3] | c[4]) & 3) odd++;
    }
    expect(enc.halfCopies).toBe(odd);
    enc.flush();
    await h.check('copies in order');
    h.release();
  });

  it('copies strided rows in one dispatch: padding odd rows to whole words and back, any offsets', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    enc.reset();
    const h = new Halves(ctx, [1024, 1024, 1024], 6);
    // 7 rows of 5 halves: dense -> padded to 6 halves (whole words) -> dense at an odd offset
    h.rows(enc, 0, 0, 10, 1, 0, 12, 10, 7);
    h.rows(enc, 1, 0, 12, 2, 6, 10, 10, 7);
    // odd offsets and strides on both sides, gaps between destination rows
    h.rows(enc, 0, 2, 6, 1, 202, 14, 6, 9);
    h.rows(enc, 2, 6, 18, 0, 302, 22, 18, 11);
    // a source stride smaller than a row (rows overlap in the source) and of 0 (a broadcast)
    h.rows(enc, 0, 10, 4, 2, 600, 10, 10, 5);
    h.rows(enc, 0, 14, 0, 2, 702, 8, 6, 4);
    expect(enc.halfCopies).toBe(6);
    // aligned and contiguous: a plain buffer copy
    h.rows(enc, 0, 8, 12, 1, 900, 12, 12, 4);
    expect(enc.halfCopies).toBe(6);
    enc.flush();
    await h.check('strided rows');
    h.release();
  });

  it('gives every copy of a call its own parameters: 300 one-half copies reverse a buffer', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    enc.reset();
    const h = new Halves(ctx, [1024, 1024], 3);
    for (let i = 0; i < 300; i++) h.copy(enc, [0, 2 * i, 1, 2 * (299 - i), 2]);
    expect(enc.halfCopies).toBe(300);
    enc.flush();
    await h.check('300 copies');
    h.release();
  });

  it('keeps parameters across calls, rewrites them when a call copies elsewhere, survives a discarded call', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    const h = new Halves(ctx, [512, 512], 4);
    const first: Copy[] = [[0, 2, 1, 6, 10], [0, 30, 1, 62, 22], [1, 6, 0, 2, 2]];
    const second: Copy[] = [[0, 6, 1, 2, 14], [0, 2, 1, 90, 6], [1, 90, 0, 10, 6]];
    for (const [what, list] of [['call 1', first], ['call 2 (the same copies)', first], ['call 3 (other copies)', second]] as const) {
      enc.reset();
      h.reload();
      for (const c of list) h.copy(enc, c);
      enc.flush();
      await h.check(what);
    }
    // encoded and dropped (an error mid-call): its records were never written
    enc.reset();
    for (const c of first) enc.copy(h.bufs[c[0]]!, c[1], h.bufs[c[2]]!, c[3], c[4]);
    enc.discard();
    enc.reset();
    h.reload();
    for (const c of second) h.copy(enc, c);
    enc.flush();
    await h.check('after a discarded call');
    h.release();
  });

  it('replays recorded half copies (a scan step graph) with their own parameters', async () => {
    const ctx = await gpuContext();
    const enc = new Encoding(ctx);
    enc.reset();
    const h = new Halves(ctx, [256, 256, 256, 256], 5);
    const rec = enc.record();
    const recorded: Copy[] = [[0, 2, 1, 6, 10], [1, 6, 2, 2, 6]];
    for (const c of recorded) h.copy(enc, c);
    enc.stop(rec);
    expect(rec.map((c) => c.kind)).toEqual(['dispatch', 'dispatch']);
    // change the source, copy elsewhere (more records), then replay: the same copies again
    h.copy(enc, [3, 2, 0, 0, 12]);
    h.copy(enc, [3, 10, 2, 40, 6]);
    enc.replay(rec);
    for (const c of recorded) h.apply(c);
    expect(enc.halfCopies).toBe(6);
    enc.flush();
    await h.check('replayed');
    h.release();
  });
});

// ---- the F16_ALIAS contract through the runtime ------------------------------------------

/** A contract kernel: `o[i] = h16(expr)` over array<h16> inputs a0, a1, ... (the elemwise runner's bindings). */
function contractKernel(name: string, ins: number, expr: string): { name: string; source: string; ops: string[] } {
  const bind = Array.from({ length: ins }, (_, k) => `@group(0) @binding(${k + 1}) var<storage, read> a${k}: array<h16>;`);
  const source = [
    F16_ALIAS,
    'struct Params { v: array<vec4<u32>, 1> }',
    '@group(0) @binding(0) var<uniform> P: Params;',
    ...bind,
    `@group(0) @binding(${ins + 1}) var<storage, read_write> o: array<h16>;`,
    '@compute @workgroup_size(256)',
    'fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {',
    '  let i = gid.x + gid.y * nwg.x * 256u;',
    '  if (i >= P.v[0].x) { return; }',
    `  o[i] = h16(${expr});`,
    '}',
  ].join('\n');
  return { name, source, ops: [name] };
}

const DOUBLE = contractKernel('double16', 1, 'f32(a0[i]) * 2.0');
const ADD = contractKernel('add16', 2, 'f32(a0[i]) + f32(a1[i])');

/** float16 test values whose doubles are exact binary16 values: subnormals, signed zeros, infinities, NaN. */
function f16Values(n: number): Float32Array {
  const special = [0, -0, 1, -1, 2 ** -24, -(3 * 2 ** -24), 2 ** -14, 1023 * 2 ** -24, 16384, -16383, Infinity, -Infinity, NaN, 0.1, 1 / 3];
  return Float32Array.from({ length: n }, (_, i) => roundF16(i < special.length ? special[i]! : ((i * 7919) % 2001) / 16 - 62.5));
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

function expectValues(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (!same(got[i]!, want[i]!)) expect.fail(`${what}[${i}] = ${got[i]}, expected ${want[i]}`);
}

describe.skipIf(!hasGpu)('contract kernels (F16_ALIAS, array<h16>) through the runtime', async () => {
  const ctx = hasGpu ? await gpuContext() : null;
  const packed = ctx?.device.features.has('shader-f16') === true && process.env.HYPATIA_WEBGPU_F16 !== 'f32';
  if (ctx && !packed) {
    console.warn('\n*** packed float16 NOT TESTED on this device: it has no shader-f16 (or HYPATIA_WEBGPU_F16=f32); ' +
      'the contract kernels run in f32 lanes. Run this file on lavapipe (vitest project \'lavapipe\') to test packing.\n');
  }

  it('stores float16 packed exactly where the device has shader-f16', () => {
    expect(ctx!.packedF16).toBe(packed);
    expect(ctx!.f16).toBe(packed ? 'packed' : 'f32');
    if (onLavapipe) expect(ctx!.f16, 'lavapipe has shader-f16: float16 must be packed there').toBe('packed');
  });

  it('o[i] = h16(f32(a[i]) * 2.0): created by the runtime, run on its storage, decoded on readback', async () => {
    const [pipeline] = await ctx!.pipelinesFor([DOUBLE]);
    for (const n of [1, 3, 7, 257, 1000]) {
      const x = new NDArray('float16', [n], f16Values(n));
      const bx = ctx!.pool.acquire(ctx!.bufferBytes('float16', n));
      const bo = ctx!.pool.acquire(ctx!.bufferBytes('float16', n));
      upload(ctx!, bx, x, 'x');
      // a sentinel past the end: the kernel writes n elements and nothing else
      const fill = new Uint32Array(bo.size / 4).fill(0x5a5a5a5a);
      ctx!.device.queue.writeBuffer(bo, 0, fill);
      const uniform = ctx!.device.createBuffer({ size: 16, usage: 64 | 8 });
      ctx!.device.queue.writeBuffer(uniform, 0, new Uint32Array([n, n, 0, 0]));
      const group = ctx!.device.createBindGroup({
        layout: pipeline!.getBindGroupLayout(0),
        entries: [{ binding: 0, resource: { buffer: uniform } }, { binding: 1, resource: { buffer: bx } }, { binding: 2, resource: { buffer: bo } }],
      });
      const e = ctx!.device.createCommandEncoder();
      const pass = e.beginComputePass();
      pass.setPipeline(pipeline!);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(Math.ceil(n / 256));
      pass.end();
      ctx!.device.queue.submit([e.finish()]);
      const want = Float32Array.from(x.data as Float32Array, (v) => v * 2);
      const out = await readBack(ctx!, bo, 'float16', [n]);
      expect(out.dtype).toBe('float16');
      expectValues(out.data as Float32Array, want, `double, n = ${n}`);
      // the layout itself: binary16 halves packed, or one f32 per lane
      const bytes = await raw(ctx!, bo);
      if (packed) {
        const h = new Uint16Array(bytes);
        for (let i = 0; i < n; i++) {
          const w = Number.isNaN(want[i]) ? 0x7e00 : f16Bits(want[i]!);
          if (Number.isNaN(want[i]) ? (h[i]! & 0x7c00) !== 0x7c00 || (h[i]! & 0x3ff) === 0 : h[i] !== w) {
            expect.fail(`packed half ${i} is ${h[i]!.toString(16)}, expected ${w.toString(16)}`);
          }
        }
        for (let i = n; i < h.length; i++) if (h[i] !== 0x5a5a) expect.fail(`half ${i} past the end was written: ${h[i]!.toString(16)}`);
      } else {
        expectValues(new Float32Array(bytes, 0, n), want, `f32 lanes, n = ${n}`);
        expect(new Uint32Array(bytes)[n]).toBe(0x5a5a5a5a);
      }
      uniform.destroy();
      ctx!.pool.release(bx);
      ctx!.pool.release(bo);
    }
  });

  /**
   * A program made by hand: y = 2x, and two scans over x's rows (odd length: packed rows start
   * mid-word every other step): the running sum from h0 stacked, and the same with only the
   * final state kept (a ring of two rows).
   */
  function program(): Program & { webgpu: WebGpuCode } {
    const f16 = (ndim: number, source: WebGpuCode['slots'][number]['source']) => ({ dtype: 'float16' as const, ndim, broadcastable: Array<boolean>(ndim).fill(false), source });
    const body = {
      slots: [f16(1, { from: 'input', index: 0 }), f16(1, { from: 'input', index: 1 }), f16(1, { from: 'step' })],
      steps: [{ op: 'elemwise', kernel: 1, ins: [0, 1], out: 2, name: 'add' } as GpuStep],
      results: [2],
    };
    const scan = (stacked: number | null, final: number | null): GpuStep => ({
      op: 'scan', name: 'cumsum', body, n: 2, seqs: [0], inits: [1], taps: [[-1]], nonSeqs: [], hostNonSeqs: [],
      roles: [{ kind: 'seq', j: 0 }, { kind: 'tap', i: 0, k: -1 }],
      stacked: [stacked], maps: [], finals: [final], mapResults: [], mapRows: [],
    });
    const slot = (ndim: number) => f16(ndim, { from: 'step' });
    return {
      format: PROGRAM_FORMAT, version: PROGRAM_VERSION, name: 'packed', shared: [], updates: [], allowInputDowncast: false, constants: [], kernels: [],
      inputs: [
        { name: 'x', dtype: 'float16', ndim: 2, broadcastable: [false, false], shape: [null, null] },
        { name: 'h0', dtype: 'float16', ndim: 2, broadcastable: [false, false], shape: [null, null] },
        { name: 'n', dtype: 'int64', ndim: 0, broadcastable: [], shape: [] },
      ],
      outputs: { count: 3, kind: 'list' },
      webgpu: {
        kernels: [DOUBLE, ADD], host: [], checked: false,
        slots: [
          f16(2, { from: 'input', index: 0 }), f16(2, { from: 'input', index: 1 }),
          { dtype: 'int64', ndim: 0, broadcastable: [], source: { from: 'input', index: 2 } },
          slot(2), slot(2), slot(1),
        ],
        steps: [{ op: 'elemwise', kernel: 0, ins: [0], out: 3, name: 'double' }, scan(4, null), scan(null, 5)],
        results: [3, 4, 5],
      },
    };
  }

  it('a hand-made program: elementwise, scans over odd-length rows, uploads and readbacks', async () => {
    const f = loadWebGpuFunction(program(), [], []);
    for (const [R, C] of [[7, 5], [6, 1], [5, 4], [3, 301], [1, 3], [2, 2]] as const) {
      // multiples of 1/8 below 64: every partial sum is an exact binary16 value
      const x = new NDArray('float16', [R, C], Float32Array.from({ length: R * C }, (_, i) => ((i * 37) % 23) / 8 - 1.25));
      const h0 = new NDArray('float16', [1, C], Float32Array.from({ length: C }, (_, i) => (i % 5) - 2));
      const [y, ys, last] = (await f(x, h0, new NDArray('int64', [], Float64Array.of(R)))) as NDArray[];
      const xd = x.data as Float32Array;
      expectValues(y!.data as Float32Array, xd.map((v) => 2 * v), `2x (${R}, ${C})`);
      const want = new Float32Array(R * C);
      for (let t = 0; t < R; t++) for (let j = 0; j < C; j++) want[t * C + j] = xd[t * C + j]! + (t === 0 ? h0.data[j]! : want[(t - 1) * C + j]!);
      expect(ys!.shape).toEqual([R, C]);
      expectValues(ys!.data as Float32Array, want, `stacked cumsum (${R}, ${C})`);
      expectValues(last!.data as Float32Array, want.subarray((R - 1) * C), `final state (${R}, ${C})`);
      const st = f.stats();
      expect(st.float16).toBe(packed ? 'packed' : 'f32');
      // packed rows of odd length are padded while the loops run: the sequence padded (one
      // half copy per scan), the tap of step 0 read from the initial row (one each), the
      // stacked rows copied out (one); every copy between steps stays a buffer copy.
      // Rows of whole words, and f32 lanes, never need the kernel.
      expect(st.halfCopies, `(${R}, ${C})`).toBe(packed && C % 2 === 1 ? 5 : 0);
      expect(st.readbacks).toBe(1);
    }
  });
});
