// hypatia/esbuild: graph modules (`*.graph.ts`) are evaluated while the app is bundled and
// replaced by generated modules holding precompiled kernels on top of hypatia/runtime.
//
//   import { hypatia } from 'hypatia/esbuild';
//   await esbuild.build({ entryPoints: ['main.ts'], bundle: true, plugins: [hypatia()] });
import type { OnLoadResult, Plugin } from 'esbuild';
import { ContentCache } from './cache.ts';
import { GRAPH_MODULE, loadGraphModule } from './graph-module.ts';
import { settingsOf, type HypatiaPluginOptions } from './options.ts';

export type { HypatiaPluginOptions } from './options.ts';

export function hypatia(options: HypatiaPluginOptions = {}): Plugin {
  const settings = settingsOf(options);
  // per plugin instance, so it lives exactly as long as a watch or serve context that reuses it
  const cache = new ContentCache<OnLoadResult>();
  return {
    name: 'hypatia',
    setup(build) {
      const workingDir = build.initialOptions.absWorkingDir ?? process.cwd();
      build.onLoad({ filter: GRAPH_MODULE }, (args) => loadGraphModule(args.path, { esbuild: build.esbuild, settings, cache, workingDir }));
    },
  };
}
