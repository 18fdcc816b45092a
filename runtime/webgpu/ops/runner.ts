// What a launch step sees of a call: shapes and host values of slots, device buffers, and
// dispatch. One runner per step kind (ops/index.ts), each computing output shapes the way
// the CPU kernels do and writing its kernels' parameters.
import type { NDArray } from '../../ndarray.ts';
import type { GpuOp, GpuPlan, GpuStep, SlotInfo } from '../code.ts';
import type { Command } from '../encoding.ts';

/** A kernel's parameter words, with signed and float views of the same memory. */
export interface ParamWords { u: Uint32Array; i: Int32Array; f: Float32Array }

/** A slot's value during a call: its shape, and where it exists (`lazy` makes its buffer on demand). */
export interface SlotValue { shape: readonly number[]; host: NDArray | null; buf: GPUBuffer | null; lazy?: () => GPUBuffer }

/** The frame that runs a nested plan (a scan's step graph) inside the call's command stream. */
export interface BodyFrame {
  /** Start a call: the value of each input slot (`index` is the step graph's input). */
  begin(input: (index: number) => SlotValue): void;
  /** A buffer this frame keeps for input `index` (reused across calls). */
  inputBuffer(index: number, bytes: number): GPUBuffer;
  /** Encode the plan once. */
  run(): Promise<void>;
  shape(slot: number): readonly number[];
  buffer(slot: number): GPUBuffer;
}

export interface StepContext {
  /** This step's number plus one: checked kernels report it when an index is out of bounds. */
  readonly tag: number;
  info(slot: number): SlotInfo;
  /** Bytes of one element of a slot on this device: 4, or 2 for float16 stored packed. */
  elemBytes(slot: number): number;
  shape(slot: number): readonly number[];
  /** A slot's value on the host (the runner declared it in `hostNeeds`). */
  host(slot: number): NDArray;
  /** A slot's host value, or null when it only exists on the device. */
  peekHost(slot: number): NDArray | null;
  /** First element of a host slot, as a JS number. */
  scalar(slot: number): number;
  /** A slot's device buffer, uploading its host value first if needed. */
  buffer(slot: number): GPUBuffer;
  /** The buffer for a step's output of this shape (reused across calls). */
  output(slot: number, shape: readonly number[]): GPUBuffer;
  /** A step's output computed on the host. */
  setHost(slot: number, v: NDArray): void;
  /** A step's output that is another slot's buffer under a new shape. */
  setView(slot: number, from: number, shape: readonly number[]): void;
  /** Scratch space for dispatch site `site` of this step (reused across calls). */
  temp(site: number, bytes: number): GPUBuffer;
  /** The words of site `site`'s parameter block (`count` long), to fill before `dispatch`. */
  params(site: number, count: number): ParamWords;
  /** Launch a kernel at a site with its parameters and storage buffers; `groups` workgroups. */
  dispatch(site: number, kernel: number, buffers: readonly GPUBuffer[], groups: number): void;
  /** Launch over a 3-D grid of workgroups (matmul tiles). */
  dispatch3(site: number, kernel: number, buffers: readonly GPUBuffer[], grid: readonly [number, number, number]): void;
  copy(src: GPUBuffer, dst: GPUBuffer, bytes: number): void;
  /** A copy at byte offsets (even; any that are not multiples of 4 run the half-copy kernel). */
  copyAt(src: GPUBuffer, from: number, dst: GPUBuffer, to: number, bytes: number): void;
  /** `rows` rows of `bytes`, row r from `from + r * srcStride` to `to + r * dstStride`, in one command. */
  copyRows(src: GPUBuffer, from: number, srcStride: number, dst: GPUBuffer, to: number, dstStride: number, bytes: number, rows: number): void;
  /** The frame for this step's nested plan (kept across calls). */
  body(plan: GpuPlan): BodyFrame;
  /** Record the commands encoded until `stopRecording`, to `replay` them. */
  record(): Command[];
  stopRecording(r: Command[]): void;
  replay(cmds: readonly Command[]): void;
  /** The status words checked kernels report out-of-bounds indices into. */
  status(): GPUBuffer;
  /** Run a host step's CPU code; its outputs in order. */
  runHost(fn: number, inputs: NDArray[]): NDArray[];
}

export interface Runner<S extends GpuStep> {
  /** Slots this step reads on the host (read back first when they only exist on the device). */
  hostNeeds(step: S): readonly number[];
  /** Encode the step; only steps that run a nested plan return a promise. */
  run(step: S, c: StepContext): void | Promise<void>;
}

export type Runners = { [K in GpuOp]: Runner<Extract<GpuStep, { op: K }>> };

/** Workgroups needed for `n` items at 256 invocations per workgroup. */
export const groupsFor = (n: number) => Math.ceil(n / 256);

export { prod, shapeStr, strides } from '../../device/shapes.ts';
