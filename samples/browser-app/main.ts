// Trains the logistic regression in the page with kernels compiled at build time, drawing the
// loss curve as it goes. Calls are awaited so the same code runs on a GPU backend, where a
// call returns a Promise. The outcome is left on window.hypatiaRun for the page's test.
import { costOf, predict, train, SEED, STEPS } from './model.graph.ts';
import { trainingSet } from '../node-app/data.ts';
import { drawCurve } from './chart.ts';

export interface RunState { done: boolean; costs: [number, number][]; accuracy?: number; error?: string }

declare global {
  interface Window { hypatiaRun?: RunState }
}

const EVERY = 10;
const status = document.getElementById('status')!;
const canvas = document.getElementById('loss') as HTMLCanvasElement;
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

async function run(state: RunState): Promise<void> {
  const { x, y } = trainingSet(SEED);
  for (let i = 0; i <= STEPS; i++) {
    if (i % EVERY === 0) {
      const cost = (await costOf(x, y)).data[0]!;
      state.costs.push([i, cost]);
      drawCurve(canvas, state.costs, STEPS);
      status.textContent = `step ${i}/${STEPS}: cost ${cost.toFixed(4)}`;
      // let the page paint between chunks of training
      await nextFrame();
    }
    if (i < STEPS) await train(x, y);
  }
  const p = await predict(x);
  let hits = 0;
  for (let i = 0; i < y.size; i++) if (p.data[i] === y.data[i]) hits++;
  state.accuracy = hits / y.size;
  status.textContent = `trained ${STEPS} steps: cost ${state.costs.at(-1)![1].toFixed(4)}, accuracy ${(100 * state.accuracy).toFixed(1)}%`;
}

const state: RunState = { done: false, costs: [] };
window.hypatiaRun = state;
run(state).catch((e: unknown) => {
  state.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  status.textContent = `failed: ${state.error}`;
}).finally(() => { state.done = true; });
