// Running one case on the CPU backend (the reference) and on GPU.js, and comparing: a message
// saying what differs, or null. No test framework, so the browser page runs it too.
import * as T from '../../compiler/index.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { GpuJsFunction } from '../../runtime/gpujs/function.ts';
import { precompiledFunction } from '../../compiler/backends/gpujs/function.ts';
import { opInputs, scalarGraphs } from '../backends/op-cases.ts';
import type { OpCase, ScalarCase, Tol } from './cases.ts';

export function differs(got: NDArray, want: NDArray, tol: Tol, what: string): string | null {
  if (got.dtype !== want.dtype) return `${what}: dtype ${got.dtype}, expected ${want.dtype}`;
  if (got.shape.join() !== want.shape.join()) return `${what}: shape (${got.shape}), expected (${want.shape})`;
  for (let i = 0; i < want.size; i++) {
    const a = got.data[i]!, b = want.data[i]!;
    if (Number.isNaN(b)) {
      if (!Number.isNaN(a)) return `${what}[${i}]: got ${a}, expected NaN`;
      continue;
    }
    if (!Number.isFinite(b)) {
      if (a !== b) return `${what}[${i}]: got ${a}, expected ${b}`;
      continue;
    }
    const err = Math.abs(a - b);
    if (!(err <= tol.atol + tol.rtol * Math.abs(b))) return `${what}[${i}]: got ${a}, expected ${b} (|error| ${err.toExponential(2)})`;
  }
  return null;
}

const list = (r: unknown): NDArray[] => (Array.isArray(r) ? r : [r]) as NDArray[];
type AnyFn = (...a: unknown[]) => unknown;
const compile = T.fn as unknown as (inputs: unknown[], outputs: unknown, options: Record<string, unknown>) => AnyFn;

/**
 * Also run every case with its kernels translated to GLSL (as the build plugin emits them), and
 * whether that path must run on the runtime's own WebGL2 runner (a page) or falls back to GPU.js.
 */
export const precompiled = { check: false, runner: false, outputs: 0, identical: 0 };

const sameBits = (a: NDArray, b: NDArray) => a.size === b.size && a.data.every((v, i) => Object.is(v, b.data[i]));

/** Compile on both backends, call both with `args`, compare every output. */
export async function agree(inputs: unknown[], outputs: unknown, args: unknown[], tol: Tol, options: Record<string, unknown> = {}): Promise<string | null> {
  const want = list(compile(inputs, outputs, options)(...args));
  const fn = compile(inputs, outputs, { ...options, backend: 'gpujs' }) as GpuJsFunction;
  const got = list(await fn(...args));
  if (got.length !== want.length) return `${got.length} outputs, expected ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    const d = differs(got[i]!, want[i]!, tol, `output ${i}`);
    if (d) return d;
  }
  if (!precompiled.check) return null;
  const pre = precompiledFunction(fn);
  const again = list(await pre(...args));
  if (pre.stats().precompiled !== precompiled.runner) return `precompiled kernels ran ${pre.stats().precompiled ? 'on the GLSL runner' : 'through GPU.js'}`;
  for (let i = 0; i < got.length; i++) {
    // the same numbers as the JIT GPU.js path, within the case's tolerance of the reference
    const d = differs(again[i]!, want[i]!, tol, `precompiled output ${i}`) ?? differs(again[i]!, got[i]!, tol, `precompiled output ${i} against GPU.js`);
    if (d) return d;
    precompiled.outputs++;
    if (sameBits(again[i]!, got[i]!)) precompiled.identical++;
  }
  return null;
}

export async function checkOpCase(c: OpCase): Promise<string | null> {
  const { syms, values } = opInputs(c);
  return agree(syms, c.build(...syms), values, c.tol, { onUnusedInput: 'ignore', ...c.options });
}

/** A scalar op on plain (2, 6) inputs, and with a (1, 6) broadcastable row in front. */
export async function checkScalarCase(name: ScalarOpName, c: ScalarCase): Promise<string | null> {
  const [flat, row] = scalarGraphs(name, c);
  return (await agree(flat!.inputs, flat!.output, flat!.args, c.tol)) ?? (await agree(row!.inputs, row!.output, row!.args, c.tol));
}
