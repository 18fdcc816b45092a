// The seed's logistic-regression training step (N=400 examples, 784 features): one call
// computes `prediction` and `xent` (both read every step) and updates w and b by gradient
// descent with T.grad. Against it: the same math as plain typed-array loops, fused by hand
// into one pass over the rows. Both return fresh output arrays and update w and b.
import * as T from '../compiler/index.ts';
import type { FloatDType } from '../runtime/dtype.ts';
import { NDArray } from '../runtime/ndarray.ts';
import { compiledOf } from '../compiler/function.ts';
import { FEATS, N, logisticData } from './logistic-data.ts';
import {
  type BenchRow, type MeasureOptions, environmentHeader, fmt, fmtMs, fmtSpread, isMain, markdownTable, measure,
} from './harness.ts';

export const RATIO_TARGET = 0.6;
export const KERNEL_TARGET = 5;
const LR = 0.1, L2 = 0.01;

/** A deterministic data set: features in [-1, 1), labels 0/1 from a hidden linear rule. */

/** The seed's graph: prediction and cross-entropy out, w and b updated from T.grad. */
export function trainingStep(dtype: FloatDType) {
  const x = T.tensor(dtype, 2, 'x'), y = T.tensor(dtype, 1, 'y');
  const w = T.shared(new NDArray(dtype, [FEATS]), { name: 'w' });
  const b = T.shared(new NDArray(dtype, []), { name: 'b' });
  const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
  const prediction = T.tensor`${p} > 0.5`;
  const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
  const cost = T.tensor`mean(${xent}) + ${L2} * sum(${w} ** 2)`;
  const [gw, gb] = T.grad(cost, [w, b]);
  const t0 = performance.now();
  const train = T.fn([x, y], [prediction, xent], {
    updates: [[w, T.tensor`${w} - ${LR} * ${gw}`], [b, T.tensor`${b} - ${LR} * ${gb}`]],
    name: `train_${dtype}`,
  });
  const compileMs = performance.now() - t0;
  return { train, w, b, compileMs };
}

/** The hand-written step: one pass over the rows computes everything, as a person would write it. */
function handStep(dtype: FloatDType) {
  const Arr = dtype === 'float64' ? Float64Array : Float32Array;
  const w = new Arr(FEATS), gw = new Float64Array(FEATS);
  const state = { b: 0 };
  const step = (X: Float64Array | Float32Array, Y: Float64Array | Float32Array) => {
    const pred = new Uint8Array(N), xent = new Arr(N);
    gw.fill(0);
    let gb = 0;
    const b = state.b;
    for (let i = 0; i < N; i++) {
      const o = i * FEATS;
      let z = b;
      for (let j = 0; j < FEATS; j++) z += X[o + j]! * w[j]!;
      const p = 1 / (1 + Math.exp(-z));
      const yi = Y[i]!;
      pred[i] = p > 0.5 ? 1 : 0;
      xent[i] = -yi * Math.log(p) - (1 - yi) * Math.log(1 - p);
      const g = (p - yi) / N;
      gb += g;
      for (let j = 0; j < FEATS; j++) gw[j]! += g * X[o + j]!;
    }
    for (let j = 0; j < FEATS; j++) w[j] = w[j]! - LR * (gw[j]! + 2 * L2 * w[j]!);
    state.b = b - LR * gb;
    return [pred, xent];
  };
  return { step, w, state };
}

export function trainingStepBench(dtype: FloatDType, options: MeasureOptions = {}): BenchRow {
  const { x, y } = logisticData('float64');
  const X = dtype === 'float64' ? x.data : Float32Array.from(x.data), Y = dtype === 'float64' ? y.data : Float32Array.from(y.data);
  const xs = new NDArray(dtype, [N, FEATS], X), ys = new NDArray(dtype, [N], Y);
  const { train, w, compileMs } = trainingStep(dtype);
  const hand = handStep(dtype);

  // the two must agree on a few steps before their speed means anything
  for (let k = 0; k < 3; k++) {
    const [pred, xent] = train(xs, ys);
    const [hp, hx] = hand.step(X, Y);
    for (let i = 0; i < N; i++) {
      if (pred!.data[i] !== hp![i]) throw new Error(`training-step: predictions differ at ${i}`);
      if (Math.abs(xent!.data[i]! - hx![i]!) > (dtype === 'float64' ? 1e-9 : 1e-3)) throw new Error(`training-step: xent differs at ${i}: ${xent!.data[i]} vs ${hx![i]}`);
    }
  }
  const wv = w.getValue({ borrow: true }).data;
  for (let j = 0; j < FEATS; j++) {
    if (Math.abs(wv[j]! - hand.w[j]!) > (dtype === 'float64' ? 1e-9 : 1e-4)) throw new Error(`training-step: w differs at ${j}: ${wv[j]} vs ${hand.w[j]}`);
  }

  const [hyp, hw] = measure([
    { name: 'hypatia', run: () => train(xs, ys) },
    { name: 'hand', run: () => hand.step(X, Y) },
  ], { warmupMs: 1000, budgetMs: 3000, samples: 11, ...options });

  const kernels = train.program.kernels.length;
  const ratio = hyp!.secondsPerOp / hw!.secondsPerOp;
  const target = dtype === 'float64' ? RATIO_TARGET : Infinity;
  return {
    benchmark: `training step N=${N}, ${FEATS} features, ${dtype}`,
    hypatia: `${fmtMs(hyp!)}/step`,
    hand: `${fmtMs(hw!)}/step`,
    ratio: `${fmt(ratio)}×`,
    target: dtype === 'float64' ? `≤ ${RATIO_TARGET}×, ≤ ${KERNEL_TARGET} kernels` : `≤ ${KERNEL_TARGET} kernels`,
    met: ratio <= target && kernels <= KERNEL_TARGET,
    notes: [
      `training step ${dtype}: ${kernels} kernels per step (${train.program.kernels.map((k) => k.name).join(', ')}); ` +
        `compile time ${fmt(compileMs)} ms (${compiledOf(train)!.rewrites.events.length} rewrites); ` +
        `hypatia samples ${fmtSpread(hyp!)}, hand ${fmtSpread(hw!)}`,
    ],
  };
}

export const trainingStep64 = (o?: MeasureOptions) => trainingStepBench('float64', o);
export const trainingStep32 = (o?: MeasureOptions) => trainingStepBench('float32', o);

/**
 * What float16 costs on the CPU: the same step in float16 (a binary16 rounding after every op)
 * against float32, sampled alternately. No hand-written float16 loop: JS has no float16 math.
 */
export function float16Cost(options: MeasureOptions = {}): { f16: string; f32: string; ratio: number } {
  const { x, y } = logisticData('float64');
  const args = (dtype: 'float16' | 'float32') => [x.astype(dtype), y.astype(dtype)] as const;
  const [a16, a32] = [args('float16'), args('float32')];
  const [t16, t32] = [trainingStep('float16').train, trainingStep('float32').train];
  const [m16, m32] = measure([
    { name: 'float16', run: () => t16(...a16) },
    { name: 'float32', run: () => t32(...a32) },
  ], { warmupMs: 1000, budgetMs: 3000, samples: 11, ...options });
  return { f16: fmtMs(m16!), f32: fmtMs(m32!), ratio: m16!.secondsPerOp / m32!.secondsPerOp };
}

if (isMain(import.meta.url)) {
  console.log(environmentHeader());
  const rows = [trainingStep64(), trainingStep32()];
  console.log();
  console.log(markdownTable(['benchmark', 'hypatia', 'hand-written', 'time ratio hypatia/hand', 'target'], rows.map((r) => [r.benchmark, r.hypatia, r.hand, r.ratio, r.target])));
  for (const r of rows) for (const n of r.notes) console.log(`\n${n}`);
  const h = float16Cost();
  console.log(`\nfloat16 step: ${h.f16}/step against ${h.f32}/step in float32 (${fmt(h.ratio)}×)`);
}
