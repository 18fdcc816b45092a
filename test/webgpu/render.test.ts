// The WGSL renderer without a device: generated code (snapshots), the launch plan, the dtype
// policy's compile-time errors, and that the CPU path never loads Dawn.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { WebGpuFunction } from '../../runtime/webgpu/function.ts';

const gpu = (inputs: readonly unknown[], outputs: unknown, options: Record<string, unknown> = {}) =>
  (T.fn as (...a: unknown[]) => unknown)(inputs, outputs, { ...options, backend: 'webgpu' }) as WebGpuFunction;

describe('the WGSL renderer', () => {
  it('fuses an elementwise chain into one kernel reading a broadcast row through strides', () => {
    const x = T.fmatrix('x');
    const r = T.tensor('float32', 2, 'r', { broadcastable: [true, false] });
    const f = gpu([x, r], T.tensor`exp(${x}) * ${r} + 1`);
    const code = f.program.webgpu!;
    expect(code.steps.map((s) => s.op)).toEqual(['elemwise']);
    expect(code.kernels[0]!.source).toMatchInlineSnapshot(`
      "struct Params { v: array<vec4<u32>, 1> }
      @group(0) @binding(0) var<uniform> P: Params;
      @group(0) @binding(1) var<storage, read> a0: array<f32>;
      @group(0) @binding(2) var<storage, read> a1: array<f32>;
      @group(0) @binding(3) var<storage, read_write> o: array<f32>;
      fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
      @compute @workgroup_size(256)
      fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
        let i = gid.x + gid.y * nwg.x * 256u;
        if (i >= P.v[0].x) { return; }
        var rem_i = i;
        let i1 = rem_i % P.v[0].z;
        rem_i = rem_i / P.v[0].z;
        let i0 = rem_i;
        let x0 = a0[i];
        let x1 = a1[i1];
        let t0 = select(exp(x0), x0, isnan_(x0));
        let t1 = (t0 * x1);
        let t2 = (t1 + 1.0);
        o[i] = t2;
      }"
    `);
  });

  it('computes shapes and index bounds on the host, everything else in kernels', () => {
    const x = T.fmatrix('x');
    const k = T.iscalar('k');
    const f = gpu([x, k], T.mean(T.subtensor(x, [T.slice(k)]), { axis: 0 }));
    expect(f.program.webgpu!.steps.map((s) => (s.op === 'host' ? `host:${s.name}` : s.op))).toMatchInlineSnapshot(`
      [
        "subtensor",
        "reduce",
        "shape",
        "host:subtensor",
        "host:cast{float32}",
        "host:dimshuffle",
        "elemwise",
      ]
    `);
  });
});

describe('loops and conditionals in the launch plan', () => {
  const opsOf = (steps: readonly { op: string; name?: string }[]) => steps.map((s) => (s.op === 'host' ? `host:${s.name}` : s.op));

  it('a scan is one step with its step graph as a nested plan; the step count is a host value', () => {
    const x = T.fmatrix('x'), h0 = T.fvector('h0'), W = T.fmatrix('W');
    const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: x, outputsInfo: h0, nonSequences: W });
    const code = gpu([x, h0, W], hs).program.webgpu!;
    const scan = code.steps.find((s) => s.op === 'scan')!;
    if (scan.op !== 'scan') throw new Error('no scan step');
    expect(opsOf(scan.body.steps)).toEqual(['matmul', 'elemwise']);
    expect(scan.roles).toEqual([{ kind: 'seq', j: 0 }, { kind: 'tap', i: 0, k: -1 }, { kind: 'nonseq', k: 0 }]);
    // the step count is the sequence's length, taken from its shape on the host
    expect(opsOf(code.steps)).toMatchInlineSnapshot(`
      [
        "shape",
        "host:subtensor",
        "broadcast",
        "scan",
      ]
    `);
    // the program's one kernel table holds the step graph's: a tiled and a thin matmul, the tanh
    expect(code.kernels.map((k) => k.ops.join())).toEqual(['dot', 'dot', 'add,tanh']);
  });

  it('a random draw inside the step keeps the scan on the host', () => {
    const srng = new T.RandomStreams(1);
    const x = T.fvector('x');
    const [out] = T.scan({ fn: (xt) => T.add(xt, srng.uniform([], 0, 1, { dtype: 'float32' })), sequences: x });
    expect(opsOf(gpu([x], out).program.webgpu!.steps)).toContain('host:scan');
  });

  it("an ifelse's own steps sit behind a branch step, right after its condition", () => {
    const c = T.fscalar('c'), x = T.fvector('x'), y = T.fvector('y');
    const f = gpu([c, x, y], T.add(T.ifelse(T.gt(c, 0), T.exp(T.mul(x, 2)), T.sum(T.dot(T.stack([y, y]), y), { keepdims: true })), 1));
    expect(opsOf(f.program.webgpu!.steps)).toMatchInlineSnapshot(`
      [
        "host:gt",
        "branch",
        "elemwise",
        "broadcast",
        "concatenate",
        "matmul",
        "reduce",
        "ifelse",
        "elemwise",
      ]
    `);
  });
});

describe('the dtype policy (at compile time, no device needed)', () => {
  it('float64 fails, naming the variable and the fix', () => {
    const x = T.dvector('x');
    expect(() => gpu([x], T.exp(x))).toThrow(/webgpu: input 'x' is float64; WGSL has no f64 — use float32 \(T.config.floatX = 'float32' or HYPATIA_FLAGS=floatX=float32\)/);
    const w = T.shared(T.asarray([1, 2], { dtype: 'float64' }), { name: 'w' });
    expect(() => gpu([], T.mul(w, 2))).toThrow(/shared variable 'w' is float64/);
    const i = T.ivector('i');
    expect(() => gpu([i], T.true_div(i, i))).toThrow(/the result of true_div \(TensorType\(float64, vector\)\) is float64/);
  });

  it('float64 inside a template points at it', () => {
    const f = T.fvector('f');
    const i = T.ivector('i');
    expect(() => gpu([f, i], T.tensor`${f} * (${i} / 2)`)).toThrow(/is float64[^]*\^/);
  });

  it('int64 results that may not fit 32 bits are refused', () => {
    const i = T.ivector('i');
    expect(() => gpu([i], T.sum(i))).toThrow(/webgpu: sum gives int64 values that may not fit in 32 bits.*T.sum\(x, \{ dtype: 'int32' \}\)/);
    const x = T.fvector('x');
    expect(() => gpu([x], T.add(T.argmax(x), 1))).toThrow(/add gives int64 values/);
    expect(() => gpu([x], T.cast(x, 'int64'))).toThrow(/cast gives int64 values/);
    expect(() => gpu([x], T.subtensor(x, [T.constant([0, 3e9], { dtype: 'int64' })]))).toThrow(/holds 3000000000, which does not fit in 32 bits/);
  });

  it('the CPU path never loads Dawn', () => {
    const x = T.fvector('x');
    expect((T.fn([x], T.mul(x, 2))([1]) as T.NDArray).toArray()).toEqual([2]);
    gpu([x], T.mul(x, 2));
    expect((globalThis as Record<string, unknown>).__hypatiaDawnGpu).toBeUndefined();
  });
});
