// Bundles samples/browser-app into dist/ (index.html + main.js) with the hypatia plugin.
// Run: npx tsx samples/browser-app/build.ts, then serve samples/browser-app/dist/ over http.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { hypatia } from 'hypatia/esbuild';

// WebGPU where the browser has it, else the CPU twins of the same functions (both in main.js).
// WGSL has no float64, so the model is float32 on both.
const BACKENDS = ['webgpu', 'cpu'] as const;
const FLOATX = 'float32';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export interface BrowserBuild {
  outdir?: string;
  /** false bundles the JIT path instead (the compiler ships and compiles in the page). */
  plugin?: boolean;
}

export async function buildBrowserApp({ outdir = here('./dist'), plugin = true }: BrowserBuild = {}) {
  mkdirSync(outdir, { recursive: true });
  copyFileSync(here('./index.html'), join(outdir, 'index.html'));
  return esbuild.build({
    entryPoints: [here('./main.ts')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: true,
    outfile: join(outdir, 'main.js'),
    metafile: true,
    logLevel: 'warning',
    plugins: plugin ? [hypatia({ backends: [...BACKENDS], floatX: FLOATX })] : [],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { metafile } = await buildBrowserApp();
  const bytes = Object.values(metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`samples/browser-app/dist: main.js ${(bytes / 1024).toFixed(1)} KB; serve the folder over http to open it`);
}
