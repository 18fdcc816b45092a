// The program format: the contract between the compiler and the runtime. The JIT path builds
// one in memory; the build plugin serializes it into a generated module. Bump the version on
// any incompatible change; the runtime refuses versions it does not know.
import type { DType } from './dtype.ts';
import { NDArray } from './ndarray.ts';
import { STORAGE } from './dtype.ts';
import type { WebGpuCode } from './webgpu/code.ts';

export const PROGRAM_FORMAT = 'hypatia.program';
export const PROGRAM_VERSION = 1;

/** An array value inside a program: small ones as JSON numbers, large ones as base64 bytes. */
export interface EncodedArray { dtype: DType; shape: number[]; data: number[] | { base64: string } }

export interface ProgramInput {
  name: string | null;
  dtype: DType;
  ndim: number;
  broadcastable: boolean[];
  /** Static sizes (null = any). */
  shape: (number | null)[];
  default?: EncodedArray;
}

export interface ProgramShared { name: string; dtype: DType; ndim: number }

/** One launched kernel, for listings and profiles. */
/** One launched kernel, for listings and profiles; `inplace` pairs (output, input) it overwrites. */
export interface KernelInfo { name: string; kind: string; ops: string[]; inplace?: [number, number][] }

/**
 * What an instrumented CPU program (compiled for profiling, DebugMode or NanGuardMode) calls
 * around every step: its factory takes these as a third argument `H`.
 */
export interface StepHooks {
  now(): number;
  /** After step `step` produced `outputs`; `start` is what `now()` said before it ran. */
  after(step: number, outputs: NDArray[], start: number): void;
}

export interface CpuCode {
  /**
   * Source of a JS function expression `(K, C) => run`, where K is the runtime's CPU kernel
   * namespace and C the decoded constants; `run(inputs, shared)` returns the outputs followed
   * by the update values.
   */
  source: string;
  kernels: KernelInfo[];
}

export interface Program {
  format: typeof PROGRAM_FORMAT;
  version: number;
  name: string;
  inputs: ProgramInput[];
  shared: ProgramShared[];
  outputs: { count: number; kind: 'single' | 'list' | 'none' };
  /** For each update value (after the outputs in `run`'s result): the shared slot it replaces. */
  updates: number[];
  allowInputDowncast: boolean;
  constants: EncodedArray[];
  /** What one call launches, in order, on the backend the program was compiled for. */
  kernels: KernelInfo[];
  cpu?: CpuCode;
  /** WGSL kernels and their launch plan (runtime/webgpu/code.ts), for backend 'webgpu'. */
  webgpu?: WebGpuCode;
  /** GPU.js kernels and their launch plan (runtime/gpujs/code.ts), for backend 'gpujs'. */
  gpujs?: import('./gpujs/code.ts').GpuJsCode;
}

export function checkProgram(p: { format?: unknown; version?: unknown }): asserts p is Program {
  if (p.format !== PROGRAM_FORMAT) throw new TypeError(`hypatia runtime: not a hypatia program (format ${JSON.stringify(p.format)})`);
  if (p.version !== PROGRAM_VERSION) {
    throw new TypeError(`hypatia runtime: program format version ${String(p.version)} is not supported by this runtime (it reads version ${PROGRAM_VERSION}); rebuild with a matching hypatia`);
  }
}

const B64_THRESHOLD = 64;

export function encodeArray(a: NDArray): EncodedArray {
  if (a.size <= B64_THRESHOLD) return { dtype: a.dtype, shape: a.shape.slice(), data: Array.from(a.data) };
  const bytes = new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  return { dtype: a.dtype, shape: a.shape.slice(), data: { base64: toBase64(bytes) } };
}

export function decodeArray(e: EncodedArray): NDArray {
  if (Array.isArray(e.data)) return new NDArray(e.dtype, e.shape, STORAGE[e.dtype].from(e.data));
  const bytes = fromBase64(e.data.base64);
  const Ctor = STORAGE[e.dtype];
  const data = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  return new NDArray(e.dtype, e.shape, data);
}

const ALPHA = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function toBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += ALPHA[(n >> 18) & 63]! + ALPHA[(n >> 12) & 63]! + (i + 1 < b.length ? ALPHA[(n >> 6) & 63]! : '=') + (i + 2 < b.length ? ALPHA[n & 63]! : '=');
  }
  return s;
}

function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0, acc = 0, bits = 0;
  for (const ch of clean) {
    acc = (acc << 6) | ALPHA.indexOf(ch);
    bits += 6;
    if (bits >= 8) { bits -= 8; out[o++] = (acc >> bits) & 255; }
  }
  // copy so the typed array view is aligned for wider element types
  return out.slice(0, o);
}
