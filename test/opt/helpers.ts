// Shared pieces of the optimizer tests: a seeded PRNG, a rule-case runner that checks the
// rewritten graph and that FAST_RUN computes what FAST_COMPILE computes.
import { expect } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

/** mulberry32: a tiny seeded generator, so every run draws the same numbers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (Box-Muller), as the seed's `randn`. */
export function randn(next: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return out;
}

/** The optimized graph of `v` as T.pp prints it, and the rules that fired. */
export function rewritten(v: T.Variable, optimizer: T.OptimizerName = 'fast_run'): { pp: string; rules: string[] } {
  const o = T.optimize([v], optimizer);
  return { pp: T.pp(o.outputs[0]!), rules: o.events.map((e) => e.rule) };
}

export function expectClose(got: NDArray, want: NDArray, rtol = 1e-12): void {
  expect(got.dtype).toBe(want.dtype);
  expect(got.shape).toEqual(want.shape);
  for (let i = 0; i < want.size; i++) {
    const a = got.data[i]!, b = want.data[i]!;
    if (Number.isNaN(b)) { expect(a).toBeNaN(); continue; }
    if (a === b) continue;
    expect(Math.abs(a - b)).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(b)));
  }
}

/** FAST_RUN and FAST_COMPILE give the same numbers for `out` on `args`. */
export function sameNumbers(inputs: T.Variable[], out: T.Variable, args: unknown[], rtol = 1e-12): void {
  const slow = T.fn(inputs, out, { mode: 'FAST_COMPILE', onUnusedInput: 'ignore' })(...(args as never[])) as NDArray;
  const fast = T.fn(inputs, out, { mode: 'FAST_RUN', onUnusedInput: 'ignore' })(...(args as never[])) as NDArray;
  expectClose(fast, slow, rtol);
}

export type RuleCase = [rule: string, build: (x: T.Variable, y: T.Variable) => T.Variable, after: string, data?: 'positive' | 'unit'];

/** x and y are (3, 4) float64 matrices; data: normal draws, or positive / in (0, 1) for logs. */
export function checkRule([rule, build, after, data]: RuleCase, seed = 1): void {
  const x = T.dmatrix('x'), y = T.dmatrix('y');
  const out = build(x, y);
  const r = rewritten(out);
  expect(r.rules).toContain(rule);
  expect(r.pp).toBe(after);
  const next = rng(seed);
  const draw = () => {
    const d = randn(next, 12);
    if (data === 'positive') d.forEach((v, i) => { d[i] = Math.abs(v) + 0.1; });
    if (data === 'unit') d.forEach((v, i) => { d[i] = 1 / (1 + Math.exp(-v)); });
    return T.asarray(d, { shape: [3, 4] });
  };
  sameNumbers([x, y], out, [draw(), draw()]);
}
