// Buffers are pooled: after the first calls of a function with stable shapes, thousands of
// calls create no buffer (inputs, outputs, updates, scratch space and readbacks all reuse).
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';
import { rand } from './cases.ts';

describe.skipIf(!hasGpu)('WebGPU memory', () => {
  it('keeps the buffer count constant over 2 000 calls', async () => {
    const x = T.fmatrix('x');
    const idx = T.ivector('idx');
    const w = T.shared(rand([6, 3]), { name: 'w' });
    const step = T.shared(T.asarray(0, { dtype: 'int32' }), { name: 'step' });
    const h = T.tanh(T.dot(x, w));
    const picked = T.subtensor(h, [idx]);
    const cost = T.mean(T.sqr(picked));
    const [gw] = T.grad(cost, [w]);
    const f = gpuFn([x, idx], [cost, T.argmax(h, { axis: 1 }), T.sort(T.flatten(h))], {
      updates: [[w, T.sub(w, T.mul(gw, 0.1))], [step, T.add(step, 1)]],
    });
    const xv = rand([5, 6]);
    const iv = T.asarray([0, 4, 4, 1], { dtype: 'int32' });
    for (let i = 0; i < 5; i++) await f(xv, iv);
    const warm = f.stats().buffers;
    let last = Infinity;
    for (let i = 0; i < 2000; i++) {
      const [c] = (await f(xv, iv)) as NDArray[];
      last = c!.data[0]!;
    }
    const after = f.stats().buffers;
    expect(after.created).toBe(warm.created);
    expect(after.live).toBe(warm.live);
    expect(Number.isFinite(last)).toBe(true);
    expect(await step.getValueAsync().then((v) => v.toArray())).toBe(2005);
  });
});
