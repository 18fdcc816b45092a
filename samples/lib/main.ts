// Every tutorial sample exports main() (the tutorial test calls it) and runs it when started
// directly with `npx tsx samples/tutorial/NAME.ts`.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function runIfMain(url: string, main: () => unknown): void {
  const script = process.argv[1];
  if (!script) return;
  let started: string;
  try { started = pathToFileURL(realpathSync(script)).href; } catch { return; }
  if (started !== url) return;
  Promise.resolve()
    .then(main)
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
