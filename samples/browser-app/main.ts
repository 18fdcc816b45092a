// Trains the logistic regression in the page with kernels compiled at build time, drawing the
// loss curve as it goes. Built for ['webgpu', 'cpu'], it runs on WebGPU where the browser has
// it and on the CPU where it does not; calls are awaited, since either way they return
// Promises. The outcome is left on window.hypatiaRun for the page's test.
import { chooseBackend } from 'hypatia/runtime';
import { costOf, dataX, dataY, predict, train, SEED, STEPS } from './model.graph.ts';
import { trainingSet } from '../node-app/data.ts';
import { drawCurve } from './chart.ts';

export interface RunState {
  done: boolean;
  costs: [number, number][];
  /** Where the kernels ran: 'webgpu' or 'cpu'. */
  backend?: string;
  /** The WebGPU adapter, or why the page fell back to the CPU. */
  detail?: string;
  accuracy?: number;
  error?: string;
}

declare global {
  interface Window { hypatiaRun?: RunState }
}

const EVERY = 10;
const status = document.getElementById('status')!;
const where = document.getElementById('backend')!;
const canvas = document.getElementById('loss') as HTMLCanvasElement;
const nextFrame = () => new Promise((r) => requestAnimationFrame(r));

async function run(state: RunState): Promise<void> {
  // a bundle without WebGPU programs (the JIT build, or one for ['cpu']) runs on the CPU whatever the browser has
  const choice = train.program.webgpu ? await chooseBackend() : { backend: 'cpu' as const, reason: 'built for the CPU only' };
  state.backend = choice.backend;
  state.detail = choice.backend === 'webgpu' ? choice.adapter : choice.reason;
  where.textContent = choice.backend === 'webgpu' ? `on WebGPU (${choice.adapter})` : `on the CPU: ${choice.reason}`;

  const { x, y } = trainingSet(SEED);
  dataX.setValue(x.astype(dataX.dtype));
  dataY.setValue(y.astype(dataY.dtype));
  for (let i = 0; i <= STEPS; i++) {
    if (i % EVERY === 0) {
      const cost = (await costOf()).data[0]!;
      state.costs.push([i, cost]);
      drawCurve(canvas, state.costs, STEPS);
      status.textContent = `step ${i}/${STEPS}: cost ${cost.toFixed(4)}`;
      // let the page paint between chunks of training
      await nextFrame();
    }
    if (i < STEPS) await train();
  }
  const p = await predict();
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
