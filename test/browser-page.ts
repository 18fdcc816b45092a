// Headless Chromium for the browser tests: a page bundled from one entry with esbuild, served
// from 127.0.0.1 (WebGPU needs a secure context) under a CSP, run until it sets
// `window[key].done`; the test gets what the page left there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { tempDir } from './build/helpers.ts';
import { serve } from './build/serve.ts';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const launchChromium = (extraFlags: readonly string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraFlags] });

/** Bundle `entry`, serve it, and return `window[key]` once its `done` is true; page errors fail the test. */
export async function runPage<R>(browser: Browser, entry: URL, key: string, title: string, timeoutMs: number): Promise<R> {
  const dir = tempDir(`hypatia-${key}-`);
  await esbuild.build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true, platform: 'browser', format: 'esm', target: 'es2022', outfile: join(dir, 'main.js'), logLevel: 'warning',
  });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="main.js"></script>`);
  const site = await serve(dir, "script-src 'self' 'unsafe-eval'");
  const page = await browser.newPage();
  try {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    await page.goto(site.url);
    await page.waitForFunction((k) => (window as unknown as Record<string, { done?: boolean } | undefined>)[k]?.done === true, key, { timeout: timeoutMs });
    const result = (await page.evaluate((k) => (window as unknown as Record<string, unknown>)[k], key)) as R;
    expect(errors).toEqual([]);
    return result;
  } finally {
    await page.close();
    await site.close();
  }
}
