// jax-js on its wasm device. Node 20 lacks two browser globals it reads: `navigator` (so only
// the wasm device is started, by name) and Float16Array (an empty stand-in class, only ever
// the right side of an instanceof, is defined when missing).
import type * as JAX from '@jax-js/jax';
import { FEATS, L2, LR, N, type Dt, type FloatArray } from './data.ts';

type Jax = typeof JAX;
type Arr = JAX.Array;
let jax: Jax | undefined;

export async function loadJax(): Promise<Jax> {
  if (jax) return jax;
  const g = globalThis as { Float16Array?: unknown };
  g.Float16Array ??= class Float16Array {};
  jax = await import('@jax-js/jax');
  await jax.init('wasm');
  jax.defaultDevice('wasm');
  return jax;
}

const dtypeOf = (j: Jax, dt: Dt) => (dt === 'float64' ? j.numpy.float64 : j.numpy.float32);

export function jaxTrainingStep(j: Jax, dt: Dt, X: FloatArray, Y: FloatArray): () => FloatArray {
  const np = j.numpy;
  const x = np.array(X, { dtype: dtypeOf(j, dt) }).reshape([N, FEATS]);
  const y = np.array(Y, { dtype: dtypeOf(j, dt) });
  let w = np.zeros([FEATS], { dtype: dtypeOf(j, dt) });
  let b = np.zeros([], { dtype: dtypeOf(j, dt) });
  // jax-js arrays are reference counted: every use consumes one reference, `.ref` adds one
  const step = j.jit((x: Arr, y: Arr, w: Arr, b: Arr) => {
    const p = np.reciprocal(np.exp(np.matmul(x.ref, w.ref).add(b.ref).mul(-1)).add(1));
    const pred = p.ref.greater(0.5);
    const xent = y.ref.mul(-1).mul(np.log(p.ref)).sub(y.ref.mul(-1).add(1).mul(np.log(p.ref.mul(-1).add(1))));
    const r = p.sub(y).mul(1 / N);
    const gw = np.matmul(r.ref, x).add(w.ref.mul(2 * L2));
    return [pred, xent, w.sub(gw.mul(LR)), b.sub(r.sum().mul(LR))];
  });
  return () => {
    const [pred, xent, nw, nb] = step(x.ref, y.ref, w, b) as Arr[];
    w = nw!; b = nb!;
    pred!.dataSync();
    return xent!.dataSync() as FloatArray;
  };
}

export function jaxLogistic(j: Jax, dt: Dt, data: FloatArray, rows: number, cols: number): () => FloatArray {
  const np = j.numpy;
  const x = np.array(data, { dtype: dtypeOf(j, dt) }).reshape([rows, cols]);
  const f = j.jit((v: Arr) => np.reciprocal(np.exp(v.mul(-1)).add(1)));
  return () => f(x.ref).dataSync() as FloatArray;
}

export function jaxMatmul(j: Jax, dt: Dt, a: FloatArray, b: FloatArray, n: number): () => FloatArray {
  const np = j.numpy;
  const x = np.array(a, { dtype: dtypeOf(j, dt) }).reshape([n, n]);
  const y = np.array(b, { dtype: dtypeOf(j, dt) }).reshape([n, n]);
  return () => np.matmul(x.ref, y.ref).dataSync() as FloatArray;
}

export function jaxAdd(j: Jax): () => FloatArray {
  const np = j.numpy;
  const add = j.jit((a: Arr, b: Arr) => a.add(b));
  return () => add(np.array(2, { dtype: np.float64 }), np.array(3, { dtype: np.float64 })).dataSync() as FloatArray;
}
