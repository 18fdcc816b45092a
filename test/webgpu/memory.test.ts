// Buffers are pooled: after the first calls of a function with stable shapes, thousands of
// calls create no buffer (inputs, outputs, updates, scratch space and readbacks all reuse).
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import { hasGpu, onLavapipe } from './gpu.ts';
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

  it('keeps it constant for float16 too, with odd-length rows that need half-word copies where packed', async () => {
    const seq = T.tensor('float16', 2, 'seq');
    const acc = T.shared(T.asarray([0.5, -0.25, 1], { dtype: 'float16' }), { name: 'acc' });
    const [hs] = T.scan({ fn: (r: T.Variable, a: T.Variable) => T.tanh(T.add(a, T.mul(r, 0.5))), sequences: seq, outputsInfo: acc });
    const states = hs as T.Variable;
    const last = T.subtensor(states, -1);
    const f = gpuFn([seq], [states, T.concatenate([last, T.subtensor(seq, [T.slice(1, 2)]).flatten()])], { updates: [[acc, last]] });
    const sv = T.asarray([[0.1, 0.2, 0.3], [1, -1, 2], [0.5, 0.25, -4], [3, 3, 3], [-1, 0, 1]], { dtype: 'float16' });
    for (let i = 0; i < 5; i++) await f(sv);
    const warm = f.stats().buffers;
    for (let i = 0; i < 2000; i++) await f(sv);
    const after = f.stats().buffers;
    expect(after.created).toBe(warm.created);
    expect(after.live).toBe(warm.live);
    const out = (await f(sv)) as NDArray[];
    expect(out[0]!.dtype).toBe('float16');
    expect(out[0]!.shape).toEqual([5, 3]);
    expect(out[1]!.shape).toEqual([6]);
    // packed (lavapipe), the odd rows really went through the half-word copy kernel
    expect(f.stats().float16).toBe(onLavapipe ? 'packed' : 'f32');
    if (onLavapipe) expect(f.stats().halfCopies).toBeGreaterThan(0);
  });
});
