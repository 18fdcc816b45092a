// Where each kernel kind finds its parameters in its uniform block (u32 words). The compiler
// renders reads at these offsets and the runtime writes them there: one definition for both.

/** Strided copy of rank r. */
export const COPY = (r: number) => ({ n: 0, inOff: 1, outOff: 2, shape: 3, inStrides: 3 + r, outStrides: 3 + 2 * r, count: 3 + 3 * r });

/**
 * Reduction with kr kept and rr reduced axes: `chunks` workgroups share one output's
 * reduction, each over `chunkLen` consecutive reduced positions (two-pass reductions).
 */
export const REDUCE = (kr: number, rr: number) => ({
  n: 0, m: 1, chunks: 2, chunkLen: 3,
  keptSizes: 4, keptStrides: 4 + kr, redSizes: 4 + 2 * kr, redStrides: 4 + 2 * kr + rr,
  count: 4 + 2 * kr + 2 * rr,
});

/** argmax/argmin along one axis: element k of lane (o, j) is at (o * m + k) * inner + j. */
export const ARGREDUCE = { n: 0, m: 1, inner: 2, count: 3 };

/**
 * C[b][i][j] = sum_k A[b*aB + i*aM + k*aK] * B[b*bB + k*bK + j*bN], C at b*cB + i*cM + j*cN;
 * `total` = batch * M * N for the one-invocation-per-element variant.
 */
export const MATMUL = { M: 0, N: 1, K: 2, aM: 3, aK: 4, bK: 5, bN: 6, cM: 7, cN: 8, aB: 9, bB: 10, cB: 11, total: 12, count: 13 };

/**
 * x[index] with `nb` basic output axes and `na` axes in the advanced block, `arrays` index
 * arrays: per array, the size and stride of the axis it indexes and its strides over the block.
 */
export const GATHER = (nb: number, na: number, arrays: number) => {
  const arr = 3 + 2 * nb + na;
  return {
    /** `tag` identifies the step in the status words when an index is out of bounds. */
    n: 0, base: 1, tag: 2, sizes: 3, strides: 3 + nb, advShape: 3 + 2 * nb, arrays: arr, perArray: 2 + na,
    count: arr + arrays * (2 + na),
  };
};

/**
 * x[index] = / += y: one invocation per basic position walks the advanced block in order, so
 * repeated indices apply in sequence. `yStrides` read y broadcast over the region (rank nb + na).
 */
export const SCATTER = (nb: number, na: number, arrays: number) => {
  const g = GATHER(nb, na, arrays);
  return { ...g, advSize: g.count, yStrides: g.count + 1, count: g.count + 1 + nb + na };
};

/**
 * Sorting `lanes` lanes of n elements, element k of lane (o, j) at (o * n + k) * inner + j;
 * pow2 >= n; `size` and `stride` pick one stage of a network in global memory.
 */
export const SORT = { lanes: 0, n: 1, inner: 2, pow2: 3, size: 4, stride: 5, count: 6 };

/** arange: start and step as f32 bits and as i32 (integer dtypes with integral arguments). */
export const ARANGE = { n: 0, startF: 1, stepF: 2, startI: 3, stepI: 4, count: 5 };

export const EYE = { n: 0, cols: 1, k: 2, count: 3 };

/** Random draws: key, counter, parameters as f32 bits (or i32 for integers/binomial), words per element. */
export const RANDOM = { n: 0, k0: 1, k1: 2, c0: 3, c1: 4, a: 5, b: 6, lanes: 7, range: 8, count: 9 };

/** Status words a checked kernel may set: [tag of the step, offending index, axis, axis size]. */
export const STATUS_WORDS = 4;
