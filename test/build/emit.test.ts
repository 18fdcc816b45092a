// The describer and the emitter on their own: what a graph module's exports become as text.
import { describe, expect, it } from 'vitest';
import * as T from 'hypatia';
import { describeError, describeModule } from '../../compiler/build/describe.ts';
import { emitModule } from '../../compiler/build/emit.ts';
import { pairFallback } from '../../compiler/build/fallback.ts';
import type { Description } from '../../compiler/build/description.ts';
import { literal } from '../../compiler/build/literal.ts';

const emit = (namespace: Record<string, unknown>) =>
  emitModule(describeModule(namespace), { runtime: 'hypatia/runtime', backends: ['cpu'], sourceName: 'test.graph.ts' });

describe('literal', () => {
  it('writes values JSON cannot hold', () => {
    expect(literal([NaN, -0, Infinity, -Infinity, undefined, 10n, 1.5])).toBe('[NaN, -0, Infinity, -Infinity, undefined, 10n, 1.5]');
    expect(literal({ a: 1, 'b-c': 'x', __proto__x: null })).toBe('{a: 1, "b-c": "x", __proto__x: null}');
    expect(literal(JSON.parse('{"__proto__": 1}'))).toBe('{["__proto__"]: 1}');
  });
});

describe('describeModule', () => {
  it('shares one program between a function and its copies, one state per container', () => {
    const x = T.dvector('x');
    const w = T.shared(new Float64Array([1, 2]), { name: 'w' });
    const v = T.shared(new Float64Array([3, 4]), { name: 'v' });
    const f = T.fn([x], T.tensor`${x} * ${w}`);
    const g = f.copy({ swap: [[w, v]] });
    const d = describeModule({ f, g, w, alsoF: f, nested: { list: [w, 1] } });
    expect(d.programs).toHaveLength(1);
    expect(d.functions).toEqual([{ program: 0, shared: [0] }, { program: 0, shared: [1] }]);
    expect(d.shared.map((s) => s.name)).toEqual(['w', 'v']);
    expect(d.exports.find(([k]) => k === 'alsoF')![1]).toEqual({ kind: 'function', index: 0 });
    expect(d.exports.find(([k]) => k === 'nested')![1]).toEqual({
      kind: 'object', entries: [['list', { kind: 'array', items: [{ kind: 'shared', index: 0 }, { kind: 'primitive', value: 1 }] }]],
    });
  });

  it('names what it cannot carry', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const d = describeModule({ m: new Map(), s: Symbol('s'), c: cyclic, v: T.dscalar('v') });
    expect(d.exports.map(([k, v]) => [k, v.kind === 'unsupported' ? v.what.split(/[;,]/)[0] : v.kind])).toEqual([
      ['m', 'an instance of Map'], ['s', 'a symbol'], ['c', 'object'], ['v', 'a symbolic variable'],
    ]);
    expect(d.exports[2]![1]).toEqual({ kind: 'object', entries: [['self', { kind: 'unsupported', what: 'a circular reference' }]] });
  });

  it('marks generator states, describes a RandomStreams by its states, and tells a deleteUpdates copy apart', () => {
    const srng = new T.RandomStreams(7);
    const u = srng.uniform([2]);
    const n = srng.normal([2]);
    const f = T.fn([], [u, n]);
    const frozen = f.copy({ deleteUpdates: true });
    const d = describeModule({ f, frozen, srng, rng: u.rng, plain: T.shared(1, { name: 'plain' }) });
    expect(d.functions).toEqual([{ program: 0, shared: [0, 1] }, { program: 0, shared: [0, 1], appliesUpdates: false }]);
    expect(d.shared.map((s) => [s.name, s.randomState ?? false])).toEqual([['rng_uniform_0', true], ['rng_normal_1', true], ['plain', false]]);
    expect(d.exports.find(([k]) => k === 'srng')![1]).toEqual({ kind: 'random-streams', rngs: [0, 1] });
    expect(d.exports.find(([k]) => k === 'rng')![1]).toEqual({ kind: 'shared', index: 0 });
  });

  it('keeps a template error position through describeError', () => {
    try {
      T.tensor`1 + nope(2)`;
      expect.unreachable();
    } catch (e) {
      const d = describeError(e);
      expect(d.name).toBe('TemplateError');
      expect(d.template).toMatchObject({ strings: ['1 + nope(2)'], part: 0, partOffset: 4, length: 4 });
    }
  });
});

describe('emitModule', () => {
  it('emits pure definitions, kernels as code and programs without source text', () => {
    const x = T.dvector('x');
    const w = T.shared(new Float64Array(100).fill(0.5), { name: 'w' });
    const f = T.fn([x], T.tensor`sum(${x} * ${w})`, { name: 'f' });
    const { code, problems } = emit({ f, w, 'odd-name': 3, default: f, table: T.asarray([1, 2]), typed: new Int32Array([1, 2]) });
    expect(problems).toEqual([]);
    expect(code).toContain('import { cpuRun, decodeArray, makeFunction, sharedVariable } from "hypatia/runtime";');
    expect(code).toMatch(/const S0 = \/\* @__PURE__ \*\/ sharedVariable\("w", \{dtype: "float64", shape: \[100\], data: \{base64: "AAAAAAAA4D8[A-Za-z0-9+/=]*"\}\}, \[false\]\);/);
    expect(code).toMatch(/const R0 = \/\* @__PURE__ \*\/ cpuRun\(P0, \(function \(K, C\) \{/);
    expect(code).toContain('const F0 = /* @__PURE__ */ makeFunction(P0, [S0], R0);');
    expect(code).not.toContain('source:');
    expect(code).toContain('export { F0 as f, S0 as w, E2 as "odd-name", F0 as default, E4 as table, E5 as typed };');
    expect(code).toContain('const E5 = /* @__PURE__ */ decodeArray({dtype: "int32", shape: [2], data: [1, 2]}).data;');
  });

  it('reports values it cannot carry with their path', () => {
    const { problems } = emit({ model: { helper: () => 1, ok: 1 }, list: [1, T.dscalar('s')] });
    expect(problems.map((p) => [p.exportName, p.path])).toEqual([['model', 'model.helper'], ['list', 'list[1]']]);
  });
});

describe('emitModule: random streams, copies without updates, CPU twins', () => {
  it('restores generator states as RandomStates, a stream as a handle over them, and drops a copy\'s updates', () => {
    const srng = new T.RandomStreams(7);
    const f = T.fn([], srng.uniform([2]));
    const { code, problems } = emit({ f, frozen: f.copy({ deleteUpdates: true }), srng });
    expect(problems).toEqual([]);
    expect(code).toMatch(/const S0 = \/\* @__PURE__ \*\/ randomStateVariable\("rng_uniform_0", \{dtype: "uint32", shape: \[4\], data: \[\d+, \d+, 0, 0\]\}\);/);
    expect(code).toContain('const F1 = /* @__PURE__ */ withoutUpdates(/* @__PURE__ */ makeFunction(P0, [S0], R0));');
    expect(code).toContain('const E2 = /* @__PURE__ */ randomStreams([S0]);');
    expect(code).toContain('import { cpuRun, makeFunction, randomStateVariable, randomStreams, withoutUpdates } from "hypatia/runtime";');
  });

  it('pairs WebGPU functions with CPU twins by position, and refuses evaluations that differ', () => {
    const x = T.fvector('x');
    const w = T.shared(new Float32Array([1, 2]), { name: 'w' });
    const build = (backend: 'webgpu' | 'cpu') => {
      const f = T.fn([x], T.tensor`${x} * ${w}`, { backend, updates: [[w, T.tensor`${w} + 1`]] });
      // a function that names its backend has no twin: it is the CPU in both evaluations
      const pinned = T.fn([x], T.tensor`${x} + 1`, { backend: 'cpu' });
      return describeModule({ f, frozen: f.copy({ deleteUpdates: true }), pinned, w });
    };
    const gpu = build('webgpu'), cpu = build('cpu');
    const paired = pairFallback(gpu, cpu);
    if (!paired.ok) throw new Error(paired.why);
    const d = paired.description;
    expect(d.programs.map((p) => (p.webgpu ? 'webgpu' : 'cpu'))).toEqual(['webgpu', 'cpu', 'cpu']);
    expect(d.functions).toEqual([
      { program: 0, shared: [0], fallback: 2 },
      { program: 0, shared: [0], appliesUpdates: false, fallback: 2 },
      { program: 1, shared: [] },
    ]);
    const { code } = emitModule(d, { runtime: 'hypatia/runtime', backends: ['webgpu', 'cpu'], sourceName: 't.graph.ts' });
    expect(code).toContain('const F0 = /* @__PURE__ */ withCpuFallback(/* @__PURE__ */ makeWebGpuFunction(P0, [S0], R0), /* @__PURE__ */ makeFunction(P2, [S0], R2));');
    expect(code).toMatch(/const F1 = \/\* @__PURE__ \*\/ withoutUpdates\(\/\* @__PURE__ \*\/ withCpuFallback\(/);

    const other: Description = { ...cpu, exports: cpu.exports.filter(([k]) => k !== 'pinned') };
    expect(pairFallback(gpu, other)).toEqual({ ok: false, why: 'the exports differ' });
    const renamed: Description = { ...cpu, shared: cpu.shared.map((s) => ({ ...s, name: 'v' })) };
    expect(pairFallback(gpu, renamed)).toMatchObject({ ok: false, why: expect.stringMatching(/shared variable 0 is 'w'/) });
  });
});
