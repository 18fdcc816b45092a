// Function semantics that depend on how textures are owned in webgl2 (in cpu mode values are
// plain arrays): updates swapping two shared values, state handed between functions that share
// kernels, and host reads of state kept on the GPU. Each check returns what went wrong, or null.
// They run on GPU.js, then with precompiled kernels on the runtime's own WebGL2 runner, whose
// textures are its own; one more check hands state between the two.
import * as T from '../../../compiler/index.ts';
import type { NDArray } from '../../../runtime/ndarray.ts';
import type { GpuJsFunction } from '../../../runtime/gpujs/function.ts';
import { precompiledFunction } from '../../../compiler/backends/gpujs/function.ts';

type Fn = (...a: unknown[]) => Promise<unknown>;
let precompile = false;
const jit = (inputs: unknown[], outputs: unknown, options: Record<string, unknown>) =>
  (T.fn as unknown as (...a: unknown[]) => Fn)(inputs, outputs, { ...options, backend: 'gpujs' });
const gj = (inputs: unknown[], outputs: unknown, options: Record<string, unknown>): Fn => {
  const f = jit(inputs, outputs, options);
  return precompile ? precompiledFunction(f as unknown as GpuJsFunction) as unknown as Fn : f;
};
const f32 = (v: number[]) => T.asarray(v, { dtype: 'float32' });
const same = (got: unknown, want: unknown, what: string) => (JSON.stringify(got) === JSON.stringify(want) ? null : `${what}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);

async function swap(): Promise<string | null> {
  const a = T.shared(f32([1, 2]), { name: 'a' }), b = T.shared(f32([10, 20]), { name: 'b' });
  const f = gj([], T.add(a, b), { updates: [[a, b], [b, T.mul(a, 1)]] });
  const g = gj([], [], { updates: [[a, b], [b, a]] });
  for (let i = 0; i < 3; i++) { await f(); await g(); }
  const sum = ((await f()) as NDArray).toArray();
  return same([sum, a.getValue().toArray(), b.getValue().toArray()], [[11, 22], [10, 20], [1, 2]], 'after seven swaps');
}

async function sharedKernels(): Promise<string | null> {
  const make = (v: number) => {
    const w = T.shared(f32([v, v]), { name: 'w' });
    const x = T.fvector('x');
    return { w, f: gj([x], T.sum(T.mul(w, x)), { updates: [[w, T.add(T.mul(w, 2), x)]] }) };
  };
  const p = make(1), q = make(100);
  const sums: number[] = [];
  for (let i = 0; i < 3; i++) {
    sums.push(((await p.f([1, 1])) as NDArray).data[0]!, ((await q.f([1, 1])) as NDArray).data[0]!);
  }
  return same([sums, p.w.getValue().toArray(), q.w.getValue().toArray()], [[2, 200, 6, 402, 14, 806], [15, 15], [807, 807]], 'two functions sharing kernels');
}

async function handOver(): Promise<string | null> {
  const w = T.shared(f32([1, 2, 3]), { name: 'w' });
  const f = gj([], [], { updates: [[w, T.mul(w, 2)]] });
  const cpu = T.fn([], [], { updates: [[w, T.add(w, 1)]] });
  await f();
  cpu();
  await f();
  w.setValue(f32([5, 5, 5]));
  await f();
  return same(w.getValue().toArray(), [10, 10, 10], 'state handed between GPU.js, the CPU and setValue');
}

async function acrossRunners(): Promise<string | null> {
  const w = T.shared(f32([1, 2, 3]), { name: 'w' });
  const f = jit([], [], { updates: [[w, T.mul(w, 2)]] });
  const g = precompiledFunction(jit([], [], { updates: [[w, T.add(w, 1)]] }) as unknown as GpuJsFunction);
  for (let i = 0; i < 3; i++) { await f(); await g(); }
  return same(w.getValue().toArray(), [15, 23, 31], 'state handed between GPU.js and the precompiled runner');
}

export async function semantics(precompiled: boolean): Promise<string[]> {
  precompile = precompiled;
  const out: string[] = [];
  for (const check of precompiled ? [swap, sharedKernels, handOver, acrossRunners] : [swap, sharedKernels, handOver]) {
    try {
      const d = await check();
      if (d) out.push(`${check.name}: ${d}`);
    } catch (e) {
      out.push(`${check.name}: threw ${(e as Error).message}`);
    }
  }
  return out;
}
