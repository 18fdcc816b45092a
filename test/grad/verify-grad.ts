// Theano's verify_grad: the analytic gradient of a random projection sum(out * R) of an
// expression, against central finite differences in float64.
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import { tensor } from '../../compiler/api/variables.ts';
import { NDArray, asarray } from '../../runtime/ndarray.ts';
import { type DType, isFloat } from '../../runtime/dtype.ts';
import { Random } from '../../samples/lib/random.ts';

/** An input value; `broadcastable` gives its symbolic variable broadcastable axes (size 1). */
export interface InputSpec { value: NDArray | number | readonly unknown[]; dtype?: DType; broadcastable?: readonly boolean[] }
export type Input = InputSpec | NDArray | number | readonly unknown[];

export interface VerifyOptions {
  /** Finite-difference step. */
  eps?: number;
  /** Allowed |analytic - numeric| <= tol * (1 + |numeric|). */
  tol?: number;
  /** Seed of the projection R. */
  seed?: number;
}

export interface Mismatch { input: number; index: number; analytic: number; numeric: number; error: number }
export interface VerifyResult { ok: boolean; worst: Mismatch | null; checked: number }

const specOf = (x: Input): InputSpec => (x instanceof NDArray || typeof x === 'number' || Array.isArray(x) ? { value: x as InputSpec['value'] } : (x as InputSpec));

const valueOf = (s: InputSpec): NDArray => asarray(s.value as never, { dtype: s.dtype ?? 'float64' });

/**
 * Compares T.grad of sum(build(...inputs) * R) with central differences for every float
 * input element, and reports the worst one.
 */
export function checkGrad(build: (...xs: Variable[]) => Variable, inputs: readonly Input[], options: VerifyOptions = {}): VerifyResult {
  const { eps = 1e-6, tol = 1e-6, seed = 42 } = options;
  const specs = inputs.map(specOf);
  const values = specs.map(valueOf);
  const syms = values.map((v, i) => tensor(v.dtype, v.ndim, `in${i}`, { broadcastable: specs[i]!.broadcastable ?? v.shape.map(() => false) }));
  const out = build(...syms);
  if (!isFloat(out.dtype)) throw new Error(`checkGrad: the expression has dtype ${out.dtype}; project a float expression`);

  const outValue = T.fn(syms, out, { onUnusedInput: 'ignore' })(...values) as NDArray;
  const rng = new Random(seed);
  const r = new NDArray('float64', outValue.shape);
  for (let i = 0; i < r.size; i++) r.data[i] = rng.uniform(0.5, 1.5) * (rng.random() < 0.5 ? -1 : 1);
  const cost = T.sum(T.mul(out, T.constant(r)));

  const wrt = syms.filter((s) => isFloat(s.dtype));
  // inputs used only for their shape are disconnected; finite differences see 0 for them too
  const grads = T.grad(cost, wrt, { disconnectedInputs: 'ignore' });
  const costFn = T.fn(syms, cost, { onUnusedInput: 'ignore' });
  const gradFn = T.fn(syms, grads, { onUnusedInput: 'ignore' });
  const analytic = gradFn(...values) as NDArray[];
  const at = (vs: NDArray[]) => (costFn(...vs) as NDArray).data[0]!;

  let worst: Mismatch | null = null;
  let checked = 0;
  for (let k = 0; k < wrt.length; k++) {
    const w = wrt[k]!, i = syms.indexOf(w), g = analytic[k]!, x = values[i]!;
    if (g.dtype !== w.dtype) throw new Error(`checkGrad: the gradient of input ${i} has dtype ${g.dtype}, the input ${w.dtype}`);
    if (g.shape.join() !== x.shape.join()) throw new Error(`checkGrad: the gradient of input ${i} has shape (${g.shape}), the input (${x.shape})`);
    for (let j = 0; j < x.size; j++) {
      const plus = values.slice(), minus = values.slice();
      plus[i] = x.copy(); plus[i].data[j] = x.data[j]! + eps;
      minus[i] = x.copy(); minus[i].data[j] = x.data[j]! - eps;
      const numeric = (at(plus) - at(minus)) / (2 * eps);
      const a = g.data[j]!;
      const raw = Math.abs(a - numeric) / (1 + Math.abs(numeric));
      const error = Number.isNaN(raw) ? Infinity : raw;
      checked++;
      if (worst === null || error > worst.error) worst = { input: i, index: j, analytic: a, numeric, error };
    }
  }
  const ok = worst === null || worst.error <= tol;
  return { ok, worst, checked };
}

/** checkGrad that throws a readable message naming the worst element. */
export function verifyGrad(build: (...xs: Variable[]) => Variable, inputs: readonly Input[], options: VerifyOptions = {}): VerifyResult {
  const res = checkGrad(build, inputs, options);
  if (!res.ok) {
    const w = res.worst!;
    throw new Error(`verifyGrad: input ${w.input} element ${w.index}: analytic ${w.analytic} vs numeric ${w.numeric} (error ${w.error.toExponential(2)} > ${options.tol ?? 1e-6})`);
  }
  return res;
}
