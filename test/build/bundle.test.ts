// What a bundle ships: the runtime and precompiled kernels, nothing that compiles, and small.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SIZE_TARGET_KB, WEBGPU_SIZE_TARGET_KB, bundleSizeKb } from '../../bench/startup.ts';
import { bundle, fixture, runInNode } from './helpers.ts';

const COMPILER_MARKERS = ['TemplateError', 'parseTemplate', 'applyOp', 'renderCpu', 'optimize(', 'new Function', 'eval('];
const CPU_TARGET_BYTES = SIZE_TARGET_KB * 1024;

describe('bundle contents', () => {
  it('contains no parser, IR, autodiff, rewrite or codegen code and no eval', async () => {
    const r = await bundle(fixture('one-function.ts'), { metafile: true });
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs.filter((f) => f.startsWith('compiler/'))).toEqual([]);
    expect(inputs).toContain('runtime/load.ts');
    for (const marker of COMPILER_MARKERS) expect(r.text, marker).not.toContain(marker);
    // kernels are code, not strings waiting to be evaluated
    expect(r.text).toMatch(/cpuRun\(P0, \(function\(K, C\) \{/);
    expect(r.text).not.toMatch(/source:/);
  });

  it('runs and matches the JIT path', async () => {
    const [built, jit] = await Promise.all([bundle(fixture('one-function.ts')), bundle(fixture('one-function.ts'), { hypatia: false })]);
    const [a, b] = await Promise.all([runInNode(built.text), runInNode(jit.text)]);
    expect(a).toBe(b);
    expect(JSON.parse(a)).toMatchObject({ shape: [2, 3] });
  });

  it(`one cpu function minified and gzipped stays within ${CPU_TARGET_BYTES / 1024} KB`, async () => {
    const r = await bundle(fixture('one-function.ts'), { minify: true, platform: 'browser', format: 'esm', target: 'es2022' });
    const size = gzipSync(r.text, { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(CPU_TARGET_BYTES);
  });

  it(`one function with the WebGPU runtime minified and gzipped stays within ${WEBGPU_SIZE_TARGET_KB} KB, as bench/startup.ts measures it`, async () => {
    const r = await bundle(fixture('one-function-webgpu.ts'), { platform: 'browser', format: 'esm', target: 'es2022', metafile: true, hypatia: { backends: ['webgpu'], floatX: 'float32' } });
    // the WebGPU runtime is really in it, and the compiler is not
    const inputs = Object.keys(r.metafile!.inputs);
    expect(inputs).toContain('runtime/webgpu/executor.ts');
    expect(inputs.filter((f) => f.startsWith('compiler/'))).toEqual([]);
    const [gpu, cpu] = await Promise.all([bundleSizeKb('webgpu'), bundleSizeKb('cpu')]);
    expect(gpu).toBeLessThanOrEqual(WEBGPU_SIZE_TARGET_KB);
    expect(cpu).toBeLessThanOrEqual(SIZE_TARGET_KB);
  });

  it('drops the functions and state an app does not import', async () => {
    const r = await bundle(fixture('scenario.ts'));
    expect(r.text).toContain('sharedVariable("w2"');
    const only = await bundle('entry.ts', { stdin: { contents: "import { score } from './model.graph.ts';\nconsole.log(score([1, 2, 3]).toArray());\n", resolveDir: fixture('.'), sourcefile: 'entry.ts', loader: 'ts' }, entryPoints: [] });
    expect(only.text).not.toContain('sharedVariable("w2"');
    expect(only.text).not.toContain('sharedVariable("count"');
    expect(only.text).toContain('sharedVariable("w"');
  });
});
