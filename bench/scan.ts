// T.scan over 1 000 steps of a small recurrence against the loop a person would write by
// hand: an 8-unit RNN step, h = tanh(h W + x_t), and the smallest step there is, a scalar
// s = a s + x_t. Per step the compiled loop calls its step function, copies the sequence row
// in and the new state out; the hand loop does the arithmetic in place. The scalar recurrence
// shows that per-step price alone; with any work in the step it fades.
import * as T from '../compiler/index.ts';
import { NDArray } from '../runtime/ndarray.ts';
import {
  type BenchRow, type MeasureOptions, environmentHeader, fmt, fmtMs, fmtSpread, isMain, markdownTable, measure,
} from './harness.ts';

export const RATIO_TARGET = 2;
/** The scalar step is nearly all loop overhead. */
export const SCALAR_RATIO_TARGET = 10;
const STEPS = 1000, UNITS = 8;

export function scanRecurrence(options: MeasureOptions = {}): BenchRow {
  const x = T.dmatrix('x'), h0 = T.dvector('h0'), W = T.dmatrix('W');
  const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: x, outputsInfo: h0, nonSequences: W });
  const f = T.fn([x, h0, W], hs as T.Variable);

  const xs = new NDArray('float64', [STEPS, UNITS], Float64Array.from({ length: STEPS * UNITS }, (_, i) => Math.sin(i) * 0.5));
  const w = new NDArray('float64', [UNITS, UNITS], Float64Array.from({ length: UNITS * UNITS }, (_, i) => Math.cos(i) * 0.3));
  const init = new NDArray('float64', [UNITS]);

  // the same recurrence with the state kept in the output rows
  const hand = (xd: Float64Array, wd: Float64Array): Float64Array => {
    const out = new Float64Array(STEPS * UNITS);
    for (let t = 0; t < STEPS; t++) {
      const prev = t * UNITS - UNITS;
      for (let j = 0; j < UNITS; j++) {
        let acc = xd[t * UNITS + j]!;
        if (t > 0) for (let k = 0; k < UNITS; k++) acc += out[prev + k]! * wd[k * UNITS + j]!;
        out[t * UNITS + j] = Math.tanh(acc);
      }
    }
    return out;
  };

  const got = f(xs, init, w).data, want = hand(xs.data, w.data);
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i]! - want[i]!) > 1e-12) throw new Error(`scan: hypatia and the hand loop differ at ${i}: ${got[i]} vs ${want[i]}`);
  }

  const [hyp, hw] = measure([
    { name: 'hypatia', run: () => f(xs, init, w) },
    { name: 'hand', run: () => hand(xs.data, w.data) },
  ], { warmupMs: 1000, budgetMs: 3000, samples: 11, ...options });

  const ratio = hyp!.secondsPerOp / hw!.secondsPerOp;
  return {
    benchmark: `scan ${STEPS} steps of tanh(h W + x), ${UNITS} units`,
    hypatia: `${fmtMs(hyp!)}/call`,
    hand: `${fmtMs(hw!)}/call`,
    ratio: `${fmt(ratio)}×`,
    target: `≤ ${RATIO_TARGET}×`,
    met: ratio <= RATIO_TARGET,
    notes: [
      `scan: ${fmt((hyp!.secondsPerOp / STEPS) * 1e9)} ns per step (hand ${fmt((hw!.secondsPerOp / STEPS) * 1e9)} ns); ` +
        `hypatia samples ${fmtSpread(hyp!)} (${hyp!.opsPerSample} calls each), hand ${fmtSpread(hw!)} (${hw!.opsPerSample} calls each)`,
    ],
  };
}

export function scanScalar(options: MeasureOptions = {}): BenchRow {
  const x = T.dvector('x'), s0 = T.dscalar('s0'), a = T.dscalar('a');
  const [s] = T.scan({ fn: (xt, prev, k) => T.add(T.mul(k, prev), xt), sequences: x, outputsInfo: s0, nonSequences: a });
  const f = T.fn([x, s0, a], s as T.Variable);
  const xs = new NDArray('float64', [STEPS], Float64Array.from({ length: STEPS }, (_, i) => Math.sin(i)));
  const start = new NDArray('float64', [], Float64Array.of(0)), rate = new NDArray('float64', [], Float64Array.of(0.9));
  const hand = (xd: Float64Array, k: number): Float64Array => {
    const out = new Float64Array(STEPS);
    let prev = 0;
    for (let t = 0; t < STEPS; t++) out[t] = prev = k * prev + xd[t]!;
    return out;
  };
  const got = f(xs, start, rate).data, want = hand(xs.data, 0.9);
  for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) throw new Error(`scan: hypatia and the hand loop differ at ${i}: ${got[i]} vs ${want[i]}`);
  const [hyp, hw] = measure([
    { name: 'hypatia', run: () => f(xs, start, rate) },
    { name: 'hand', run: () => hand(xs.data, 0.9) },
  ], { warmupMs: 1000, budgetMs: 3000, samples: 11, ...options });
  const ratio = hyp!.secondsPerOp / hw!.secondsPerOp;
  return {
    benchmark: `scan ${STEPS} steps of a s + x (scalar)`,
    hypatia: `${fmt(hyp!.secondsPerOp * 1e6)} µs/call`,
    hand: `${fmt(hw!.secondsPerOp * 1e6)} µs/call`,
    ratio: `${fmt(ratio)}×`,
    target: `≤ ${SCALAR_RATIO_TARGET}×`,
    met: ratio <= SCALAR_RATIO_TARGET,
    notes: [
      `scan (scalar): ${fmt((hyp!.secondsPerOp / STEPS) * 1e9)} ns per step (hand ${fmt((hw!.secondsPerOp / STEPS) * 1e9)} ns); ` +
        `hypatia samples ${fmtSpread(hyp!)}, hand ${fmtSpread(hw!)}`,
    ],
  };
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  const rows = [scanRecurrence(), scanScalar()];
  console.log();
  console.log(markdownTable(['benchmark', 'hypatia', 'hand-written', 'time ratio hypatia/hand', 'target'], rows.map((r) => [r.benchmark, r.hypatia, r.hand, r.ratio, r.target])));
  for (const r of rows) for (const n of r.notes) console.log(`\n${n}`);
}
