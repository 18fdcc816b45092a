// TensorFlow.js (tfjs-core) on its cpu backend (plain JS) and its wasm backend (XNNPACK, SIMD,
// loaded from node_modules: nothing is fetched). It has no float64: float64 tasks are n/a.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as TF from '@tensorflow/tfjs-core';
import { FEATS, L2, LR, N, type FloatArray } from './data.ts';

type Tf = typeof TF;
const f32 = (a: FloatArray) => (a instanceof Float32Array ? a : Float32Array.from(a));
let tfjs: Tf | undefined;

/** tfjs with the given backend active; both backends register on first use. */
export async function tfWith(backend: 'cpu' | 'wasm'): Promise<Tf> {
  if (!tfjs) {
    tfjs = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    wasm.setWasmPaths(`${dirname(wasmFile)}/`);
  }
  if (!(await tfjs.setBackend(backend))) throw new Error(`tfjs: backend ${backend} did not start`);
  await tfjs.ready();
  return tfjs;
}

export function tfTrainingStep(tf: Tf, X: FloatArray, Y: FloatArray): () => FloatArray {
  const x = tf.tensor2d(f32(X), [N, FEATS], 'float32'), y = tf.tensor1d(f32(Y), 'float32');
  let w = tf.zeros([FEATS, 1]), b = tf.scalar(0);
  return () => {
    const [nw, nb, pred, xent] = tf.tidy(() => {
      const p = tf.sigmoid(tf.add(tf.reshape(tf.matMul(x, w), [N]), b));
      const xent = tf.sub(tf.mul(tf.neg(y), tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
      const r = tf.div(tf.sub(p, y), N);
      const gw = tf.add(tf.matMul(x, tf.reshape(r, [N, 1]), true, false), tf.mul(w, 2 * L2));
      return [tf.sub(w, tf.mul(gw, LR)), tf.sub(b, tf.mul(tf.sum(r), LR)), tf.greater(p, 0.5), xent];
    });
    tf.dispose([w, b]);
    w = nw!; b = nb!;
    pred!.dataSync();
    const out = xent!.dataSync() as Float32Array;
    tf.dispose([pred!, xent!]);
    return out;
  };
}

export function tfLogistic(tf: Tf, data: FloatArray, rows: number, cols: number): () => FloatArray {
  const x = tf.tensor2d(f32(data), [rows, cols], 'float32');
  return () => {
    const s = tf.sigmoid(x);
    const out = s.dataSync() as Float32Array;
    s.dispose();
    return out;
  };
}

export function tfMatmul(tf: Tf, a: FloatArray, b: FloatArray, n: number): () => FloatArray {
  const x = tf.tensor2d(f32(a), [n, n], 'float32'), y = tf.tensor2d(f32(b), [n, n], 'float32');
  return () => {
    const c = tf.matMul(x, y);
    const out = c.dataSync() as Float32Array;
    c.dispose();
    return out;
  };
}

export function tfAdd(tf: Tf): () => Float32Array {
  return () => {
    const a = tf.scalar(2), b = tf.scalar(3), c = tf.add(a, b);
    const out = c.dataSync() as Float32Array;
    tf.dispose([a, b, c]);
    return out;
  };
}
