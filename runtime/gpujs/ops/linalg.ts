// Products as one batched strided matmul: numpy.dot for every pairing of ndims, batched_dot,
// and tensordot (after moving the summed axes into place). The output is walked as three axes
// in memory order; each operand gives its stride along each (0 where it does not vary).
import type { Dev } from '../device.ts';
import { tensordotShape } from '../../device/shapes.ts';
import { type Of, type Runner, type StepContext, prod, shapeStr, stridedCopy, strides } from './runner.ts';

/** Output axes sizes and per-operand strides, in the kernel's parameter order. */
interface Walk { S: [number, number, number]; A: [number, number, number]; B: [number, number, number]; aK: number; bK: number; K: number; out: number[] }

/** numpy.dot: output (a's free axes, b's batch axes, b's last) = (rows, batch, cols). */
function dotWalk(a: readonly number[], b: readonly number[], op: string, shownA: readonly number[], shownB: readonly number[], dimBase: number): Walk {
  if (a.length === 0) return { S: [1, 1, prod(b)], A: [0, 0, 0], B: [0, 0, 1], aK: 0, bK: 0, K: 1, out: b.slice() };
  if (b.length === 0) return { S: [prod(a), 1, 1], A: [1, 0, 0], B: [0, 0, 0], aK: 0, bK: 0, K: 1, out: a.slice() };
  const aAxis = a.length - 1, bAxis = b.length >= 2 ? b.length - 2 : 0;
  const K = a[aAxis]!;
  if (K !== b[bAxis]) {
    throw new RangeError(`${op}: shapes ${shapeStr(shownA)} and ${shapeStr(shownB)} not aligned: ${K} (dim ${aAxis + dimBase}) != ${b[bAxis]} (dim ${bAxis + dimBase})`);
  }
  const M = prod(a, 0, aAxis);
  if (b.length === 1) return { S: [M, 1, 1], A: [K, 0, 0], B: [0, 0, 0], aK: 1, bK: 1, K, out: a.slice(0, -1) };
  const N = b[b.length - 1]!, Bc = prod(b, 0, b.length - 2);
  return { S: [M, Bc, N], A: [K, 0, 0], B: [0, K * N, 1], aK: 1, bK: N, K, out: [...a.slice(0, -1), ...b.slice(0, -2), N] };
}

function launch(c: StepContext, kernel: number, w: Walk, a: Dev, b: Dev): Dev {
  return c.launch(kernel, prod(w.S), [a, b], [w.S[1], w.S[2], ...w.A, ...w.B, w.aK, w.bK, w.K]);
}

export const matmul: Runner<Of<'matmul'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const a = c.shape(s.a), b = c.shape(s.b);
    let w: Walk;
    if (s.form === 'dot') w = dotWalk(a, b, 'dot', a, b, 0);
    else {
      if (a.length < 1 || b.length < 1) throw new RangeError(`batchedDot: both inputs need a leading batch axis, got shapes ${shapeStr(a)} and ${shapeStr(b)}`);
      if (a[0] !== b[0]) throw new RangeError(`batchedDot: batch sizes differ: shapes ${shapeStr(a)} and ${shapeStr(b)} (${a[0]} != ${b[0]})`);
      const one = dotWalk(a.slice(1), b.slice(1), 'batchedDot', a, b, 1);
      // one batch entry is (rows, 1, cols): the batch takes the outer axis instead
      w = {
        S: [a[0]!, one.S[0], one.S[2]], A: [prod(a, 1), one.A[0], one.A[2]], B: [prod(b, 1), one.B[0], one.B[2]],
        aK: one.aK, bK: one.bK, K: one.K, out: [a[0]!, ...one.out],
      };
    }
    c.setDev(s.out, w.out, launch(c, s.kernel, w, c.value(s.a), c.value(s.b)));
  },
};

export const tensordot: Runner<Of<'tensordot'>> = {
  hostNeeds: () => [],
  run(s, c) {
    const a = c.shape(s.a), b = c.shape(s.b);
    const { freeA, freeB, M, K, N, out } = tensordotShape(a, b, s.axesA, s.axesB);
    const moved = (kernel: number | null, slot: number, shape: readonly number[], perm: number[]): Dev => {
      const v = c.value(slot);
      if (kernel === null) return v;
      const st = strides(shape);
      return stridedCopy(c, kernel, v, perm.map((d) => shape[d]!), 0, perm.map((d) => st[d]!));
    };
    const A = moved(s.permuteA, s.a, a, [...freeA, ...s.axesA]);
    const B = moved(s.permuteB, s.b, b, [...s.axesB, ...freeB]);
    c.setDev(s.out, out, launch(c, s.kernel, { S: [M, 1, N], A: [K, 0, 0], B: [0, 0, 1], aK: 1, bK: N, K, out }, A, B));
  },
};
