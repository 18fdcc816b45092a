// What a launch step sees of a call: shapes and host values of slots, GPU.js values, and
// launches. One runner per step kind (ops/index.ts), each computing output shapes the way the
// CPU kernels do and passing its kernel's parameters in the order the kernel declares them.
import type { NDArray } from '../../ndarray.ts';
import type { GpuJsOp, GpuJsStep, SlotInfo } from '../code.ts';
import type { Dev } from '../device.ts';
import { prod } from '../../device/shapes.ts';

export interface StepContext {
  info(slot: number): SlotInfo;
  shape(slot: number): readonly number[];
  /** A slot's value on the host (the runner declared it in `hostNeeds`). */
  host(slot: number): NDArray;
  /** First element of a host slot, as a JS number. */
  scalar(slot: number): number;
  /** A slot's value as kernels read it, converting its host value first if needed. */
  value(slot: number): Dev;
  /** A host array as kernels read it (index arrays). */
  array(a: NDArray): Dev;
  /** Run a kernel over `n` output elements: arrays first, then number parameters. */
  launch(kernel: number, n: number, arrays: readonly Dev[], params: readonly number[]): Dev;
  /** A kernel map's launch: its sub-kernel outputs, then its result. */
  launchAll(kernel: number, n: number, arrays: readonly Dev[], params: readonly number[]): Dev[];
  setDev(slot: number, shape: readonly number[], d: Dev): void;
  setHost(slot: number, v: NDArray): void;
  /** A step's output that is another slot's value under a new shape. */
  setView(slot: number, from: number, shape: readonly number[]): void;
  runHost(fn: number, inputs: NDArray[]): NDArray;
}

export interface Runner<S extends GpuJsStep> {
  /** Slots this step reads on the host (read back first when they only exist on the GPU). */
  hostNeeds(step: S): readonly number[];
  run(step: S, c: StepContext): void;
}

export type Runners = { [K in GpuJsOp]: Runner<Extract<GpuJsStep, { op: K }>> };
export type Of<K extends GpuJsOp> = Extract<GpuJsStep, { op: K }>;

export { prod, shapeStr, strides } from '../../device/shapes.ts';

/** A strided read into a new value: out[c] = x[off + Σ c_d t_d] (renderCopy's parameters). */
export function stridedCopy(c: StepContext, kernel: number, x: Dev, shape: readonly number[], off: number, inStrides: readonly number[]): Dev {
  return c.launch(kernel, prod(shape), [x], [off, ...shape, ...inStrides]);
}
