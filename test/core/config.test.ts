// Configuration like Theano's: defaults < .hypatiarc < HYPATIA_FLAGS < code; read-only keys.
// Config is read at import, so each case runs in a fresh Node process.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as T from '../../compiler/index.ts';

const root = new URL('../..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/.bin/tsx');

function probe(env: Record<string, string>, cwd: string, code = ''): Record<string, unknown> {
  const script = `import * as T from ${JSON.stringify(join(root, 'compiler/index.ts'))};\n${code}\n` +
    'console.log(JSON.stringify({ floatX: T.config.floatX, mode: T.config.mode, profile: T.config.profile, configFile: T.config.configFile, flags: T.config.flags }));';
  const out = execFileSync(tsx, ['--eval', script], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

describe('configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hypatiarc-'));
  writeFileSync(join(dir, '.hypatiarc'), '# comment\n[global]\nfloatX = float32\nmode = FAST_COMPILE\n[other]\nfloatX = float64\n');

  it('defaults with no file and no flags', () => {
    const empty = mkdtempSync(join(tmpdir(), 'norc-'));
    expect(probe({}, empty)).toMatchObject({ floatX: 'float64', mode: 'FAST_RUN', profile: false, configFile: null, flags: '' });
  });

  it('.hypatiarc sets values; HYPATIA_FLAGS overrides it; code overrides both', () => {
    expect(probe({}, dir)).toMatchObject({ floatX: 'float32', mode: 'FAST_COMPILE', configFile: join(dir, '.hypatiarc') });
    expect(probe({ HYPATIA_FLAGS: 'floatX=float64,profile=true' }, dir)).toMatchObject({ floatX: 'float64', mode: 'FAST_COMPILE', profile: true, flags: 'floatX=float64,profile=true' });
    expect(probe({ HYPATIA_FLAGS: 'floatX=float64' }, dir, "T.config.floatX = 'float32';")).toMatchObject({ floatX: 'float32' });
  });

  it('HYPATIARC names the file', () => {
    const other = mkdtempSync(join(tmpdir(), 'rc-'));
    writeFileSync(join(other, 'my.rc'), '[global]\nmode = DebugMode\n');
    expect(probe({ HYPATIARC: join(other, 'my.rc') }, dir)).toMatchObject({ mode: 'DebugMode', configFile: join(other, 'my.rc') });
  });

  it('bad values name their source', () => {
    expect(() => probe({ HYPATIA_FLAGS: 'floatX=float128' }, dir)).toThrow(/HYPATIA_FLAGS: config.floatX: expected one of "float32", "float64", "float16", got "float128"/);
    expect(() => probe({ HYPATIA_FLAGS: 'colour=red' }, dir)).toThrow(/HYPATIA_FLAGS: unknown flag 'colour'/);
  });

  it('read-only keys and bad assignments refuse changes', () => {
    expect(() => { (T.config as { configFile: string | null }).configFile = 'x'; }).toThrow(/config.configFile is read-only/);
    expect(() => { (T.config as { flags: string }).flags = 'x'; }).toThrow(/config.flags is read-only/);
    expect(() => { (T.config as { floatX: string }).floatX = 'bfloat16'; }).toThrow(/config.floatX: expected one of/);
    expect(() => { (T.config as unknown as Record<string, unknown>).floatx = 'float32'; }).toThrow(/unknown key 'floatx'/);
  });
});
