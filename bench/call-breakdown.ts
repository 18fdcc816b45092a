// Where the time of one `f(2, 3)` goes, piece by piece, for work on the call path
// (runtime/function.ts, runtime/inputs.ts). Not part of `npm run bench`; run it directly:
//   npx tsx bench/call-breakdown.ts
// The pieces overlap (the engine inlines across them), so the derived rows are estimates.
import * as T from '../compiler/index.ts';
import * as CPU from '../runtime/cpu/index.ts';
import { NDArray } from '../runtime/ndarray.ts';
import { coerceInput } from '../runtime/inputs.ts';
import { decodeArray } from '../runtime/program.ts';
import type { RunFn } from '../runtime/function.ts';
import { environmentHeader, fmt, fmtNs, fmtSpread, markdownTable, measure } from './harness.ts';

const [x, y] = T.dscalars('x', 'y');
const f = T.fn([x, y], T.add(x, y));
const program = f.program;
const spec0 = program.inputs[0]!, spec1 = program.inputs[1]!;
// the generated body on its own, built the way the JIT builds it, so it can be timed bare
const factory = new Function(`return ${program.cpu!.source}`)() as (k: typeof CPU, c: NDArray[]) => RunFn;
const run = factory(CPU, program.constants.map(decodeArray));
const a2 = T.asarray(2, { dtype: 'float64' }), a3 = T.asarray(3, { dtype: 'float64' });
const vals = [a2, a3];
const noShared: NDArray[] = [];
const data = Float64Array.of(5);
const shape: number[] = [];

const ms = measure([
  { name: 'f(2, 3)', run: () => f(2, 3) },
  { name: 'f(NDArray, NDArray)', run: () => f(a2, a3) },
  { name: 'generated run(I, S) alone', run: () => run(vals, noShared) },
  { name: 'coerceInput(2) × 2', run: () => [coerceInput(2, spec0, 0, false), coerceInput(3, spec1, 1, false)] },
  { name: 'coerceInput(NDArray) × 2', run: () => [coerceInput(a2, spec0, 0, false), coerceInput(a3, spec1, 1, false)] },
  { name: 'new Float64Array(1)', run: () => new Float64Array(1) },
  { name: 'new NDArray(float64, [], data)', run: () => new NDArray('float64', shape, data) },
  { name: 'hand: new NDArray(..., Float64Array.of(a + b))', run: () => new NDArray('float64', [], Float64Array.of(2 + 3)) },
], { warmupMs: 300, budgetMs: 1000, samples: 7 });

const by = new Map(ms.map((m) => [m.name, m.secondsPerOp * 1e9]));
const ns = (k: string) => by.get(k)!;
console.log(environmentHeader());
console.log();
console.log(markdownTable(['piece', 'time per op', 'spread'], ms.map((m) => [m.name, fmtNs(m), fmtSpread(m)])));
console.log();
console.log(markdownTable(['derived', 'estimate'], [
  ['wrapper in function.ts (f(NDArray, NDArray) − run)', `${fmt(ns('f(NDArray, NDArray)') - ns('generated run(I, S) alone'))} ns`],
  ['number → 0-d array conversion (f(2, 3) − f(NDArray, NDArray))', `${fmt(ns('f(2, 3)') - ns('f(NDArray, NDArray)'))} ns`],
  ['f(2, 3) over the hand-written function', `${fmt(ns('f(2, 3)') / ns('hand: new NDArray(..., Float64Array.of(a + b))'))}×`],
]));
