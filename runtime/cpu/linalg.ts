// Products: numpy.dot, tensordot, Theano's batched_dot, and outer.
import { castScalar, type DType, type TypedArray } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';
import { transpose } from './shape.ts';
import { normalizeAxis, product, shapeStr } from './util.ts';

/**
 * acc[accOff + i*accRow + j] += sum_k A[aOff + i*K + k] * B[bOff + k*N + j].
 * i-k-j order walks B and acc row by row, which is what keeps it cache-friendly.
 */
function matmulAcc(
  A: TypedArray, aOff: number, B: TypedArray, bOff: number, M: number, K: number, N: number,
  acc: Float64Array, accOff: number, accRow: number,
): void {
  if (N === 1) {
    for (let i = 0; i < M; i++) {
      const ai = aOff + i * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[ai + k]! * B[bOff + k]!;
      acc[accOff + i * accRow] += s;
    }
    return;
  }
  for (let i = 0; i < M; i++) {
    const ai = aOff + i * K, ci = accOff + i * accRow;
    for (let k = 0; k < K; k++) {
      const aik = A[ai + k]!;
      const bk = bOff + k * N;
      for (let j = 0; j < N; j++) acc[ci + j] += aik * B[bk + j]!;
    }
  }
}

/** How numpy.dot combines operands of these shapes. */
interface DotPlan {
  outShape: number[];
  /** 0-d operand: elementwise scaling of the other one. */
  scale: 'a' | 'b' | null;
  M: number; K: number; N: number;
  /** number of (K, N) matrices stacked in b */
  B: number;
}

/** `dimBase` shifts the dims named in errors when the shapes are per-batch slices. */
function planDot(a: readonly number[], b: readonly number[], op: string, shownA: readonly number[], shownB: readonly number[], dimBase: number): DotPlan {
  if (a.length === 0) return { outShape: b.slice(), scale: 'a', M: 0, K: 0, N: 0, B: 0 };
  if (b.length === 0) return { outShape: a.slice(), scale: 'b', M: 0, K: 0, N: 0, B: 0 };
  const aAxis = a.length - 1, bAxis = b.length >= 2 ? b.length - 2 : 0;
  const K = a[aAxis]!;
  if (K !== b[bAxis]) {
    throw new RangeError(`${op}: shapes ${shapeStr(shownA)} and ${shapeStr(shownB)} not aligned: ${K} (dim ${aAxis + dimBase}) != ${b[bAxis]} (dim ${bAxis + dimBase})`);
  }
  const matB = b.length >= 2;
  return {
    outShape: [...a.slice(0, -1), ...(matB ? [...b.slice(0, -2), b[b.length - 1]!] : [])],
    scale: null,
    M: product(a, 0, aAxis),
    K,
    N: matB ? b[b.length - 1]! : 1,
    B: matB ? product(b, 0, b.length - 2) : 1,
  };
}

/** Add dot(a, b) for the operands at aOff / bOff into acc from accOff. */
function dotAcc(plan: DotPlan, A: TypedArray, aOff: number, aSize: number, B: TypedArray, bOff: number, bSize: number, acc: Float64Array, accOff: number): void {
  if (plan.scale !== null) {
    const s = plan.scale === 'a' ? A[aOff]! : B[bOff]!;
    const other = plan.scale === 'a' ? B : A;
    const off = plan.scale === 'a' ? bOff : aOff;
    const n = plan.scale === 'a' ? bSize : aSize;
    for (let i = 0; i < n; i++) acc[accOff + i] += s * other[off + i]!;
    return;
  }
  const { M, K, N } = plan;
  const rowStride = plan.B * N;
  for (let bb = 0; bb < plan.B; bb++) matmulAcc(A, aOff, B, bOff + bb * K * N, M, K, N, acc, accOff + bb * N, rowStride);
}

function castOut(acc: Float64Array, shape: readonly number[], dtype: DType): NDArray {
  const out = new NDArray(dtype, shape);
  const od = out.data;
  for (let i = 0; i < acc.length; i++) od[i] = castScalar(acc[i]!, dtype);
  return out;
}

/** numpy.dot for any ndims: sums over the last axis of a and the second-to-last of b. */
export function dot(a: NDArray, b: NDArray, outDtype: DType): NDArray {
  const plan = planDot(a.shape, b.shape, 'dot', a.shape, b.shape, 0);
  const acc = new Float64Array(product(plan.outShape));
  dotAcc(plan, a.data, 0, a.size, b.data, 0, b.size, acc, 0);
  return castOut(acc, plan.outShape, outDtype);
}

/** numpy.tensordot with explicit axis lists. */
export function tensordot(a: NDArray, b: NDArray, axesA: number[], axesB: number[], outDtype: DType): NDArray {
  if (axesA.length !== axesB.length) {
    throw new RangeError(`tensordot: ${axesA.length} axes given for a but ${axesB.length} for b`);
  }
  const sa = axesA.map((x) => normalizeAxis(x, a.ndim, 'tensordot'));
  const sb = axesB.map((x) => normalizeAxis(x, b.ndim, 'tensordot'));
  if (new Set(sa).size !== sa.length || new Set(sb).size !== sb.length) {
    throw new RangeError(`tensordot: repeated axis in [${axesA.join(', ')}] / [${axesB.join(', ')}]`);
  }
  for (let i = 0; i < sa.length; i++) {
    if (a.shape[sa[i]!] !== b.shape[sb[i]!]) {
      throw new RangeError(`tensordot: shape-mismatch for sum: a ${shapeStr(a.shape)} axis ${sa[i]} has size ${a.shape[sa[i]!]} but b ${shapeStr(b.shape)} axis ${sb[i]} has size ${b.shape[sb[i]!]}`);
    }
  }
  const freeA = a.shape.map((_, d) => d).filter((d) => !sa.includes(d));
  const freeB = b.shape.map((_, d) => d).filter((d) => !sb.includes(d));
  // move summed axes last in a and first in b, so the product is one (M,K)x(K,N) matmul
  const at = inOrder(a, [...freeA, ...sa]);
  const bt = inOrder(b, [...sb, ...freeB]);
  const M = product(freeA.map((d) => a.shape[d]!));
  const K = product(sa.map((d) => a.shape[d]!));
  const N = product(freeB.map((d) => b.shape[d]!));
  const acc = new Float64Array(M * N);
  matmulAcc(at.data, 0, bt.data, 0, M, K, N, acc, 0, N);
  return castOut(acc, [...freeA.map((d) => a.shape[d]!), ...freeB.map((d) => b.shape[d]!)], outDtype);
}

function inOrder(x: NDArray, perm: readonly number[]): NDArray {
  return perm.every((p, i) => p === i) ? x : transpose(x, perm);
}

/**
 * Theano's batched_dot: dot of a[i] and b[i] for every i of the leading (batch) axis, e.g.
 * (B,n,m)x(B,m,p) -> (B,n,p), (B,n)x(B,n) -> (B,), (B,n,m)x(B,m) -> (B,n).
 */
export function batchedDot(a: NDArray, b: NDArray, outDtype: DType): NDArray {
  if (a.ndim < 1 || b.ndim < 1) {
    throw new RangeError(`batchedDot: both inputs need a leading batch axis, got shapes ${shapeStr(a.shape)} and ${shapeStr(b.shape)}`);
  }
  const batch = a.shape[0]!;
  if (b.shape[0] !== batch) {
    throw new RangeError(`batchedDot: batch sizes differ: shapes ${shapeStr(a.shape)} and ${shapeStr(b.shape)} (${batch} != ${b.shape[0]})`);
  }
  const plan = planDot(a.shape.slice(1), b.shape.slice(1), 'batchedDot', a.shape, b.shape, 1);
  const aStep = product(a.shape, 1), bStep = product(b.shape, 1), outStep = product(plan.outShape);
  const acc = new Float64Array(batch * outStep);
  for (let i = 0; i < batch; i++) dotAcc(plan, a.data, i * aStep, aStep, b.data, i * bStep, bStep, acc, i * outStep);
  return castOut(acc, [batch, ...plan.outShape], outDtype);
}

/** numpy.outer: inputs are flattened; result (a.size, b.size). */
export function outer(a: NDArray, b: NDArray, outDtype: DType): NDArray {
  const M = a.size, N = b.size;
  const out = new NDArray(outDtype, [M, N]);
  const od = out.data, ad = a.data, bd = b.data;
  for (let i = 0; i < M; i++) {
    const ai = ad[i]!;
    for (let j = 0; j < N; j++) od[i * N + j] = castScalar(ai * bd[j]!, outDtype);
  }
  return out;
}
