// Plan types common to the device backends (WebGPU, GPU.js): the slots a launch plan reads and
// writes, and where each one's value comes from before the call's steps run.
import type { DType } from '../dtype.ts';
import type { IndexTemplate } from '../cpu/index-template.ts';

export type SlotSource =
  /** A function input; in a WebGPU scan's step graph, an input of the step (ScanStep.roles). */
  | { from: 'input'; index: number }
  | { from: 'shared'; index: number }
  /** An entry of `program.constants`. */
  | { from: 'const'; index: number }
  | { from: 'step' };

/** One value of the program: a variable the plan reads or writes. */
export interface SlotInfo {
  dtype: DType;
  ndim: number;
  broadcastable: boolean[];
  source: SlotSource;
}

/** x[index] (a gather, or a scatter's target): the template plus which dyn slot each reference names. */
export interface IndexSpec { index: IndexTemplate[]; dyn: number[] }
