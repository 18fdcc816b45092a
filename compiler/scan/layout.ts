// Where each part of a scan sits among the node's inputs and outputs and the step's.
//   outer inputs:  n, sequences, initial buffers (one per state, L rows), non-sequences
//   outer outputs: stacked states (n rows each), stacked maps, final states
//   step inputs:   one row per sequence, one value per tap of each state, non-sequences
//   step outputs:  the new value of each state, then each map
import type { ScanParams } from '../ops/params.ts';

/** How many rows back a state reads: the initial buffer has that many rows. */
export const lookback = (taps: readonly number[]): number => -Math.min(...taps);

export interface Layout {
  states: number;
  /** Outer input index of sequence j, initial buffer i, non-sequence k. */
  seq(j: number): number;
  init(i: number): number;
  nonSeq(k: number): number;
  /** Outer output index of stacked state i, stacked map j, final state i. */
  stacked(i: number): number;
  map(j: number): number;
  final(i: number): number;
  /** Step input index of sequence j, of tap t (an index into taps[i]) of state i, of non-sequence k. */
  innerSeq(j: number): number;
  innerTap(i: number, t: number): number;
  innerNonSeq(k: number): number;
  innerInputs: number;
  outerInputs: number;
  outerOutputs: number;
}

export function layoutOf(p: Pick<ScanParams, 'seqs' | 'taps' | 'maps' | 'nonSeqs'>): Layout {
  const R = p.taps.length;
  const tapStart: number[] = [];
  let k = p.seqs;
  for (const t of p.taps) { tapStart.push(k); k += t.length; }
  const nsStart = k;
  return {
    states: R,
    seq: (j) => 1 + j,
    init: (i) => 1 + p.seqs + i,
    nonSeq: (n) => 1 + p.seqs + R + n,
    stacked: (i) => i,
    map: (j) => R + j,
    final: (i) => R + p.maps + i,
    innerSeq: (j) => j,
    innerTap: (i, t) => tapStart[i]! + t,
    innerNonSeq: (n) => nsStart + n,
    innerInputs: nsStart + p.nonSeqs,
    outerInputs: 1 + p.seqs + R + p.nonSeqs,
    outerOutputs: 2 * R + p.maps,
  };
}
