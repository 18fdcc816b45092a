// The describer and the emitter on their own: what a graph module's exports become as text.
import { describe, expect, it } from 'vitest';
import * as T from 'hypatia';
import { describeError, describeModule } from '../../compiler/build/describe.ts';
import { emitModule } from '../../compiler/build/emit.ts';
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
