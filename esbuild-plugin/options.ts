// The plugin's options, checked once when `hypatia()` is called: a typo in a build script is
// a programming error and throws right there, before any file is loaded.
import type { Backend, Mode } from '../compiler/config.ts';
import { emittableBackends } from '../compiler/build/emit.ts';

export interface HypatiaPluginOptions {
  /** Backends to emit kernels for, in order of preference. Default `['cpu']`. */
  backends?: readonly Backend[];
  /** `T.config.floatX` while graph modules are evaluated. */
  floatX?: 'float16' | 'float32' | 'float64';
  /** `T.config.mode` while graph modules are evaluated. */
  mode?: Mode;
}

export interface Settings {
  backends: Backend[];
  /** Said with every graph module: warnings, or the errors when no backend is left to emit. */
  warnings: string[];
  /** HYPATIA_FLAGS for evaluation: the user's own, then the plugin's options. */
  flags: string;
  /**
   * HYPATIA_FLAGS of a second evaluation for the CPU, when the build is `['webgpu', ..., 'cpu', ...]`:
   * WebGPU functions get CPU twins, which run where the page has no WebGPU.
   */
  fallbackFlags: string | null;
  /** Everything besides file contents that changes the output, for the cache. */
  key: string;
}

const BACKENDS: readonly Backend[] = ['cpu', 'webgpu', 'gpujs'];
const MODES: readonly Mode[] = ['FAST_RUN', 'FAST_COMPILE', 'DebugMode', 'NanGuardMode'];

export function settingsOf(options: HypatiaPluginOptions): Settings {
  const requested = [...(options.backends ?? ['cpu'])];
  if (requested.length === 0) throw new TypeError('hypatia(): backends must list at least one backend');
  for (const b of requested) {
    if (!BACKENDS.includes(b)) throw new TypeError(`hypatia(): unknown backend ${JSON.stringify(b)} (expected ${BACKENDS.map((x) => `'${x}'`).join(', ')})`);
  }
  if (options.floatX !== undefined && options.floatX !== 'float32' && options.floatX !== 'float64' && options.floatX !== 'float16') {
    throw new TypeError(`hypatia(): floatX must be 'float32', 'float64' or 'float16', got ${JSON.stringify(options.floatX)}`);
  }
  if (options.mode !== undefined && !MODES.includes(options.mode)) {
    throw new TypeError(`hypatia(): unknown mode ${JSON.stringify(options.mode)} (expected ${MODES.map((m) => `'${m}'`).join(', ')})`);
  }
  const emittable = emittableBackends();
  const backends = requested.filter((b) => emittable.includes(b));
  const flagsFor = (device: Backend | undefined) => [
    process.env.HYPATIA_FLAGS,
    options.floatX && `floatX=${options.floatX}`,
    options.mode && `mode=${options.mode}`,
    // functions compiled without an explicit backend target the preferred one that can be emitted
    device && `device=${device}`,
  ].filter(Boolean).join(',');
  const flags = flagsFor(backends[0]);
  // cpu before webgpu needs no fallback: the CPU is always there, so WebGPU is only for
  // functions that name it (a mixed bundle, as on the JIT path)
  const fallbackFlags = backends[0] === 'webgpu' && backends.includes('cpu') ? flagsFor('cpu') : null;
  const list = (bs: readonly Backend[]) => bs.map((x) => `'${x}'`).join(', ');
  const warnings = requested.filter((b) => !emittable.includes(b)).map((b) =>
    `hypatia: the '${b}' backend is not yet available at build time${backends.length ? `; emitting ${list(backends)} only` : ''}`);
  if (options.mode === 'DebugMode' || options.mode === 'NanGuardMode') {
    // their checks wrap the run on the JIT path; a bundle carries the kernels, not the checker
    warnings.push(`hypatia: mode '${options.mode}' checks calls on the JIT path only; bundled functions run unchecked`);
  }
  return { backends, warnings, flags, fallbackFlags, key: JSON.stringify({ requested, flags, fallbackFlags }) };
}
