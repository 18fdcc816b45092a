// Per-call overhead of a compiled function on scalars: `f(2, 3)` where f adds two dscalars.
// The work is one addition, so this measures everything around it: argument conversion,
// checks, the generated run function and the output/update bookkeeping.
import * as T from '../compiler/index.ts';
import { NDArray } from '../runtime/ndarray.ts';
import {
  type BenchRow, type MeasureOptions, environmentHeader, fmt, fmtNs, fmtRate, fmtSpread, isMain, markdownTable, measure,
} from './harness.ts';

export const CALLS_PER_SECOND_TARGET = 2e6;

export function callOverhead(options: MeasureOptions = {}): BenchRow {
  const [x, y] = T.dscalars('x', 'y');
  const f = T.fn([x, y], T.add(x, y));
  // the fair baseline returns what hypatia returns: a fresh 0-d float64 array per call
  const hand = (a: number, b: number) => new NDArray('float64', [], Float64Array.of(a + b));
  // pre-made arrays skip number→array conversion; the gap to f(2, 3) is what conversion costs
  const a2 = T.asarray(2, { dtype: 'float64' }), a3 = T.asarray(3, { dtype: 'float64' });

  const check = f(2, 3);
  if (check.data[0] !== 5 || hand(2, 3).data[0] !== 5) throw new Error('call-overhead: wrong result, the benchmark is broken');

  const [hyp, hw, pre] = measure([
    { name: 'hypatia f(2, 3)', run: () => f(2, 3) },
    { name: 'hand (a, b) => NDArray', run: () => hand(2, 3) },
    { name: 'hypatia f(NDArray, NDArray)', run: () => f(a2, a3) },
  ], options);

  const slowdown = hyp!.secondsPerOp / hw!.secondsPerOp;
  return {
    benchmark: 'f(2, 3) per-call overhead',
    hypatia: fmtRate(hyp!),
    hand: fmtRate(hw!),
    ratio: `${fmt(slowdown)}×`,
    target: `≥ ${fmt(CALLS_PER_SECOND_TARGET)} calls/s`,
    met: hyp!.opsPerSecond >= CALLS_PER_SECOND_TARGET,
    notes: [
      `f(2, 3): ${fmtNs(hyp!)}/call (samples ${fmtSpread(hyp!)}); hand: ${fmtNs(hw!)}/call (${fmtSpread(hw!)}); ` +
        `f with pre-made 0-d NDArrays: ${fmtRate(pre!)}, ${fmtNs(pre!)}/call (${fmtSpread(pre!)})`,
    ],
  };
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  const row = callOverhead();
  console.log();
  console.log(markdownTable(['hypatia', 'hand-written', 'time ratio hypatia/hand', 'target'], [[row.hypatia, row.hand, row.ratio, row.target]]));
  for (const n of row.notes) console.log(`\n${n}`);
}
