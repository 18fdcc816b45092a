// Rebuild cache: a graph module's result is reused while every file it depended on has the
// same contents and the settings are the same. Hashing contents (not mtimes) keeps it right
// when an editor rewrites a file unchanged or a checkout restores an old one.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

interface Entry<T> { digest: string; files: readonly string[]; value: T }

export class ContentCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  async get(id: string, key: string): Promise<T | undefined> {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    return (await digest(key, e.files)) === e.digest ? e.value : undefined;
  }

  async set(id: string, key: string, files: readonly string[], value: T): Promise<void> {
    this.#entries.set(id, { digest: await digest(key, files), files, value });
  }
}

async function digest(key: string, files: readonly string[]): Promise<string> {
  const contents = await Promise.all(files.map((f) => readFile(f).catch(() => null)));
  const h = createHash('sha256').update(key);
  files.forEach((f, i) => {
    h.update(`\0${f}\0`);
    h.update(contents[i] ?? '\0missing');
  });
  return h.digest('hex');
}
