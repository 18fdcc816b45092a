import type { FloatDType } from '../runtime/dtype.ts';

export type Mode = 'FAST_RUN' | 'FAST_COMPILE' | 'DebugMode' | 'NanGuardMode';
export type Backend = 'cpu' | 'webgpu' | 'gpujs';
/** Which rewrites run: all, merge and constant folding only, or none (Theano's `optimizer` flag). */
export type Optimizer = 'fast_run' | 'fast_compile' | 'None';

/**
 * Theano's config object. Precedence, lowest first: defaults, a `.hypatiarc` file, the
 * HYPATIA_FLAGS environment variable (both read at import), then assignments in code.
 */
export interface Config {
  floatX: FloatDType;
  mode: Mode;
  /** The rewrites of every mode but FAST_COMPILE (which always merges and folds only). */
  optimizer: Optimizer;
  device: Backend;
  profile: boolean;
  exceptionVerbosity: 'low' | 'high';
  /** Read-only: the `.hypatiarc` that was read at startup, or null. */
  readonly configFile: string | null;
  /** Read-only: HYPATIA_FLAGS as it was at startup. */
  readonly flags: string;
}

type Settable = Exclude<keyof Config, 'configFile' | 'flags'>;
const READ_ONLY = new Set<string>(['configFile', 'flags']);

const defaults: Omit<Config, 'configFile' | 'flags'> = { floatX: 'float64', mode: 'FAST_RUN', optimizer: 'fast_run', device: 'cpu', profile: false, exceptionVerbosity: 'low' };

const keyOf = (k: string) => (k === 'exception_verbosity' ? 'exceptionVerbosity' : k);

/** `key=value` pairs into settings, refusing unknown keys with the source's name. */
function parsePairs(pairs: [string, string][], source: string): Partial<Record<Settable, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of pairs) {
    const key = keyOf(k);
    if (!(key in defaults)) throw new Error(`${source}: unknown flag '${k}' (known: ${Object.keys(defaults).join(', ')})`);
    out[key] = key === 'profile' ? v === 'true' || v === '1' || v === 'True' : v;
  }
  return out;
}

function envFlags(): string {
  return (typeof process !== 'undefined' ? process.env?.HYPATIA_FLAGS : undefined) ?? '';
}

function fromEnv(flags: string): Partial<Record<Settable, unknown>> {
  const pairs = flags.split(',').map((part) => part.split('=').map((x) => x.trim())).filter(([k]) => k) as [string, string][];
  return parsePairs(pairs.map(([k, v]) => [k, v ?? '']), 'HYPATIA_FLAGS');
}

/** Node's fs without a static import, so browser bundles of the compiler never pull it in. */
function nodeFs(): { existsSync(p: string): boolean; readFileSync(p: string, e: 'utf8'): string } | null {
  const proc = typeof process !== 'undefined' ? (process as { getBuiltinModule?: (m: string) => unknown }) : null;
  return (proc?.getBuiltinModule?.('node:fs') as ReturnType<typeof nodeFs>) ?? null;
}

/** The rc file: $HYPATIARC, else ./.hypatiarc, else ~/.hypatiarc (INI, keys in [global]). */
function fromFile(): { file: string | null; values: Partial<Record<Settable, unknown>> } {
  const fs = nodeFs();
  if (!fs) return { file: null, values: {} };
  const env = process.env ?? {};
  const candidates = [env.HYPATIARC, `${process.cwd()}/.hypatiarc`, env.HOME ? `${env.HOME}/.hypatiarc` : undefined];
  const file = candidates.find((f): f is string => !!f && fs.existsSync(f)) ?? null;
  if (!file) return { file: null, values: {} };
  const pairs: [string, string][] = [];
  let section = 'global';
  fs.readFileSync(file, 'utf8').split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/[#;].*$/, '').trim();
    if (!line) return;
    const sec = /^\[(.+)\]$/.exec(line);
    if (sec) { section = sec[1]!.trim(); return; }
    const eq = line.indexOf('=');
    if (eq < 0) throw new Error(`${file}:${i + 1}: expected 'key = value', got '${raw.trim()}'`);
    if (section === 'global') pairs.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  });
  return { file, values: parsePairs(pairs, file) };
}

const ALLOWED: { [K in Settable]: readonly Config[K][] } = {
  floatX: ['float32', 'float64', 'float16'],
  mode: ['FAST_RUN', 'FAST_COMPILE', 'DebugMode', 'NanGuardMode'],
  optimizer: ['fast_run', 'fast_compile', 'None'],
  device: ['cpu', 'webgpu', 'gpujs'],
  profile: [true, false],
  exceptionVerbosity: ['low', 'high'],
};

function validate<K extends Settable>(key: K, value: unknown, source = 'config'): Config[K] {
  if (!(ALLOWED[key] as readonly unknown[]).includes(value)) {
    throw new TypeError(`${source === 'config' ? 'config' : `${source}: config`}.${key}: expected one of ${ALLOWED[key].map((v) => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as Config[K];
}

const rc = fromFile();
const flags = envFlags();
const state = { ...defaults, configFile: rc.file, flags } as Config;
for (const [source, values] of [[rc.file ?? '', rc.values], ['HYPATIA_FLAGS', fromEnv(flags)]] as const) {
  for (const [k, v] of Object.entries(values)) (state as unknown as Record<string, unknown>)[k] = validate(k as Settable, v, source);
}

/** `T.config`: assignments are validated; unknown keys and read-only keys are refused. */
export const config: Config = new Proxy(state, {
  set(target, key, value) {
    if (typeof key === 'string' && READ_ONLY.has(key)) {
      throw new TypeError(`config.${key} is read-only: it records how this process started (set HYPATIA_FLAGS or .hypatiarc before it starts)`);
    }
    if (typeof key !== 'string' || !(key in defaults)) throw new TypeError(`config: unknown key '${String(key)}'`);
    (target as unknown as Record<string, unknown>)[key] = validate(key as Settable, value);
    return true;
  },
});
