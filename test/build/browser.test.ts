// samples/browser-app in headless Chromium under a CSP that forbids eval: the page trains and
// draws with kernels compiled at build time, on WebGPU where Chromium offers it (SwiftShader
// here) and on the CPU twins where it does not. As a control, the JIT build of the same page is
// refused by the same policy, which shows the policy is really enforced.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { buildBrowserApp } from '../../samples/browser-app/build.ts';
import type { RunState } from '../../samples/browser-app/main.ts';
import { tempDir } from './helpers.ts';
import { serve } from './serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const CSP = "script-src 'self'";
const COMMON = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WEBGPU = [...COMMON, '--enable-unsafe-webgpu'];
// Chromium on Linux offers no WebGPU without the flag above: the page's CPU fallback
const NO_WEBGPU = [...COMMON, '--disable-gpu'];

// CI installs Debian's chromium; a developer machine without it skips rather than fails
const skip = !existsSync(CHROMIUM) && !process.env.CI;

interface PageRun { state: RunState | undefined; violations: string[]; consoleErrors: string[]; inked: number }

describe.skipIf(skip)('browser sample under a strict CSP', () => {
  const browsers: { webgpu?: Browser; plain?: Browser } = {};
  const built: { plugin?: Promise<string>; jit?: Promise<string> } = {};
  beforeAll(async () => {
    [browsers.webgpu, browsers.plain] = await Promise.all([
      chromium.launch({ executablePath: CHROMIUM, args: WEBGPU }),
      chromium.launch({ executablePath: CHROMIUM, args: NO_WEBGPU }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([browsers.webgpu?.close(), browsers.plain?.close()]);
  });

  /** The page built once per kind, in its own folder. */
  const pageDir = (plugin: boolean) => (built[plugin ? 'plugin' : 'jit'] ??= (async () => {
    const dir = tempDir('hypatia-page-');
    await buildBrowserApp({ outdir: dir, plugin });
    return dir;
  })());

  async function open(plugin: boolean, browser: Browser): Promise<PageRun> {
    const dir = await pageDir(plugin);
    const site = await serve(dir, CSP);
    const page = await browser.newPage();
    try {
      const consoleErrors: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
      // a throw while main.js is evaluated never reaches the page's own error handling
      const crashed = new Promise<void>((ok) => page.on('pageerror', (e) => { consoleErrors.push(`${e.name}: ${e.message}`); ok(); }));
      await page.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI}`));
      });
      await page.goto(site.url);
      await Promise.race([page.waitForFunction(() => window.hypatiaRun?.done === true, undefined, { timeout: 100_000 }), crashed]);
      const state = await page.evaluate(() => window.hypatiaRun);
      const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
      // count drawn pixels that are neither white nor transparent: the curve and the axes
      const inked = await page.evaluate(() => {
        const c = document.getElementById('loss') as HTMLCanvasElement;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i]! < 250 || d[i + 1]! < 250 || d[i + 2]! < 250)) n++;
        return n;
      });
      // HYPATIA_SCREENSHOT=file.png keeps a picture of the page trained on WebGPU for a person to look at
      if (plugin && browser === browsers.webgpu && process.env.HYPATIA_SCREENSHOT) await page.screenshot({ path: process.env.HYPATIA_SCREENSHOT });
      return { state, violations, consoleErrors, inked };
    } finally {
      await page.close();
      await site.close();
    }
  }

  function expectTrained(run: PageRun): RunState {
    expect(run.consoleErrors).toEqual([]);
    expect(run.violations).toEqual([]);
    const state = run.state!;
    expect(state.error).toBeUndefined();
    expect(state.costs).toHaveLength(31);
    const costs = state.costs.map(([, c]) => c);
    expect(costs.at(-1)!).toBeLessThan(costs[0]! / 3);
    expect(state.accuracy!).toBeGreaterThan(0.8);
    expect(run.inked).toBeGreaterThan(1000);
    return state;
  }

  it('trains on WebGPU and draws the loss curve with precompiled kernels', async () => {
    const state = expectTrained(await open(true, browsers.webgpu!));
    expect(state.backend).toBe('webgpu');
    expect(state.detail).toMatch(/\S/);
  }, 150_000);

  it('falls back to the CPU twins where the browser has no WebGPU, to nearly the same curve', async () => {
    const [cpu, gpu] = await Promise.all([open(true, browsers.plain!), open(true, browsers.webgpu!)]);
    const state = expectTrained(cpu);
    expect(state.backend).toBe('cpu');
    expect(state.detail).toMatch(/WebGPU|adapter/);
    // float32 on both, through different kernels: equal to a few ulps, not bit for bit
    state.costs.forEach(([, c], i) => expect(Math.abs(c - gpu.state!.costs[i]![1])).toBeLessThan(1e-4 * Math.max(1, c)));
    expect(Math.abs(state.accuracy! - gpu.state!.accuracy!)).toBeLessThanOrEqual(0.01);
  }, 150_000);

  it('the same page built for the JIT path is stopped by the policy', async () => {
    const run = await open(false, browsers.plain!);
    expect(run.consoleErrors.join('\n')).toMatch(/EvalError|unsafe-eval/);
    expect(run.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(run.state?.costs ?? []).toEqual([]);
  });
});
