// Profiling (`profile: true`): call counts and times, time per kernel, per op and per op
// class, and compile time, printed as Theano's `f.profile.summary()` prints them.
import type { Variable } from './graph.ts';
import { type CpuStep, cpuStepNodes, cpuStepReads } from './backends/cpu/loops.ts';

/** Theano's class names for the op kinds; kinds not listed print capitalized. */
const CLASS: Record<string, string> = {
  elemwise: 'Elemwise', dimshuffle: 'DimShuffle', reduce: 'CAReduce', argreduce: 'MaxAndArgmax', dot: 'Dot',
  tensordot: 'TensorDot', batched_dot: 'BatchedDot', reshape: 'Reshape', shape: 'Shape', subtensor: 'Subtensor',
  set_subtensor: 'IncSubtensor', concatenate: 'Join', sort: 'SortOp', argsort: 'ArgSortOp', alloc: 'Alloc',
  arange: 'ARange', eye: 'Eye',
};
const className = (kind: string) => CLASS[kind] ?? kind.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** What the profile knows about one launched step. */
export interface StepInfo {
  /** Its op as debugprint shows it, e.g. `Elemwise{Composite{(i0 * i1)}}` or `dot`. */
  op: string;
  className: string;
  /** 'JS' for code generated for this function, 'K' for a call into a runtime kernel. */
  type: 'JS' | 'K';
  /** `op(input names)`, Theano's Apply column. */
  apply: string;
}

export function stepInfo(s: CpuStep, label: string, generated: boolean): StepInfo {
  const last = cpuStepNodes(s).at(-1)!;
  const ins = cpuStepReads(s);
  return {
    op: label,
    className: className(last.op.kind),
    type: generated ? 'JS' : 'K',
    apply: `${label}(${ins.map((v: Variable) => v.toString()).join(', ')})`,
  };
}

export interface CompileTimes {
  /** Seconds per rewrite phase. */
  phases: { phase: string; seconds: number }[];
  /** Scheduling, code generation and JIT. */
  linker: number;
  total: number;
}

/** Theano's number format: 1.490116e-03. */
function sci(x: number, digits = 6): string {
  const [m, e] = x.toExponential(digits).split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}
const pct = (a: number, total: number) => `${(total > 0 ? (100 * a) / total : 0).toFixed(1)}%`;

export class ProfileStats {
  readonly name: string;
  readonly steps: readonly StepInfo[];
  readonly compile: CompileTimes;
  readonly applyNodes: number;
  /** Calls of the function and seconds spent in them (argument checks and updates included). */
  calls = 0;
  callTime = 0;
  /** Seconds in the compiled program itself. */
  runTime = 0;
  readonly stepTime: Float64Array;
  readonly stepCalls: Float64Array;

  constructor(name: string, steps: readonly StepInfo[], compile: CompileTimes, applyNodes: number) {
    this.name = name;
    this.steps = steps;
    this.compile = compile;
    this.applyNodes = applyNodes;
    this.stepTime = new Float64Array(steps.length);
    this.stepCalls = new Float64Array(steps.length);
  }

  /** Seconds in all steps (Theano's "time in thunks"). */
  get kernelTime(): number { return this.stepTime.reduce((a, b) => a + b, 0); }

  recordStep(k: number, seconds: number): void {
    this.stepTime[k]! += seconds;
    this.stepCalls[k]! += 1;
  }

  /** Zero the run-time counters (compile times stay). */
  reset(): void {
    this.calls = 0; this.callTime = 0; this.runTime = 0;
    this.stepTime.fill(0); this.stepCalls.fill(0);
  }

  /** The report, as Theano's `ProfileStats.summary()` prints it. */
  summary(): string {
    const thunks = this.kernelTime;
    const L = [
      'Function profiling',
      '==================',
      `  Message: ${this.name || '<unnamed function>'}`,
      `  Time in ${this.calls} calls to Function.__call__: ${sci(this.callTime)}s`,
      `  Time in Function.fn.__call__: ${sci(this.runTime)}s (${pct(this.runTime, this.callTime)})`,
      `  Time in thunks: ${sci(thunks)}s (${pct(thunks, this.callTime)})`,
      `  Total compile time: ${sci(this.compile.total)}s`,
      `    Number of Apply nodes: ${this.applyNodes}`,
      `    Number of kernels: ${this.steps.length}`,
      `    Hypatia rewrite time: ${sci(this.compile.phases.reduce((a, p) => a + p.seconds, 0))}s`,
      ...this.compile.phases.map((p) => `       ${p.phase}: ${sci(p.seconds)}s`),
      `    Hypatia linker time (scheduling, code generation, JIT): ${sci(this.compile.linker)}s`,
      '',
      ...this.table('Class', (s) => s.className, true),
      '',
      ...this.table('Ops', (s) => s.op, true),
      '',
      ...this.applyTable(),
    ];
    return L.join('\n');
  }

  private table(title: string, key: (s: StepInfo) => string, withType: boolean): string[] {
    const groups = new Map<string, { time: number; calls: number; applies: number; type: string }>();
    this.steps.forEach((s, k) => {
      const g = groups.get(key(s)) ?? { time: 0, calls: 0, applies: 0, type: s.type };
      g.time += this.stepTime[k]!; g.calls += this.stepCalls[k]!; g.applies++;
      groups.set(key(s), g);
    });
    const total = this.kernelTime;
    const rows = [...groups].sort((a, b) => b[1].time - a[1].time);
    let sum = 0;
    const name = title === 'Class' ? 'Class name' : 'Op name';
    return [
      title,
      '---',
      `<% time> <sum %> <apply time> <time per call> ${withType ? '<type> ' : ''}<#call> <#apply> <${name}>`,
      ...rows.map(([k, g]) => {
        sum += g.time;
        const per = g.calls ? g.time / g.calls : 0;
        return `  ${pct(g.time, total).padStart(6)} ${pct(sum, total).padStart(6)} ${g.time.toFixed(3).padStart(10)}s ${sci(per, 2).padStart(12)}s ${g.type.padStart(4)} ${String(g.calls).padStart(6)} ${String(g.applies).padStart(6)}   ${k}`;
      }),
      `   ... (remaining 0 ${title === 'Class' ? 'Classes' : 'Ops'} account for 0.00%(0.00s) of the runtime)`,
    ];
  }

  private applyTable(): string[] {
    const total = this.kernelTime;
    const order = this.steps.map((_, k) => k).sort((a, b) => this.stepTime[b]! - this.stepTime[a]!);
    let sum = 0;
    return [
      'Apply',
      '------',
      '<% time> <sum %> <apply time> <time per call> <#call> <id> <Apply name>',
      ...order.map((k) => {
        const t = this.stepTime[k]!, c = this.stepCalls[k]!;
        sum += t;
        return `  ${pct(t, total).padStart(6)} ${pct(sum, total).padStart(6)} ${t.toFixed(3).padStart(10)}s ${sci(c ? t / c : 0, 2).padStart(12)}s ${String(c).padStart(6)} ${String(k).padStart(4)}   ${this.steps[k]!.apply}`;
      }),
      '   ... (remaining 0 Apply instances account for 0.00%(0.00s) of the runtime)',
    ];
  }
}
