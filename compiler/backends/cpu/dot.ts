// numpy.dot specialized to its operands' ranks and float dtypes. Products are summed in float64
// like the runtime kernel, but several rows at a time, so the loop is bound by loads rather
// than by the latency of one running sum, and each load of the shared operand serves several rows.
import type { Apply } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';

const isFloat = (d: string) => d === 'float16' || d === 'float32' || d === 'float64';

/** The store of a float64 sum into the output dtype. */
const out = (dtype: string, e: string) => (dtype === 'float32' ? `Math.fround(${e})` : dtype === 'float16' ? `R16(${e})` : e);

/** Matrix times vector: four rows at a time share each load of b and keep four sums going. */
function mv(f: string, dtype: string): string {
  return `function ${f}(p, a, b) {
  const m = a.shape[0], n = a.shape[1];
  if (b.shape[0] !== n) return K.dot(a, b, ${JSON.stringify(dtype)});
  const o = p !== null && p.shape[0] === m ? p : new NDArray(${JSON.stringify(dtype)}, [m]);
  const O = o.data, A = a.data, B = b.data;
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let k = 0; k < n; k++) {
      const bk = B[k];
      s0 += A[r0 + k] * bk;
      s1 += A[r1 + k] * bk;
      s2 += A[r2 + k] * bk;
      s3 += A[r3 + k] * bk;
    }
    O[i] = ${out(dtype, 's0')};
    O[i + 1] = ${out(dtype, 's1')};
    O[i + 2] = ${out(dtype, 's2')};
    O[i + 3] = ${out(dtype, 's3')};
  }
  for (; i < m; i++) {
    const r = i * n;
    let s = 0;
    for (let k = 0; k < n; k++) s += A[r + k] * B[k];
    O[i] = ${out(dtype, 's')};
  }
  return o;
}`;
}

/** Vector times matrix: each pass adds eight rows of b, so the accumulator row is read once per eight. */
function vm(f: string, dtype: string): string {
  const direct = dtype === 'float64';
  return `function ${f}(p, a, b) {
  const m = b.shape[0], n = b.shape[1];
  if (a.shape[0] !== m) return K.dot(a, b, ${JSON.stringify(dtype)});
  const o = p !== null && p.shape[0] === n ? p : new NDArray(${JSON.stringify(dtype)}, [n]);
  const A = a.data, B = b.data, S = ${direct ? 'o.data' : 'new Float64Array(n)'};
  ${direct ? 'S.fill(0);' : ''}
  let i = 0;
  for (; i + 7 < m; i += 8) {
    const a0 = A[i], a1 = A[i + 1], a2 = A[i + 2], a3 = A[i + 3], a4 = A[i + 4], a5 = A[i + 5], a6 = A[i + 6], a7 = A[i + 7];
    const r0 = i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n, r4 = r3 + n, r5 = r4 + n, r6 = r5 + n, r7 = r6 + n;
    for (let j = 0; j < n; j++) {
      S[j] += (a0 * B[r0 + j] + a1 * B[r1 + j] + a2 * B[r2 + j] + a3 * B[r3 + j]) + (a4 * B[r4 + j] + a5 * B[r5 + j] + a6 * B[r6 + j] + a7 * B[r7 + j]);
    }
  }
  for (; i < m; i++) {
    const ai = A[i], r = i * n;
    for (let j = 0; j < n; j++) S[j] += ai * B[r + j];
  }
  ${direct ? '' : `for (let j = 0, O = o.data; j < n; j++) O[j] = ${out(dtype, 'S[j]')};`}
  return o;
}`;
}

/** Matrix times matrix: row i of the result gains four rows of b per pass (i-k-j order). */
function mm(f: string, dtype: string): string {
  const direct = dtype === 'float64';
  return `function ${f}(p, a, b) {
  const m = a.shape[0], q = a.shape[1], n = b.shape[1];
  if (b.shape[0] !== q) return K.dot(a, b, ${JSON.stringify(dtype)});
  const o = p !== null && p.shape[0] === m && p.shape[1] === n ? p : new NDArray(${JSON.stringify(dtype)}, [m, n]);
  const A = a.data, B = b.data, S = ${direct ? 'o.data' : 'new Float64Array(m * n)'};
  ${direct ? 'S.fill(0);' : ''}
  for (let i = 0; i < m; i++) {
    const c = i * n, ai = i * q;
    let k = 0;
    for (; k + 3 < q; k += 4) {
      const a0 = A[ai + k], a1 = A[ai + k + 1], a2 = A[ai + k + 2], a3 = A[ai + k + 3];
      const r0 = k * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n;
      for (let j = 0; j < n; j++) S[c + j] += a0 * B[r0 + j] + a1 * B[r1 + j] + a2 * B[r2 + j] + a3 * B[r3 + j];
    }
    for (; k < q; k++) {
      const ak = A[ai + k], r = k * n;
      for (let j = 0; j < n; j++) S[c + j] += ak * B[r + j];
    }
  }
  ${direct ? '' : `for (let j = 0, O = o.data; j < O.length; j++) O[j] = ${out(dtype, 'S[j]')};`}
  return o;
}`;
}

/** Vector times vector: four partial sums. */
function vv(f: string, dtype: string): string {
  return `function ${f}(p, a, b) {
  const n = a.shape[0];
  if (b.shape[0] !== n) return K.dot(a, b, ${JSON.stringify(dtype)});
  const o = p !== null ? p : new NDArray(${JSON.stringify(dtype)}, []);
  const A = a.data, B = b.data, n4 = n - (n & 3);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, k = 0;
  for (; k < n4; k += 4) {
    s0 += A[k] * B[k];
    s1 += A[k + 1] * B[k + 1];
    s2 += A[k + 2] * B[k + 2];
    s3 += A[k + 3] * B[k + 3];
  }
  for (; k < n; k++) s0 += A[k] * B[k];
  o.data[0] = ${out(dtype, '(s0 + s1) + (s2 + s3)')};
  return o;
}`;
}

const BY_RANK: Record<string, (f: string, dtype: string) => string> = { '2,1': mv, '1,2': vm, '2,2': mm, '1,1': vv };

/**
 * A function `fname(prev, a, b)` computing this dot node into `prev` when it has the right
 * shape, or null when the runtime kernel should run (other ranks, integer operands).
 */
export function renderDot(node: Apply, fname: string): string | null {
  const [a, b] = node.inputs;
  const dtype = (node.op.params as OpParams['dot']).dtype;
  if (!a || !b || !isFloat(a.dtype) || !isFloat(b.dtype) || !isFloat(dtype)) return null;
  const render = BY_RANK[`${a.ndim},${b.ndim}`];
  return render ? render(fname, dtype) : null;
}
