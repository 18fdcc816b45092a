// A Node program whose formulas were compiled when it was bundled: it trains the logistic
// regression from samples/node-app/model.graph.ts and prints the cost curve and accuracy.
// Build and run: npx tsx samples/node-app/build.ts && node samples/node-app/dist/main.mjs [--steps N] [--json]
import { b, costOf, predict, train, w, SEED } from './model.graph.ts';
import { trainingSet } from './data.ts';

const arg = (name: string) => process.argv.indexOf(`--${name}`);
const steps = arg('steps') >= 0 ? Number(process.argv[arg('steps') + 1]) : 1000;
const json = arg('json') >= 0;

const { x, y } = trainingSet(SEED);
const every = Math.max(1, Math.floor(steps / 10));
const costs: [number, number][] = [];
for (let i = 0; i < steps; i++) {
  if (i % every === 0) costs.push([i, costOf(x, y).data[0]!]);
  train(x, y);
}
costs.push([steps, costOf(x, y).data[0]!]);
const p = predict(x);
let hits = 0;
for (let i = 0; i < y.size; i++) if (p.data[i] === y.data[i]) hits++;

if (json) {
  console.log(JSON.stringify({ costs, accuracy: hits / y.size, b: b.getValue().data[0], w: Array.from(w.getValue().data.subarray(0, 5)) }));
} else {
  for (const [i, c] of costs) console.log(`step ${String(i).padStart(6)}  cost ${c.toFixed(6)}`);
  console.log(`accuracy on D: ${hits}/${y.size}`);
}
