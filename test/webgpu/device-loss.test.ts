// A lost device is reported as such by every call after it (this file destroys the device of
// its own worker process, so it runs alone).
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { getDevice } from '../../runtime/webgpu/device.ts';
import { hasGpu } from './gpu.ts';
import { gpuFn } from './compile.ts';

describe.skipIf(!hasGpu)('WebGPU device loss', () => {
  it('fails later calls and device reads with a clear error', async () => {
    const w = T.shared(T.asarray([1, 2], { dtype: 'float32' }), { name: 'w' });
    const f = gpuFn([], w, { updates: [[w, T.add(w, 1)]] });
    await f();
    (await getDevice()).destroy();
    await new Promise((ok) => setTimeout(ok, 50));
    await expect(f()).rejects.toThrow(/webgpu: the WebGPU device was lost \(destroyed\)/);
    await expect(w.getValueAsync()).rejects.toThrow(/device was lost/);
  });
});

describe.skipIf(!hasGpu)('after a device loss', () => {
  it('a function compiled later runs on a new device', async () => {
    const x = T.fvector('x');
    const g = gpuFn([x], T.mul(x, 3));
    expect(((await g([1, 2])) as T.NDArray).toArray()).toEqual([3, 6]);
  });
});
