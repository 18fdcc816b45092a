// The plugin's options, watchFiles and rebuild cache.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { hypatia, type HypatiaPluginOptions } from '../../esbuild-plugin/index.ts';
import { ROOT, bundle, buildErrors, fixture, runInNode, tempDir } from './helpers.ts';

type OnLoad = (args: { path: string }) => Promise<esbuild.OnLoadResult>;

/** The plugin's onLoad, called directly, so a test sees exactly what esbuild would get. */
function onLoadOf(options: HypatiaPluginOptions = {}): OnLoad {
  let captured: OnLoad | undefined;
  const fake = { initialOptions: { absWorkingDir: ROOT }, esbuild, onLoad: (_: unknown, cb: OnLoad) => { captured = cb; } };
  void hypatia(options).setup(fake as unknown as esbuild.PluginBuild);
  return captured!;
}

const hypatiaEntry = JSON.stringify(join(ROOT, 'compiler/index.ts'));

describe('options', () => {
  it('are checked when the plugin is made', () => {
    expect(() => hypatia({ backends: ['tpu' as 'cpu'] })).toThrow(/unknown backend "tpu"/);
    expect(() => hypatia({ backends: [] })).toThrow(/at least one backend/);
    expect(() => hypatia({ floatX: 'float128' as 'float32' })).toThrow(/floatX must be/);
    expect(() => hypatia({ mode: 'FAST' as 'FAST_RUN' })).toThrow(/unknown mode "FAST"/);
    expect(hypatia().name).toBe('hypatia');
  });

  it('floatX, mode and the backend are the config graph modules are evaluated under', async () => {
    const load = onLoadOf({ floatX: 'float32', mode: 'FAST_COMPILE' });
    const r = await load({ path: fixture('config.graph.ts') });
    expect(r.errors ?? []).toEqual([]);
    expect(r.contents).toContain('{floatX: "float32", mode: "FAST_COMPILE", device: "cpu"}');
    expect(r.contents).toMatch(/inputs: \[\{name: "v", dtype: "float32"/);
    const plain = await onLoadOf()({ path: fixture('config.graph.ts') });
    expect(plain.contents).toContain('{floatX: "float64", mode: "FAST_RUN", device: "cpu"}');
  });

  it("'webgpu' emits WebGPU programs: WGSL as data, no CPU kernels", async () => {
    const r = await bundle(fixture('one-function-webgpu.ts'), { hypatia: { backends: ['webgpu'], floatX: 'float32' } });
    expect(r.warnings).toEqual([]);
    expect(r.text).toMatch(/makeWebGpuFunction\(P0, \[\], R0\)/);
    expect(r.text).not.toMatch(/cpuRun\(P/);
  });

  it("a float64 graph built for 'webgpu' fails at the function, with WebGPU's reason", async () => {
    const [e] = await buildErrors(fixture('one-function.ts'), { hypatia: { backends: ['webgpu'] } });
    expect(e!.text).toMatch(/webgpu: input 'x' is float64; WGSL has no f64/);
    expect(e!.location).toMatchObject({ file: 'test/build/fixtures/logistic.graph.ts', line: 5 });
  });

  it("['cpu', 'webgpu'] is a mixed bundle: the CPU by default, WebGPU where a function names it", async () => {
    const file = join(tempDir(), 'mixed.graph.ts');
    writeFileSync(file, [
      `import * as T from ${hypatiaEntry};`,
      `const x = T.fvector('x');`,
      'export const onCpu = T.fn([x], T.tensor`${x} * 2`);',
      "export const onGpu = T.fn([x], T.tensor`${x} * 3`, { backend: 'webgpu' });",
      '',
    ].join('\n'));
    const r = await onLoadOf({ backends: ['cpu', 'webgpu'] })({ path: file });
    expect(r.errors ?? []).toEqual([]);
    expect(r.contents).toMatch(/const F0 = \/\* @__PURE__ \*\/ makeFunction\(P0, \[\], R0\);/);
    expect(r.contents).toMatch(/const F1 = \/\* @__PURE__ \*\/ makeWebGpuFunction\(P1, \[\], R1\);/);
    expect(r.contents).not.toContain('withCpuFallback');
    // a CPU-only build cannot carry the WebGPU function, and says so at its export
    const [e] = (await onLoadOf({ backends: ['cpu'] })({ path: file })).errors!;
    expect(e!.text).toMatch(/export 'onGpu' is a compiled function with no code for the backends 'cpu'/);
  });

  it("['webgpu', 'cpu'] refuses a graph module that builds differently for each backend", async () => {
    const file = join(tempDir(), 'moody.graph.ts');
    writeFileSync(file, [
      `import * as T from ${hypatiaEntry};`,
      `const x = T.fvector('x');`,
      "export const f = T.config.device === 'webgpu' ? T.fn([x], T.tensor`${x} * 2`) : T.fn([x], [T.tensor`${x} * 2`, x]);",
      '',
    ].join('\n'));
    const [e] = (await onLoadOf({ backends: ['webgpu', 'cpu'] })({ path: file })).errors!;
    expect(e!.text).toMatch(/built different graphs for WebGPU and for its CPU fallback: function 0 has other inputs, outputs/);
  });
});

describe('watchFiles and the rebuild cache', () => {
  it('watchFiles lists the graph module, what it imports, and the compiler it ran', async () => {
    const r = await onLoadOf()({ path: fixture('model.graph.ts') });
    expect(r.watchFiles).toContain(fixture('model.graph.ts'));
    expect(r.watchFiles).toContain(join(ROOT, 'compiler/index.ts'));
    expect(r.watchFiles!.every((f) => f.startsWith('/'))).toBe(true);
  });

  it('re-evaluates only when a file the module depends on changes', async () => {
    const dir = tempDir();
    const log = join(dir, 'evaluations.log');
    const graph = join(dir, 'counted.graph.ts');
    const helper = join(dir, 'scale.ts');
    writeFileSync(log, '');
    writeFileSync(helper, 'export const SCALE = 2;\n');
    const source = (k: string) => [
      `import { appendFileSync } from 'node:fs';`,
      `import * as T from ${hypatiaEntry};`,
      `import { SCALE } from './scale.ts';`,
      `appendFileSync(${JSON.stringify(log)}, 'x');`,
      `const x = T.dvector('x');`,
      `export const f = T.fn([x], T.tensor\`\${x} * \${SCALE} + ${k}\`);`,
      '',
    ].join('\n');
    writeFileSync(graph, source('1'));
    const evaluations = () => readFileSync(log, 'utf8').length;

    const load = onLoadOf();
    const first = await load({ path: graph });
    expect(first.watchFiles).toContain(helper);
    expect(evaluations()).toBe(1);
    const again = await load({ path: graph });
    expect(again).toBe(first);
    expect(evaluations()).toBe(1);

    writeFileSync(helper, 'export const SCALE = 3;\n');
    const changed = await load({ path: graph });
    expect(evaluations()).toBe(2);
    expect(changed.contents).not.toBe(first.contents);

    // same contents written again (an editor saving unchanged): still a hit
    writeFileSync(graph, source('1'));
    await load({ path: graph });
    expect(evaluations()).toBe(2);
    appendFileSync(graph, '// edited\n');
    await load({ path: graph });
    expect(evaluations()).toBe(3);
    // a different plugin instance (other options) has its own cache
    await onLoadOf({ mode: 'FAST_COMPILE' })({ path: graph });
    expect(evaluations()).toBe(4);
  });

  it('an esbuild context rebuilds from the cache', async () => {
    const ctx = await esbuild.context({
      entryPoints: [fixture('one-function.ts')], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent', absWorkingDir: ROOT, plugins: [hypatia()],
    });
    try {
      const t0 = performance.now();
      const a = await ctx.rebuild();
      const cold = performance.now() - t0;
      const t1 = performance.now();
      const b = await ctx.rebuild();
      const warm = performance.now() - t1;
      expect(b.outputFiles![0]!.text).toBe(a.outputFiles![0]!.text);
      expect(warm).toBeLessThan(cold);
    } finally {
      await ctx.dispose();
    }
  });
});

describe('instrumented modes', () => {
  it('a DebugMode build warns that checks stay on the JIT path, and its bundle gives the same numbers', async () => {
    const [debug, jit] = await Promise.all([
      bundle(fixture('one-function.ts'), { hypatia: { mode: 'DebugMode' } }),
      bundle(fixture('one-function.ts'), { hypatia: false }),
    ]);
    expect(debug.warnings.map((w) => w.text)).toEqual(["hypatia: mode 'DebugMode' checks calls on the JIT path only; bundled functions run unchecked"]);
    expect(await runInNode(debug.text)).toBe(await runInNode(jit.text));
  });
});
