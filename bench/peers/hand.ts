// The loops a person would write without a library, allocating their results as hypatia does.
import { NDArray } from '../../runtime/ndarray.ts';
import { FEATS, L2, LR, N, arrayOf, type Dt, type FloatArray } from './data.ts';

/** One training step: a pass over the rows for p, prediction, xent and the gradient, then the update. */
export function handTrainingStep(dt: Dt, X: FloatArray, Y: FloatArray): () => FloatArray {
  const Arr = arrayOf(dt);
  const w = new Arr(FEATS), gw = new Float64Array(FEATS);
  let b = 0;
  return () => {
    const pred = new Uint8Array(N), xent = new Arr(N);
    gw.fill(0);
    let gb = 0;
    for (let i = 0; i < N; i++) {
      const row = i * FEATS;
      let z = b;
      for (let j = 0; j < FEATS; j++) z += X[row + j]! * w[j]!;
      const p = 1 / (1 + Math.exp(-z)), y = Y[i]!;
      pred[i] = p > 0.5 ? 1 : 0;
      xent[i] = -y * Math.log(p) - (1 - y) * Math.log(1 - p);
      const r = (p - y) / N;
      for (let j = 0; j < FEATS; j++) gw[j] += r * X[row + j]!;
      gb += r;
    }
    for (let j = 0; j < FEATS; j++) w[j] -= LR * (gw[j]! + 2 * L2 * w[j]!);
    b -= LR * gb;
    return xent;
  };
}

export function handLogistic(dt: Dt, x: FloatArray): () => FloatArray {
  const Arr = arrayOf(dt);
  return () => {
    const out = new Arr(x.length);
    for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
    return out;
  };
}

/** i-k-j order, so the inner loop runs along rows of both b and the result. */
export function handMatmul(dt: Dt, a: FloatArray, b: FloatArray, n: number): () => FloatArray {
  const Arr = arrayOf(dt);
  return () => {
    const c = new Arr(n * n);
    for (let i = 0; i < n; i++) {
      const ci = i * n;
      for (let k = 0; k < n; k++) {
        const aik = a[ci + k]!, bk = k * n;
        for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j]!;
      }
    }
    return c;
  };
}

/** Returns what hypatia returns, a fresh 0-d array, as bench/call-overhead.ts's baseline does. */
export function handAdd(): () => Float64Array {
  return () => new NDArray('float64', [], Float64Array.of(2 + 3)).data;
}
