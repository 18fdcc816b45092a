// The WebGPU part of a program: WGSL kernels and the launch plan that runs them. Plain JSON,
// so the build plugin can serialize it like the CPU source. The runtime interprets the plan
// (shapes are only known at call time); the kernels are generic over sizes, specialised on
// rank and dtype.
import type { DType } from '../dtype.ts';
import type { IndexSpec, SlotInfo } from '../device/code.ts';
import type { Distribution } from '../random/draw.ts';

export interface WgslKernel {
  name: string;
  source: string;
  /** Graph ops it computes, for listings. */
  ops: string[];
}

export type { IndexSpec, SlotInfo, SlotSource } from '../device/code.ts';

/** Tiles in workgroup memory, or one invocation per output element (thin products). */
export interface MatmulKernels { tiled: number; serial: number }

/** A bitonic network in workgroup memory (short lanes), or in global memory over three kernels. */
export interface SortKernels { local: number; init: number; stage: number; out: number }

export type GpuStep =
  /** Fused elementwise kernel; `ins` are the slots of its array inputs in binding order. */
  | { op: 'elemwise'; kernel: number; ins: number[]; out: number; name: string }
  | { op: 'reduce'; kernels: { tree: number; serial: number; first: number; partial: number }; in: number; out: number; axes: number[]; keepdims: boolean; name: string }
  | { op: 'argreduce'; kernels: { tree: number; serial: number }; in: number; out: number; axis: number | null; keepdims: boolean; name: string }
  | { op: 'matmul'; kernels: MatmulKernels; a: number; b: number; out: number; form: 'dot' | 'batched' }
  /** a and b are first copied into (free, summed) and (summed, free) order when `permute*` is set. */
  | { op: 'tensordot'; kernels: MatmulKernels; permuteA: number | null; permuteB: number | null; a: number; b: number; out: number; axesA: number[]; axesB: number[] }
  | { op: 'reshape'; in: number; shape: number; out: number }
  /** A dimshuffle that only adds or drops size-1 axes: the same buffer under a new shape. */
  | { op: 'broadcast'; in: number; pattern: (number | 'x')[]; out: number }
  | { op: 'transpose'; kernel: number; in: number; pattern: (number | 'x')[]; out: number }
  /** `kernel` is a strided copy for basic indexing, a gather with index arrays. */
  | { op: 'subtensor'; kernel: number; x: number; spec: IndexSpec; out: number; name: string }
  | { op: 'set_subtensor'; kernel: number; x: number; y: number; spec: IndexSpec; out: number; name: string }
  /** One strided copy per input, each into its place along `axis`. */
  | { op: 'concatenate'; kernels: number[]; ins: number[]; axis: number; out: number }
  | { op: 'sort'; kernels: SortKernels; in: number; axis: number | null; out: number; name: string }
  | { op: 'alloc'; kernel: number; value: number; dims: number[]; out: number }
  | { op: 'arange'; kernel: number; args: number[]; out: number }
  | { op: 'eye'; kernel: number; args: number[]; out: number }
  | { op: 'random'; kernel: number; state: number; dims: number[]; a: number; b: number; dist: Distribution; out: number }
  /** The int64 shape of a value: known on the host for every slot, so never a readback. */
  | { op: 'shape'; in: number; out: number }
  /** Theano's ifelse with a condition known on the host: each output is the chosen branch's value. */
  | { op: 'ifelse'; cond: number; ins: number[]; outs: number[] }
  /**
   * Where an ifelse's branches begin: the next `arms[0]` steps compute what only the true
   * branch reads, the `arms[1]` after them what only the false branch reads (then the ifelse).
   * The condition is read on the host and only the taken arm is encoded.
   */
  | { op: 'branch'; cond: number; arms: [number, number] }
  | ScanStep
  /** A step that runs on the CPU (`host[fn]`): shape arithmetic, index bounds, scans the device cannot run. */
  | { op: 'host'; fn: number; ins: number[]; outs: number[]; name: string };

export type GpuOp = GpuStep['op'];

/** What an input of a scan's step graph is fed each step. */
export type ScanRole =
  /** Row t of sequence j. */
  | { kind: 'seq'; j: number }
  /** State i as it was `k` steps back (k < 0). */
  | { kind: 'tap'; i: number; k: number }
  /** Non-sequence k, the same every step. */
  | { kind: 'nonseq'; k: number };

/**
 * A scan run on the device: `body` is the step graph's plan, encoded once and replayed for
 * every step into the same command stream, with row copies between steps (runtime/webgpu/ops/scan.ts).
 * Outer slots are null where no one reads that output.
 */
export interface ScanStep {
  op: 'scan';
  name: string;
  body: GpuPlan;
  /** The step count: a host value. */
  n: number;
  seqs: number[];
  /** Each state's initial rows (as many as its furthest tap looks back). */
  inits: number[];
  taps: number[][];
  nonSeqs: number[];
  /** Non-sequences the body reads on the host (sizes, bounds): positions in `nonSeqs`. */
  hostNonSeqs: number[];
  /** What each input of the step graph is fed. */
  roles: ScanRole[];
  stacked: (number | null)[];
  maps: (number | null)[];
  finals: (number | null)[];
  /** Per map: its body result, or null when the map is unused (the body does not compute it). */
  mapResults: (number | null)[];
  /** Static row shapes of the maps (unknown sizes 0), for a loop of no steps. */
  mapRows: number[][];
}

/** One level of launch steps over its own slots: a whole program, or a scan's step graph. */
export interface GpuPlan {
  slots: SlotInfo[];
  steps: GpuStep[];
  /** The slots the plan delivers (a program: outputs then update values; a step graph: states then used maps). */
  results: number[];
}

/** A step compiled for the CPU: a factory `(K, C) => run` over `constants` (program constant indices). */
export interface HostCode { source: string; constants: number[] }

/** Kernels, constants and host code are shared by every plan in the program, nested ones included. */
export interface WebGpuCode extends GpuPlan {
  kernels: WgslKernel[];
  host: HostCode[];
  /** Kernels that may report an out-of-bounds index: the call reads back a status word. */
  checked: boolean;
}
