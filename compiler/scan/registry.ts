// The step graphs of scan nodes. Op params must be JSON (they key node merging and travel in
// programs), so a scan node names its step graph by id. Graphs are built at compile or build
// time and are small; they stay for the life of the process.
import type { Variable } from '../graph.ts';

/** One step: placeholders in (compiler/scan/layout.ts orders them) and the values out. */
export interface InnerGraph {
  readonly inputs: readonly Variable[];
  readonly outputs: readonly Variable[];
}

const graphs: InnerGraph[] = [];

export function registerInner(g: InnerGraph): number {
  return graphs.push({ inputs: [...g.inputs], outputs: [...g.outputs] }) - 1;
}

export function innerGraph(id: number): InnerGraph {
  const g = graphs[id];
  if (!g) throw new Error(`internal: no scan step graph with id ${id}`);
  return g;
}
