// hypatia's CPU backend against what a user would otherwise pick: a hand-written JS loop,
// TensorFlow.js (cpu and wasm backends) and jax-js (wasm). Run: npx tsx bench/peers.ts
//
// Each contender is timed side by side with hypatia in the same measure() call (tfjs switches
// backends globally, so it gets calls of its own), and its cell shows its time and the ratio
// contender / hypatia from that pairing: above 1×, hypatia is faster.
import { type MeasureOptions, environmentHeader, fmt, isMain, markdownTable, measure } from './harness.ts';
import { FEATS, N, matrix, regression, spread, type Dt, type FloatArray } from './peers/data.ts';
import { handAdd, handLogistic, handMatmul, handTrainingStep } from './peers/hand.ts';
import { hypatiaAdd, hypatiaLogistic, hypatiaMatmul, hypatiaTrainingStep } from './peers/hypatia.ts';
import { tfAdd, tfLogistic, tfMatmul, tfTrainingStep, tfWith } from './peers/tfjs.ts';
import { jaxAdd, jaxLogistic, jaxMatmul, jaxTrainingStep, loadJax } from './peers/jax.ts';

type Run = () => ArrayLike<number>;
type Tf = Awaited<ReturnType<typeof tfWith>>;
type Jax = Awaited<ReturnType<typeof loadJax>>;

interface Task {
  name: string;
  dt: Dt;
  /** Calls per second instead of time per call (for the per-call overhead benchmark). */
  rate?: boolean;
  options: MeasureOptions;
  hypatia: () => Run;
  hand: () => Run;
  tfjs: (tf: Tf) => Run;
  jax: (j: Jax) => Run;
}

const LOGISTIC = 1000, QUICK: MeasureOptions = { warmupMs: 200, budgetMs: 800, samples: 5 };

function tasks(): Task[] {
  const reg = { float64: regression('float64'), float32: regression('float32') };
  const logistic = spread('float32', LOGISTIC * LOGISTIC);
  const mats = new Map([512, 1024].map((n) => [n, [matrix('float32', n, 1), matrix('float32', n, 2)] as const]));
  const step = (dt: Dt): Task => ({
    name: `logistic regression step ${N}×${FEATS} ${dt}`, dt, options: QUICK,
    hypatia: () => hypatiaTrainingStep(dt, reg[dt].x, reg[dt].y),
    hand: () => handTrainingStep(dt, reg[dt].x, reg[dt].y),
    tfjs: (tf) => tfTrainingStep(tf, reg[dt].x, reg[dt].y),
    jax: (j) => jaxTrainingStep(j, dt, reg[dt].x, reg[dt].y),
  });
  const matmul = (n: number): Task => {
    const [a, b] = mats.get(n)!;
    return {
      name: `matmul ${n}×${n} float32`, dt: 'float32',
      options: n > 512 ? { warmupMs: 0, budgetMs: 0, samples: 3 } : { warmupMs: 200, budgetMs: 600, samples: 3 },
      hypatia: () => hypatiaMatmul('float32', a, b, n), hand: () => handMatmul('float32', a, b, n),
      tfjs: (tf) => tfMatmul(tf, a, b, n), jax: (j) => jaxMatmul(j, 'float32', a, b, n),
    };
  };
  return [
    step('float64'),
    step('float32'),
    {
      name: `logistic 1/(1+exp(-x)) ${LOGISTIC}×${LOGISTIC} float32`, dt: 'float32', options: QUICK,
      hypatia: () => hypatiaLogistic('float32', logistic, LOGISTIC, LOGISTIC), hand: () => handLogistic('float32', logistic),
      tfjs: (tf) => tfLogistic(tf, logistic, LOGISTIC, LOGISTIC), jax: (j) => jaxLogistic(j, 'float32', logistic, LOGISTIC, LOGISTIC),
    },
    matmul(512),
    matmul(1024),
    {
      name: 'f(2, 3) scalar add', dt: 'float64', rate: true, options: { warmupMs: 200, budgetMs: 600, samples: 5 },
      hypatia: hypatiaAdd, hand: handAdd, tfjs: tfAdd, jax: jaxAdd,
    },
  ];
}

function duration(s: number): string {
  if (s >= 1) return `${fmt(s)} s`;
  if (s >= 1e-3) return `${fmt(s * 1e3)} ms`;
  if (s >= 1e-6) return `${fmt(s * 1e6)} µs`;
  return `${fmt(s * 1e9)} ns`;
}
const cellTime = (t: Task, s: number) => (t.rate ? `${fmt(1 / s)} calls/s` : duration(s));

/** Largest difference from hypatia's first result, relative to its size. */
function disagreement(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== ref.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(a[i]! - ref[i]!) / (1 + Math.abs(ref[i]!)));
  return worst;
}

const PEERS = ['hand-written JS', 'TF.js cpu', 'TF.js wasm', 'jax-js wasm'] as const;
type Peer = (typeof PEERS)[number];

export interface PeerResult { task: string; hypatia: string; cells: Record<Peer, string> }

/**
 * Builds a contender, checks its first result against hypatia's, and times the two side by side;
 * `onHypatia` receives hypatia's time from the pairing.
 */
function pair(t: Task, hypatia: Run, reference: ArrayLike<number>, build: () => Run, onHypatia?: (s: number) => void): string {
  let run: Run;
  try {
    run = build();
    const gap = disagreement(run(), reference);
    // summation order differs between libraries: float64 agrees to ~1e-9 here, float32 to ~1e-5
    if (!(gap <= (t.dt === 'float64' ? 1e-7 : 1e-3))) return `wrong result (off by ${gap.toExponential(1)})`;
  } catch (e) {
    return `failed: ${(e as Error).message.split('\n')[0]!.slice(0, 60)}`;
  }
  const [h, p] = measure([{ name: 'hypatia', run: hypatia }, { name: 'peer', run }], t.options);
  onHypatia?.(h!.secondsPerOp);
  return `${cellTime(t, p!.secondsPerOp)} (${fmt(p!.secondsPerOp / h!.secondsPerOp)}×)`;
}

export async function runPeers(log: (line: string) => void = console.log): Promise<PeerResult[]> {
  log('# hypatia against its peers\n');
  log(environmentHeader());
  const jax = await loadJax().catch((e: unknown) => e as Error);
  const results: PeerResult[] = [];
  for (const t of tasks()) {
    const reference = Array.from(t.hypatia()());
    const hypatia = t.hypatia();
    const cells = {} as Record<Peer, string>;
    // hypatia's own column is its time from the pairing with the hand-written loop
    let own = NaN;
    cells['hand-written JS'] = pair(t, hypatia, reference, t.hand, (s) => { own = s; });
    for (const backend of ['cpu', 'wasm'] as const) {
      const peer: Peer = backend === 'cpu' ? 'TF.js cpu' : 'TF.js wasm';
      if (t.dt === 'float64' && !t.rate) { cells[peer] = 'n/a (no float64)'; continue; }
      const tf = await tfWith(backend);
      cells[peer] = pair(t, hypatia, reference, () => t.tfjs(tf));
    }
    cells['jax-js wasm'] = jax instanceof Error ? `does not load: ${jax.message}` : pair(t, hypatia, reference, () => t.jax(jax));
    results.push({ task: t.name, hypatia: Number.isNaN(own) ? 'not measured' : cellTime(t, own), cells });
    log(`- ${t.name}: done`);
  }
  log('');
  log(peerTable(results));
  log('');
  log('Each cell: the contender\'s time per call (calls/s for f(2, 3)) and, in parentheses, its time over');
  log('hypatia\'s measured side by side in the same run: above 1×, hypatia is faster. hypatia runs its CPU');
  log('backend (generated JS). TF.js has no float64, so float64 rows are n/a for it; its f(2, 3) adds float32');
  log('scalars. jax-js needs two browser globals Node 20 lacks (navigator, Float16Array): it is started with');
  log('init(\'wasm\') and an empty Float16Array stand-in. Results are checked against hypatia\'s before timing.');
  return results;
}

export function peerTable(results: readonly PeerResult[]): string {
  return markdownTable(['benchmark', 'hypatia (CPU)', ...PEERS], results.map((r) => [r.task, r.hypatia, ...PEERS.map((p) => r.cells[p])]));
}

if (isMain(import.meta.url)) await runPeers();
