// The evaluation bundle's side of the worker: import the graph module, describe its exports,
// post the description (or the failure) back. Bundled with the graph module, so the describer
// sees the same hypatia the module built its graphs with.
import { parentPort } from 'node:worker_threads';
import { describeError, describeModule, pullDeviceValues } from '../compiler/build/describe.ts';
import type { EvalReport } from '../compiler/build/description.ts';

export function report(load: () => Promise<Record<string, unknown>>): void {
  const post = (r: EvalReport) => parentPort!.postMessage(r);
  const fail = (e: unknown) => post({ ok: false, error: describeError(e) });
  // a describer or clone failure is reported like an evaluation failure, never left hanging
  load().then(async (namespace) => {
    await pullDeviceValues(namespace);
    post({ ok: true, description: describeModule(namespace) });
  }, fail).catch(fail);
}
