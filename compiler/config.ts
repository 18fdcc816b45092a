import type { FloatDType } from '../runtime/dtype.ts';

export type Mode = 'FAST_RUN' | 'FAST_COMPILE' | 'DebugMode' | 'NanGuardMode';
export type Backend = 'cpu' | 'webgpu' | 'gpujs';
/** Which rewrites run: all, merge and constant folding only, or none (Theano's `optimizer` flag). */
export type Optimizer = 'fast_run' | 'fast_compile' | 'None';

/** Theano's config object: code settings override HYPATIA_FLAGS (read at import). */
export interface Config {
  floatX: FloatDType;
  mode: Mode;
  /** The rewrites of every mode but FAST_COMPILE (which always merges and folds only). */
  optimizer: Optimizer;
  device: Backend;
  profile: boolean;
  exceptionVerbosity: 'low' | 'high';
}

const defaults: Config = { floatX: 'float64', mode: 'FAST_RUN', optimizer: 'fast_run', device: 'cpu', profile: false, exceptionVerbosity: 'low' };

function fromEnv(): Partial<Config> {
  const flags = typeof process !== 'undefined' ? process.env?.HYPATIA_FLAGS : undefined;
  const out: Record<string, string | boolean> = {};
  if (!flags) return out as Partial<Config>;
  for (const part of flags.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!k) continue;
    const key = k === 'exception_verbosity' ? 'exceptionVerbosity' : k;
    if (!(key in defaults)) throw new Error(`HYPATIA_FLAGS: unknown flag '${k}' (known: ${Object.keys(defaults).join(', ')})`);
    out[key] = key === 'profile' ? v === 'true' || v === '1' : (v ?? '');
  }
  return out as Partial<Config>;
}

const ALLOWED: { [K in keyof Config]: readonly Config[K][] } = {
  floatX: ['float32', 'float64'],
  mode: ['FAST_RUN', 'FAST_COMPILE', 'DebugMode', 'NanGuardMode'],
  optimizer: ['fast_run', 'fast_compile', 'None'],
  device: ['cpu', 'webgpu', 'gpujs'],
  profile: [true, false],
  exceptionVerbosity: ['low', 'high'],
};

function validate<K extends keyof Config>(key: K, value: unknown): Config[K] {
  if (!(ALLOWED[key] as readonly unknown[]).includes(value)) {
    throw new TypeError(`config.${key}: expected one of ${ALLOWED[key].map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as Config[K];
}

const state: Config = { ...defaults };
for (const [k, v] of Object.entries(fromEnv())) (state as unknown as Record<string, unknown>)[k] = validate(k as keyof Config, v);

/** `T.config`: assignments are validated; unknown keys are refused. */
export const config: Config = new Proxy(state, {
  set(target, key, value) {
    if (typeof key !== 'string' || !(key in defaults)) throw new TypeError(`config: unknown key '${String(key)}'`);
    (target as unknown as Record<string, unknown>)[key] = validate(key as keyof Config, value);
    return true;
  },
});
