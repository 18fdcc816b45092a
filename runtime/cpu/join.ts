// Joining arrays: concatenate along an existing axis, stack along a new one.
import type { DType } from '../dtype.ts';
import { NDArray } from '../ndarray.ts';
import { copyRun, normalizeAxis, product, shapeStr } from './util.ts';

/** numpy.concatenate: shapes must agree except along `axis`. */
export function concatenate(xs: readonly NDArray[], axis: number, outDtype: DType): NDArray {
  if (xs.length === 0) throw new RangeError('concatenate: need at least one array to concatenate');
  const first = xs[0]!;
  const nd = first.ndim;
  if (nd === 0) throw new RangeError('concatenate: zero-dimensional arrays cannot be concatenated');
  const ax = normalizeAxis(axis, nd, 'concatenate');
  let total = 0;
  xs.forEach((x, i) => {
    if (x.ndim !== nd) {
      throw new RangeError(`concatenate: input ${i} has shape ${shapeStr(x.shape)} with ${x.ndim} dimension(s), but input 0 has shape ${shapeStr(first.shape)} with ${nd}`);
    }
    for (let d = 0; d < nd; d++) {
      if (d !== ax && x.shape[d] !== first.shape[d]) {
        throw new RangeError(`concatenate: input ${i} has shape ${shapeStr(x.shape)} but input 0 has shape ${shapeStr(first.shape)}: sizes differ on axis ${d} (${x.shape[d]} != ${first.shape[d]}); only axis ${ax} may differ`);
      }
    }
    total += x.shape[ax]!;
  });
  const outShape = first.shape.slice();
  outShape[ax] = total;
  const out = new NDArray(outDtype, outShape);
  const outer = product(first.shape, 0, ax), inner = product(first.shape, ax + 1);
  // each outer index takes one contiguous chunk from every input in turn
  let pos = 0;
  for (let o = 0; o < outer; o++) {
    for (const x of xs) {
      const chunk = x.shape[ax]! * inner;
      copyRun(x.data, o * chunk, out.data, pos, chunk, x.dtype, outDtype);
      pos += chunk;
    }
  }
  return out;
}

/** numpy.stack: equal shapes, joined along a new axis at `axis`. */
export function stack(xs: readonly NDArray[], axis: number, outDtype: DType): NDArray {
  if (xs.length === 0) throw new RangeError('stack: need at least one array to stack');
  const first = xs[0]!;
  xs.forEach((x, i) => {
    if (x.shape.length !== first.shape.length || x.shape.some((n, d) => n !== first.shape[d])) {
      throw new RangeError(`stack: all input arrays must have the same shape: input ${i} has shape ${shapeStr(x.shape)} but input 0 has shape ${shapeStr(first.shape)}`);
    }
  });
  const ax = normalizeAxis(axis, first.ndim + 1, 'stack');
  const shape = first.shape.slice();
  shape.splice(ax, 0, 1);
  // views that share the inputs' data: concatenate only reads them
  return concatenate(xs.map((x) => new NDArray(x.dtype, shape, x.data)), ax, outDtype);
}
