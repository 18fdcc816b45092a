// Bundles samples/node-app for Node with the hypatia plugin (cpu backend).
// Run: npx tsx samples/node-app/build.ts  then  node samples/node-app/dist/main.mjs
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { hypatia } from 'hypatia/esbuild';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export function buildNodeApp(outfile = here('./dist/main.mjs')) {
  return esbuild.build({
    entryPoints: [here('./main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    metafile: true,
    logLevel: 'warning',
    plugins: [hypatia({ backends: ['cpu'] })],
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { metafile } = await buildNodeApp();
  console.log(await esbuild.analyzeMetafile(metafile));
}
