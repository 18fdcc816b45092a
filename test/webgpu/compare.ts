// Running a graph on the CPU backend (the reference) and on WebGPU, and comparing at float32
// tolerances: WGSL allows a few ULP for arithmetic and more for transcendental functions
// (SwiftShader's sin/cos are within about 7e-5 absolute).
import { expect } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { Tols } from '../backends/op-cases.ts';
import { isF16, roundF16 } from '../../runtime/float16.ts';
import { gpuFn } from './compile.ts';

export interface Tol { atol: number; rtol: number }
export const EXACT: Tol = { atol: 0, rtol: 0 };
export const ARITH: Tol = { atol: 1e-6, rtol: 2e-6 };
export const TRANSC: Tol = { atol: 2e-4, rtol: 2e-5 };
/** Sums accumulate in a different order on the device: a little more than one op's rounding. */
export const SUM: Tol = { atol: 1e-5, rtol: 1e-5 };
/** The tolerance classes of the shared op cases (../backends/op-cases.ts) on WebGPU. */
export const TOLS: Tols = { exact: EXACT, arith: ARITH, transc: TRANSC, sum: SUM };

export function expectClose(got: NDArray, want: NDArray, tol: Tol = ARITH, what = 'value'): void {
  expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
  expect(got.shape, `${what}: shape`).toEqual(want.shape);
  for (let i = 0; i < want.size; i++) {
    const a = got.data[i]!, b = want.data[i]!;
    if (Number.isNaN(b)) { expect(Number.isNaN(a), `${what}[${i}]: expected NaN, got ${a}`).toBe(true); continue; }
    if (!Number.isFinite(b)) { expect(a, `${what}[${i}]`).toBe(b); continue; }
    const err = Math.abs(a - b);
    if (err > tol.atol + tol.rtol * Math.abs(b)) {
      expect.fail(`${what}[${i}]: got ${a}, expected ${b} (|error| ${err.toExponential(2)} > ${tol.atol} + ${tol.rtol} * |expected|)`);
    }
  }
}

const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];

/** Compile on both backends, call both with `args`, compare every output. */
export async function agree(inputs: readonly unknown[], outputs: unknown, args: readonly unknown[], tol: Tol = ARITH, options: Record<string, unknown> = {}): Promise<NDArray[]> {
  const cpu = (T.fn as (...a: unknown[]) => (...x: unknown[]) => unknown)(inputs, outputs, options);
  const want = list(cpu(...args));
  const got = list(await gpuFn(inputs, outputs, options)(...args));
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expectClose(g, want[i]!, tol, `output ${i}`));
  return got;
}

/** Every float16 value of `a` is a binary16 value (NaN and infinities included). */
export function expectBinary16(a: NDArray, what: string): void {
  if (a.dtype !== 'float16') return;
  for (let i = 0; i < a.size; i++) {
    const v = a.data[i]!;
    if (!isF16(v)) expect.fail(`${what}[${i}] = ${v} is not a binary16 value (nearest: ${roundF16(v)})`);
  }
}
