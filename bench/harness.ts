// A small timing harness. The benchmark machine is a noisy 2-core box, so candidates that are
// compared are sampled alternately (A, B, A, B, ...) in one process: a slow patch of the
// machine then hurts both sides of a ratio instead of only one.
import os from 'node:os';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export interface Candidate {
  name: string;
  /** One operation; its result is kept in a sink so the JIT cannot drop the work. */
  run: () => unknown;
}

export interface MeasureOptions {
  /** Wall time spent calling each candidate before any sample counts (JIT tiers, ICs). */
  warmupMs?: number;
  /** Total wall time of the counted samples, per candidate. */
  budgetMs?: number;
  /** Number of samples per candidate; the median is reported. */
  samples?: number;
  /** Never take fewer operations than this per sample (so slow operations still get a median). */
  minOpsPerSample?: number;
}

export interface Measurement {
  name: string;
  /** Median seconds per operation over the samples. */
  secondsPerOp: number;
  opsPerSecond: number;
  /** Fastest and slowest sample, to show how noisy the run was. */
  minSecondsPerOp: number;
  maxSecondsPerOp: number;
  samples: number;
  opsPerSample: number;
}

// Written to after every batch; exported so no engine can prove the results unused.
export let sink: unknown = undefined;

// Every candidate goes through this one call site, so it turns polymorphic and no candidate is
// inlined into the loop; that keeps the engine from escape-analysing away a hand-written
// baseline's allocation, which hypatia's non-inlined call could never get.
function timeBatch(run: () => unknown, n: number): number {
  let last: unknown;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) last = run();
  const t1 = performance.now();
  sink = last;
  return (t1 - t0) / 1000;
}

/** Grows the batch until one batch lasts about `targetS`, so timer resolution is negligible. */
function calibrate(run: () => unknown, targetS: number, minOps: number): number {
  let n = Math.max(1, minOps);
  for (;;) {
    const t = timeBatch(run, n);
    if (t >= targetS || n >= 1e9) return Math.max(minOps, Math.ceil(n * (targetS / Math.max(t, 1e-9))));
    n = t < targetS / 100 ? n * 10 : Math.ceil(n * Math.min(10, (targetS * 1.2) / t));
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Measures the candidates side by side; returns one measurement per candidate, in order. */
export function measure(candidates: readonly Candidate[], options: MeasureOptions = {}): Measurement[] {
  const warmupMs = options.warmupMs ?? 500;
  const budgetMs = options.budgetMs ?? 1500;
  const samples = Math.max(1, options.samples ?? 9);
  const minOps = options.minOpsPerSample ?? 1;

  for (const c of candidates) {
    const end = performance.now() + warmupMs;
    while (performance.now() < end) timeBatch(c.run, Math.max(1, minOps));
  }
  const perSampleS = budgetMs / 1000 / samples;
  const batch = candidates.map((c) => calibrate(c.run, perSampleS, minOps));
  const times: number[][] = candidates.map(() => []);
  for (let s = 0; s < samples; s++) {
    // alternate which candidate goes first, so neither always runs right after a GC of the other
    const order = s % 2 === 0 ? candidates.map((_, i) => i) : candidates.map((_, i) => candidates.length - 1 - i);
    for (const i of order) times[i]!.push(timeBatch(candidates[i]!.run, batch[i]!) / batch[i]!);
  }
  return candidates.map((c, i) => {
    const t = times[i]!;
    const med = median(t);
    return {
      name: c.name,
      secondsPerOp: med,
      opsPerSecond: 1 / med,
      minSecondsPerOp: Math.min(...t),
      maxSecondsPerOp: Math.max(...t),
      samples: t.length,
      opsPerSample: batch[i]!,
    };
  });
}

// ---- reporting ---------------------------------------------------------------------------

export function environmentHeader(): string {
  const cpus = os.cpus();
  const lines = [
    `- date: ${new Date().toISOString()}`,
    `- node: ${process.version} (${process.platform} ${process.arch})`,
    `- cpu: ${cpus[0]?.model.trim() ?? 'unknown'} × ${cpus.length} logical cores`,
  ];
  return lines.join('\n');
}

/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => /^[±≤≥<>~×\d.,\s%-]*[\d]/.test(r[c] ?? '')));
  const cell = (s: string, c: number) => (numeric[c] ? s.padStart(widths[c]!) : s.padEnd(widths[c]!));
  const line = (cells: readonly string[]) => `| ${cells.map((s, c) => cell(s, c)).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (numeric[c] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map((r) => line(headers.map((_, c) => r[c] ?? '')))].join('\n');
}

/** Three significant digits is all a 2-core noisy box can justify. */
export function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6) return `${(x / 1e6).toPrecision(digits)} M`;
  if (a >= 1e4) return `${(x / 1e3).toPrecision(digits)} k`;
  // toPrecision would switch to exponent notation here (1530 → "1.53e+3")
  if (a >= 10 ** digits) return Math.round(x).toString();
  return x.toPrecision(digits);
}

export const fmtRate = (m: Measurement) => `${fmt(m.opsPerSecond)} calls/s`;
export const fmtMs = (m: Measurement) => `${fmt(m.secondsPerOp * 1e3)} ms`;
export const fmtNs = (m: Measurement) => `${fmt(m.secondsPerOp * 1e9)} ns`;
/** Spread of the samples relative to the median, e.g. "±4%". */
export const fmtSpread = (m: Measurement) =>
  `±${Math.round((50 * (m.maxSecondsPerOp - m.minSecondsPerOp)) / m.secondsPerOp)}%`;

/** One benchmark's line in the summary table that `bench/run.ts` prints. */
export interface BenchRow {
  benchmark: string;
  hypatia: string;
  hand: string;
  /** hypatia's time per operation over the hand-written one's (above 1: hypatia is slower). */
  ratio: string;
  target: string;
  met: boolean;
  /** Extra lines (sample spread, batch sizes) printed under the table. */
  notes: string[];
}

export function summaryTable(rows: readonly BenchRow[]): string {
  return markdownTable(
    ['benchmark', 'hypatia', 'hand-written', 'time ratio hypatia/hand', 'target', 'met'],
    rows.map((r) => [r.benchmark, r.hypatia, r.hand, r.ratio, r.target, r.met ? 'yes' : 'no']),
  );
}

/** True when the module at `url` is the script node was started with (not imported by run.ts). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(url));
  } catch {
    return false;
  }
}
