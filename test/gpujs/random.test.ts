// Random streams on GPU.js: draws are made on the host by the CPU runtime's Philox (GPU.js
// kernels have no exact 32-bit integer products), so uniform draws are bit-identical to the CPU
// backend's, and to WebGPU's where Dawn is available; the state advances the same way.
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu } from '../webgpu/gpu.ts';

type Fn = (...a: unknown[]) => unknown;
const compile = (backend: string, build: () => unknown): Fn =>
  (T.fn as unknown as (i: unknown[], o: unknown, opts: object) => Fn)([], build(), { backend });

/** Three calls of a function drawing uniform(-1, 2) of shape (4, 33) from seed 2024, default updates on. */
async function draws(backend: string): Promise<Float32Array[]> {
  const f = compile(backend, () => new T.RandomStreams(2024).uniform([4, 33], -1, 2, { dtype: 'float32' }));
  const out: Float32Array[] = [];
  for (let k = 0; k < 3; k++) out.push(((await f()) as NDArray).data as Float32Array);
  return out;
}

describe('random numbers on GPU.js', () => {
  it('uniform draws are bit-identical to the CPU backend, call after call', async () => {
    const cpu = await draws('cpu'), gj = await draws('gpujs');
    gj.forEach((d, k) => expect(Array.from(d)).toEqual(Array.from(cpu[k]!)));
    expect(Array.from(gj[1]!)).not.toEqual(Array.from(gj[0]!));
  });

  it('reseeding and copying state work as on the CPU', async () => {
    const srng = new T.RandomStreams(7);
    const u = srng.uniform([5], 0, 1, { dtype: 'float32' });
    const f = compile('gpujs', () => u);
    const first = ((await f()) as NDArray).toArray();
    srng.seed(7);
    expect(((await f()) as NDArray).toArray()).toEqual(first);
    const state = u.rng.getValue().getState();
    const next = ((await f()) as NDArray).toArray();
    u.rng.getValue({ borrow: true }).setState(state);
    expect(((await f()) as NDArray).toArray()).toEqual(next);
  });

  it('dropout trains with the same masks as on the CPU', async () => {
    const run = async (backend: string) => {
      const x = T.fmatrix('x');
      const w = T.shared(T.asarray([[0.5, -1], [2, 0.25], [1, 1]], { dtype: 'float32' }), { name: 'w' });
      const mask = new T.RandomStreams(5).binomial([4, 3], 1, 0.5, { dtype: 'float32' });
      const cost = T.sum(T.sqr(T.dot(T.mul(x, mask), w)));
      const [g] = T.grad(cost, [w]);
      const step = (T.fn as unknown as (...a: unknown[]) => Fn)([x], cost, { updates: [[w, T.sub(w, T.mul(g!, 0.01))]], backend });
      const xs = T.asarray([[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 0, 1]], { dtype: 'float32' });
      for (let k = 0; k < 5; k++) await step(xs);
      return (await w.getValueAsync()).data;
    };
    const cpu = await run('cpu'), gj = await run('gpujs');
    gj.forEach((v, i) => expect(v).toBeCloseTo(cpu[i]!, 4));
  });
});

describe.skipIf(!hasGpu)('random numbers on GPU.js and WebGPU', () => {
  it('uniform draws are bit-identical to WebGPU\'s', async () => {
    const gpu = await draws('webgpu'), gj = await draws('gpujs');
    gj.forEach((d, k) => expect(Array.from(d)).toEqual(Array.from(gpu[k]!)));
  });

  it('integer draws are identical to WebGPU\'s', async () => {
    const ints = async (backend: string) => ((await compile(backend, () => new T.RandomStreams(99).integers([200], -50, 1000, { dtype: 'int32' }))()) as NDArray).toArray();
    expect(await ints('gpujs')).toEqual(await ints('webgpu'));
  });
});
