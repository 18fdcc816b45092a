// `npm run bench`: every benchmark in one process, one summary table. Results vary by machine;
// the ratios are what to compare across runs, since each pair was sampled side by side.
import { callOverhead } from './call-overhead.ts';
import { logistic } from './logistic.ts';
import { trainingStep32, trainingStep64 } from './training-step.ts';
import { scanRecurrence, scanScalar } from './scan.ts';
import { environmentHeader, summaryTable, type BenchRow } from './harness.ts';

const benchmarks: (() => BenchRow)[] = [callOverhead, logistic, () => trainingStep64(), () => trainingStep32(), () => scanRecurrence(), () => scanScalar()];

console.log('# hypatia benchmarks\n');
console.log(environmentHeader());
const rows: BenchRow[] = [];
for (const b of benchmarks) rows.push(b());
console.log();
console.log(summaryTable(rows));
console.log();
for (const r of rows) for (const n of r.notes) console.log(`- ${n}`);
// a benchmark is not a test, but a missed target should be visible to scripts and CI logs
if (rows.some((r) => !r.met)) {
  console.log(`\nTargets missed: ${rows.filter((r) => !r.met).map((r) => r.benchmark).join(', ')}`);
}

// last, and in its own table: hypatia against TensorFlow.js, jax-js and hand-written loops
console.log();
const { runPeers } = await import('./peers.ts');
await runPeers();
