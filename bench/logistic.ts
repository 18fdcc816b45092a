// Elementwise logistic over a 1000×1000 float64 matrix: the fused kernel hypatia generates
// against the loop a person would write by hand. Both allocate their output on every call,
// as a compiled function must (outputs are fresh arrays), so only the loop bodies differ.
import * as T from '../compiler/index.ts';
import { NDArray } from '../runtime/ndarray.ts';
import {
  type BenchRow, type MeasureOptions, environmentHeader, fmt, fmtMs, fmtSpread, isMain, markdownTable, measure,
} from './harness.ts';

export const RATIO_TARGET = 1.2;
const ROWS = 1000, COLS = 1000;

export function logistic(options: MeasureOptions = {}): BenchRow {
  const x = T.dmatrix('x');
  const f = T.fn([x], T.tensor`1 / (1 + exp(-${x}))`);

  // deterministic inputs spanning both tails of the sigmoid, so exp sees a realistic range
  const data = new Float64Array(ROWS * COLS);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 2001) / 100 - 10;
  const input = new NDArray('float64', [ROWS, COLS], data);

  const hand = (src: Float64Array): Float64Array => {
    const out = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = 1 / (1 + Math.exp(-src[i]!));
    return out;
  };

  const got = f(input).data, want = hand(data);
  // the optimizer computes 1/(1+exp(-x)) as sigmoid(x), which may differ in the last bit
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i]! - want[i]!) > 4 * Number.EPSILON * Math.abs(want[i]!)) throw new Error(`logistic: hypatia and the hand loop differ at ${i}: ${got[i]} vs ${want[i]}`);
  }

  const [hyp, hw] = measure([
    { name: 'hypatia', run: () => f(input) },
    { name: 'hand', run: () => hand(data) },
  ], { warmupMs: 1000, budgetMs: 3000, samples: 11, ...options });

  const ratio = hyp!.secondsPerOp / hw!.secondsPerOp;
  return {
    benchmark: `logistic ${ROWS}×${COLS} float64`,
    hypatia: `${fmtMs(hyp!)}/call`,
    hand: `${fmtMs(hw!)}/call`,
    ratio: `${fmt(ratio)}×`,
    target: `≤ ${RATIO_TARGET}×`,
    met: ratio <= RATIO_TARGET,
    notes: [
      `logistic: hypatia samples ${fmtSpread(hyp!)} (${hyp!.opsPerSample} calls each), ` +
        `hand ${fmtSpread(hw!)} (${hw!.opsPerSample} calls each)`,
    ],
  };
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  const row = logistic();
  console.log();
  console.log(markdownTable(['hypatia', 'hand-written', 'time ratio hypatia/hand', 'target'], [[row.hypatia, row.hand, row.ratio, row.target]]));
  for (const n of row.notes) console.log(`\n${n}`);
}
