// The optimizer: which phases run, in order, for each optimizer setting.
import type { Variable } from '../graph.ts';
import { type RewriteEvent, compose, runPhase } from './engine.ts';
import type { Rule } from './rule.ts';
import { FOLD } from './fold.ts';
import { CANONICALIZE } from './canonicalize.ts';
import { STABILIZE } from './stabilize.ts';
import { SPECIALIZE } from './specialize.ts';

export type OptimizerName = 'fast_run' | 'fast_compile' | 'None';

export interface Phase { name: string; rules: readonly Rule[] }

// later phases keep folding and canonicalizing, so the forms they create get cleaned up;
// built per call so a rule added to a table (a test's deliberately wrong one) takes effect
const MERGE: Phase = { name: 'merge', rules: [] };
const PHASES: { [K in OptimizerName]: () => Phase[] } = {
  fast_run: () => [
    MERGE,
    { name: 'constant_fold', rules: FOLD },
    { name: 'canonicalize', rules: [...FOLD, ...CANONICALIZE] },
    { name: 'stabilize', rules: [...STABILIZE, ...FOLD, ...CANONICALIZE] },
    { name: 'specialize', rules: [...SPECIALIZE, ...FOLD, ...CANONICALIZE] },
  ],
  fast_compile: () => [MERGE, { name: 'constant_fold', rules: FOLD }],
  None: () => [],
};

export const phasesOf = (o: OptimizerName): readonly Phase[] => PHASES[o]();

export interface Optimized {
  outputs: Variable[];
  /** Every variable of the original graph to the one computing it in the optimized graph. */
  origin: Map<Variable, Variable>;
  /** The rules that fired, in order. */
  events: RewriteEvent[];
  /** Seconds per phase. */
  times: { phase: string; seconds: number }[];
}

/** Rewrite the graph of `outputs` with the phases of `optimizer`; `cut` variables are inputs. */
export function optimize(outputs: readonly Variable[], optimizer: OptimizerName = 'fast_run', cut: ReadonlySet<Variable> = new Set()): Optimized {
  let cur = outputs.slice();
  let origin: Map<Variable, Variable> | null = null;
  const events: RewriteEvent[] = [];
  const times: Optimized['times'] = [];
  for (const phase of phasesOf(optimizer)) {
    const t0 = performance.now();
    const r = runPhase(cur, phase.rules, cut, events);
    origin = origin === null ? r.map : compose(origin, r.map);
    cur = r.outputs;
    times.push({ phase: phase.name, seconds: (performance.now() - t0) / 1000 });
  }
  return { outputs: cur, origin: origin ?? new Map(outputs.map((o) => [o, o])), events, times };
}
