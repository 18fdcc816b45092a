// T.scan and T.ifelse as SPEC.md names them, for the samples that need them before they exist
// (issue 8). Once they land, `feature('scan')` returns the real T.scan, the samples run, and the
// tutorial test says to drop their `pending` mark.
import * as T from 'hypatia';

type V = T.Variable;
type Updates = NonNullable<T.FnOptions['updates']>;

export interface ScanOptions {
  fn: (...args: V[]) => V | V[];
  sequences?: V | V[];
  outputsInfo?: V | number | null | (V | number | null)[];
  nonSequences?: V | V[];
  nSteps?: V | number;
  goBackwards?: boolean;
  truncateGradient?: number;
}

export interface Pending {
  scan: (options: ScanOptions) => [V, Updates];
  ifelse: (cond: V | number | boolean, then: V | number, otherwise: V | number) => V;
}

const ISSUE: Record<keyof Pending, string> = { scan: 'issue 8', ifelse: 'issue 8' };

export function available(name: keyof Pending): boolean {
  return typeof (T as unknown as Record<string, unknown>)[name] === 'function';
}

export function feature<K extends keyof Pending>(name: K): Pending[K] {
  const real = (T as unknown as Record<string, unknown>)[name];
  if (typeof real === 'function') return real as Pending[K];
  return (() => { throw new Error(`T.${name} is not available yet (${ISSUE[name]})`); }) as unknown as Pending[K];
}
