// A subtensor index as the program stores it: constants inline, dynamic parts as references
// to extra op inputs. Lives in the runtime because generated programs carry it.
import type { NDArray } from '../ndarray.ts';
import type { IndexEntry } from './kernels.ts';

/** A slice bound or integer index: a constant, or the dynamic input at position `input`. */
export type IndexBound = number | { input: number } | null;

export type IndexTemplate =
  | { kind: 'int'; at: number | { input: number } }
  | { kind: 'slice'; start: IndexBound; stop: IndexBound; step: IndexBound }
  | { kind: 'array'; input: number }
  | { kind: 'newaxis' };

function bound(b: IndexBound, dyn: readonly NDArray[]): number | null {
  if (b === null || typeof b === 'number') return b;
  return dyn[b.input]!.data[0]!;
}

/** Turn a template plus the dynamic index values into concrete kernel index entries. */
export function resolveIndex(index: readonly IndexTemplate[], dyn: readonly NDArray[]): IndexEntry[] {
  return index.map((e): IndexEntry => {
    switch (e.kind) {
      case 'int': return { kind: 'int', value: bound(e.at, dyn)! };
      case 'slice': return { kind: 'slice', start: bound(e.start, dyn), stop: bound(e.stop, dyn), step: bound(e.step, dyn) };
      case 'array': return { kind: 'array', value: dyn[e.input]! };
      case 'newaxis': return { kind: 'newaxis' };
    }
  });
}
