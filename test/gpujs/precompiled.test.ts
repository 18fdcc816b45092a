// Kernels translated to GLSL at build time (compiler/backends/gpujs/glsl.ts) and the fragment
// shaders the runtime wraps them in (runtime/gpujs/gl.ts). Whether the GLSL computes what GPU.js
// computes is for a browser to say (browser.test.ts, bundle.test.ts); here: what the translator
// accepts and refuses, what a shader declares, and where precompiled kernels run in Node.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { kernelGlsl, precompileGpuJs } from '../../compiler/backends/gpujs/glsl.ts';
import { precompiledFunction } from '../../compiler/backends/gpujs/function.ts';
import { gpujsProgramData } from '../../compiler/backends/gpujs/emit.ts';
import type { GpuJsKernel } from '../../runtime/gpujs/code.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import { fragmentShader, precompiledDevice, setGpuJsPrecompiled } from '../../runtime/gpujs/gl.ts';
import { helpersIn } from '../../runtime/gpujs/helpers.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

const k = (source: string, maps = 0): GpuJsKernel => ({
  name: 'test', source, helpers: helpersIn(source), ops: [], ...(maps ? { maps: Array.from({ length: maps }, (_, j) => `function keep${j}(v) {\n  return v;\n}`) } : {}),
});
const glsl = (source: string, maps = 0) => kernelGlsl(k(source, maps));

describe('the GLSL translator', () => {
  it('turns a kernel into a float function over uniforms, arrays read through rd_', () => {
    const g = glsl('function (a, b, n, unused) {\n  const i = this.thread.x;\n  let acc = 0;\n  for (let j = 0; j < n; j++) {\n    acc = acc + a[i * n + j] * b[j];\n  }\n  return acc;\n}');
    expect(g.params).toBe('ssf-');
    expect(g.source).toBe([
      'float kernel_() {',
      '  float v_i = tx_;',
      '  float v_acc = 0.0;',
      '  for (float v_j = 0.0; (v_j < u2); v_j += 1.0) {',
      '    v_acc = (v_acc + (rd_(u0, ((v_i * u2) + v_j)) * rd_(u1, v_j)));',
      '  }',
      '  return v_acc;',
      '}',
    ].join('\n'));
  });

  it('keeps JavaScript precedence, literals as floats, comparisons as bools turned into 1/0 by arithmetic', () => {
    const g = glsl('function (m, k) {\n  const i = this.thread.x;\n  const r = qdiv_(i, m);\n  return (i - r * m) - r === k ? 1 : 0.5e-3 + (i < 2);\n}');
    expect(g.source).toContain('float v_r = qdiv_(v_i, u0);');
    expect(g.source).toContain('return ((((v_i - (v_r * u0)) - v_r) == u1) ? 1.0 : (0.5e-3 + ((v_i < 2.0) ? 1.0 : 0.0)));');
  });

  it('translates if / else if / else, &&, ||, !, Math functions and kernel-map outputs', () => {
    const g = glsl('function (a) {\n  const v = a[this.thread.x];\n  const k0 = keep0(Math.exp(v));\n  let r = 0;\n  if (v < 0 && !(v > -1) || isnan_(v) === 1) {\n    r = Math.min(v, 1, 2);\n  } else if (v > 3) {\n    r = -Math.abs(v);\n  } else {\n    r = Math.trunc(v);\n  }\n  return r;\n}', 1);
    expect(g.source).toContain('float v_k0 = keep0(exp(v_v));');
    expect(g.source).toContain('if ((((v_v < 0.0) && (!(v_v > (-1.0)))) || (isnan_(v_v) == 1.0))) {');
    expect(g.source).toContain('v_r = min(min(v_v, 1.0), 2.0);');
    expect(g.source).toContain('} else if ((v_v > 3.0)) {');
    expect(g.source).toContain('v_r = (-abs(v_v));');
    expect(g.source).toContain('v_r = trunc(v_v);');
  });

  it('refuses what it would translate into something else', () => {
    const refused: [string, RegExp][] = [
      // a number's truth: NaN is false in JavaScript, true as x != 0.0 in GLSL
      ['function (a) {\n  if (a) {\n    return 1;\n  }\n  return 0;\n}', /must be a comparison/],
      ['function (a) {\n  return a == 1 ? 1 : 0;\n}', /'==' is not in the kernel subset/],
      ['function (a) {\n  const c = a < 1;\n  return c;\n}', /would hold a comparison's result/],
      ['function (a) {\n  return Math.round(a);\n}', /Math\.round has no GLSL counterpart/],
      ['function (a) {\n  return frob(a);\n}', /unknown function 'frob'/],
      ['function (a) {\n  return a[0] + a;\n}', /used both as an array and as a number/],
      ['function (a) {\n  return b;\n}', /unknown name 'b'/],
      ['function (a) {\n  a = 2;\n  return a;\n}', /not a local variable/],
      ["function (a) {\n  return 'x';\n}", /unexpected '''/],
      ['function (a) {\n  return keep0(a);\n}', /unknown function 'keep0'/],
      ['function (a) {\n  return (a < 1) === 1 ? 1 : 0;\n}', /between a comparison and a number/],
      ['function (a) {\n  return Math.max(a);\n}', /Math\.max of fewer than two values/],
      ['function (a) {\n  return Math.exp(a, 2);\n}', /Math\.exp takes one argument/],
    ];
    for (const [source, message] of refused) expect(() => glsl(source), source).toThrow(message);
    expect(() => glsl('function (a) {\n  return a;\n}\nfoo')).toThrow(/after the kernel function/);
  });

  it('translates every kernel of a training step; the emitted program carries GLSL and no host sources', () => {
    const x = T.fmatrix('x'), y = T.fvector('y');
    const w = T.shared(new Float32Array(5), { name: 'w' });
    const z = T.tensor`dot(${x}, ${w})`;
    const cost = T.tensor`mean(${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z}))`;
    const [gw] = T.grad(cost, [w]);
    const f = (T.fn as unknown as (...a: unknown[]) => GpuJsFunction)([x, y], cost, { updates: [[w, T.tensor`${w} - 0.1 * ${gw}`]], backend: 'gpujs' });
    const code = (f.program as unknown as { gpujs: Parameters<typeof precompileGpuJs>[0] }).gpujs;
    const pre = precompileGpuJs(code);
    expect(pre.kernels.length).toBeGreaterThan(2);
    for (const kernel of pre.kernels) {
      const fs = fragmentShader(kernel);
      expect(fs.startsWith('#version 300 es\n')).toBe(true);
      // one output per kernel-map value, then the result
      for (let o = 0; o <= (kernel.maps?.length ?? 0); o++) expect(fs).toContain(`layout(location = ${o}) out float o${o}_;`);
      [...kernel.glsl!.params].forEach((c, j) => {
        if (c === 's') expect(fs).toContain(`uniform sampler2D u${j};`);
        if (c === 'f') expect(fs).toContain(`uniform float u${j};`);
      });
      for (const h of kernel.helpers) expect(fs).toContain(`float ${h}(`);
    }
    expect(pre.kernels.some((kernel) => kernel.maps?.length)).toBe(true);
    const data = gpujsProgramData(f.program) as unknown as { gpujs: typeof code };
    expect(data.gpujs.kernels.every((kernel) => kernel.glsl && kernel.source)).toBe(true);
    expect(data.gpujs.host.every((h) => !('source' in h))).toBe(true);
  });
});

describe('precompiled kernels in Node', () => {
  it('run through GPU.js (cpu mode): Node has no WebGL2', async () => {
    const x = T.fvector('x');
    const f = (T.fn as unknown as (...a: unknown[]) => GpuJsFunction)([x], T.tensor`exp(${x}) * 2`, { backend: 'gpujs' });
    const pre = precompiledFunction(f);
    expect(precompiledDevice((pre.program as unknown as { gpujs: { kernels: GpuJsKernel[] } }).gpujs.kernels)).toBeNull();
    const a = (await f([0, 1, 2])) as NDArray, b = (await pre([0, 1, 2])) as NDArray;
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(pre.stats()).toMatchObject({ mode: 'cpu', precompiled: false });
  });

  it('a JIT program (kernels without GLSL) never takes the GLSL runner, nor anything when turned off', () => {
    expect(precompiledDevice([k('function (a) {\n  return a[0];\n}')])).toBeNull();
    setGpuJsPrecompiled(false);
    try {
      expect(precompiledDevice([])).toBeNull();
    } finally {
      setGpuJsPrecompiled(true);
    }
  });
});
