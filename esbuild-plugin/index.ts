// hypatia/esbuild: the build-time plugin. Not built yet (issue 6); the entry point exists so
// the package's exports resolve, and it says so instead of failing obscurely.
export interface HypatiaPluginOptions {
  backends?: ('cpu' | 'webgpu' | 'gpujs')[];
  floatX?: 'float32' | 'float64';
  mode?: string;
}

export function hypatia(_options: HypatiaPluginOptions = {}): never {
  throw new Error('hypatia/esbuild: the build plugin is not yet available; compile at first use (JIT) for now');
}
