// The object an instrumented program reports its steps to: profiling and the checking modes
// each listen, in the order they registered.
import type { NDArray } from '../../runtime/ndarray.ts';
import type { StepHooks } from '../../runtime/program.ts';

export type StepListener = (step: number, outputs: NDArray[], start: number) => void;

export class Hooks implements StepHooks {
  private readonly listeners: StepListener[] = [];
  now(): number { return performance.now(); }
  after(step: number, outputs: NDArray[], start: number): void {
    for (const l of this.listeners) l(step, outputs, start);
  }
  listen(l: StepListener): void { this.listeners.push(l); }
}
