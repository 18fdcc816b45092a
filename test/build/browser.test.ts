// samples/browser-app in headless Chromium under a CSP that forbids eval: the page trains and
// draws with kernels compiled at build time. As a control, the JIT build of the same page is
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
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// CI installs Debian's chromium; a developer machine without it skips rather than fails
const skip = !existsSync(CHROMIUM) && !process.env.CI;

interface PageRun { state: RunState | undefined; violations: string[]; consoleErrors: string[]; inked: number }

describe.skipIf(skip)('browser sample under a strict CSP', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(plugin: boolean): Promise<PageRun> {
    const dir = tempDir('hypatia-page-');
    await buildBrowserApp({ outdir: dir, plugin });
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
      await Promise.race([page.waitForFunction(() => window.hypatiaRun?.done === true, undefined, { timeout: 50_000 }), crashed]);
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
      // HYPATIA_SCREENSHOT=file.png keeps a picture of the trained page for a person to look at
      if (plugin && process.env.HYPATIA_SCREENSHOT) await page.screenshot({ path: process.env.HYPATIA_SCREENSHOT });
      return { state, violations, consoleErrors, inked };
    } finally {
      await page.close();
      await site.close();
    }
  }

  it('trains and draws the loss curve with precompiled kernels', async () => {
    const run = await open(true);
    expect(run.consoleErrors).toEqual([]);
    expect(run.violations).toEqual([]);
    const state = run.state!;
    expect(state.error).toBeUndefined();
    expect(state.costs).toHaveLength(31);
    const costs = state.costs.map(([, c]) => c);
    expect(costs.at(-1)!).toBeLessThan(costs[0]! / 3);
    expect(state.accuracy!).toBeGreaterThan(0.8);
    expect(run.inked).toBeGreaterThan(1000);
  });

  it('the same page built for the JIT path is stopped by the policy', async () => {
    const run = await open(false);
    expect(run.consoleErrors.join('\n')).toMatch(/EvalError|unsafe-eval/);
    expect(run.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    expect(run.state?.costs ?? []).toEqual([]);
  });
});
