// numpy basic and advanced indexing: reading x[index] and writing x[index] = / += y.
import { isFloat, type TypedArray } from '../dtype.ts';
import { roundF16 } from '../float16.ts';
import { NDArray, stridesOf } from '../ndarray.ts';
import { broadcastShapes, broadcastStrides } from './shape.ts';
import { copyStrided, product, shapeStr } from './util.ts';

export type IndexEntry =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; start: number | null; stop: number | null; step: number | null }
  | { kind: 'array'; value: NDArray }
  | { kind: 'newaxis' };

/** An integer-array index (or an int among advanced indices) bound to the input axis it reads. */
interface Advanced { axis: number; size: number; stride: number; value: NDArray | number }

/** x[index] as a strided walk plus, for advanced indexing, one block of table-driven offsets. */
interface Plan {
  outShape: number[];
  base: number;
  /** output dims outside the advanced block */
  sizes: number[];
  strides: number[];
  /** position of the advanced block among the output dims; -1 without advanced indexing */
  advAt: number;
  advShape: number[];
  advanced: Advanced[];
}

/** numpy's slice rules (PySlice_AdjustIndices): clamped bounds, negative steps walk backwards. */
export function resolveSlice(n: number, e: { start: number | null; stop: number | null; step: number | null }, axis: number, op: string): { start: number; len: number; step: number } {
  const step = e.step ?? 1;
  for (const v of [e.start, e.stop, e.step]) {
    if (v !== null && !Number.isInteger(v)) throw new TypeError(`${op}: slice bounds must be integers or null, got ${v} (axis ${axis})`);
  }
  if (step === 0) throw new RangeError(`${op}: slice step cannot be zero (axis ${axis})`);
  const clamp = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    if (v < 0) v += n;
    if (step > 0) return Math.min(Math.max(v, 0), n);
    return Math.min(Math.max(v, -1), n - 1);
  };
  const start = clamp(e.start, step > 0 ? 0 : n - 1);
  const stop = clamp(e.stop, step > 0 ? n : -1);
  const len = step > 0
    ? (start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0)
    : (stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0);
  return { start, len, step };
}

export function resolveInt(v: number, n: number, axis: number, op: string): number {
  if (!Number.isInteger(v)) throw new TypeError(`${op}: index ${v} is not an integer (axis ${axis})`);
  if (v < -n || v >= n) throw new RangeError(`${op}: index ${v} is out of bounds for axis ${axis} with size ${n}`);
  return v < 0 ? v + n : v;
}

/** Coordinates of the true elements of a boolean mask, one int64 array per mask axis. */
function maskToIndices(mask: NDArray): NDArray[] {
  const k = mask.ndim, md = mask.data;
  let count = 0;
  for (let i = 0; i < md.length; i++) if (md[i]) count++;
  const out = Array.from({ length: k }, () => new NDArray('int64', [count]));
  const st = stridesOf(mask.shape);
  let j = 0;
  for (let i = 0; i < md.length; i++) {
    if (!md[i]) continue;
    let rem = i;
    for (let d = 0; d < k; d++) { out[d]!.data[j] = Math.floor(rem / st[d]!); rem %= st[d]!; }
    j++;
  }
  return out;
}

function plan(shape: readonly number[], index: readonly IndexEntry[], op: string): Plan {
  const nd = shape.length;
  const st = stridesOf(shape);
  const hasArray = index.some((e) => e.kind === 'array');
  const consumed = index.reduce((n, e) => n + (e.kind === 'newaxis' ? 0 : e.kind === 'array' && e.value.dtype === 'bool' ? e.value.ndim : 1), 0);
  if (consumed > nd) {
    throw new RangeError(`${op}: too many indices for array: array is ${nd}-dimensional, but ${consumed} were indexed`);
  }
  const p: Plan = { outShape: [], base: 0, sizes: [], strides: [], advAt: -1, advShape: [], advanced: [] };
  // advanced entries go where the first one is, unless a slice or newaxis separates them
  let lastAdvancedEntry = -2, adjacent = true;
  let axis = 0;
  const addAdvanced = (entry: number, a: Advanced): void => {
    if (p.advanced.length > 0 && lastAdvancedEntry !== entry - 1 && lastAdvancedEntry !== entry) adjacent = false;
    if (p.advanced.length === 0) p.advAt = p.sizes.length;
    lastAdvancedEntry = entry;
    p.advanced.push(a);
  };
  index.forEach((e, entry) => {
    switch (e.kind) {
      case 'newaxis':
        p.sizes.push(1); p.strides.push(0);
        return;
      case 'int': {
        const n = shape[axis]!;
        const i = resolveInt(e.value, n, axis, op);
        // among array indices, an int is a 0-d advanced index: it changes where their block goes
        if (hasArray) addAdvanced(entry, { axis, size: n, stride: st[axis]!, value: i });
        else p.base += i * st[axis]!;
        axis++;
        return;
      }
      case 'slice': {
        const s = resolveSlice(shape[axis]!, e, axis, op);
        p.base += s.start * st[axis]!;
        p.sizes.push(s.len); p.strides.push(s.step * st[axis]!);
        axis++;
        return;
      }
      case 'array': {
        const v = e.value;
        if (v.dtype === 'bool') {
          if (v.ndim === 0) throw new TypeError(`${op}: 0-d boolean indices are not supported`);
          for (let d = 0; d < v.ndim; d++) {
            if (v.shape[d] !== shape[axis + d]) {
              throw new RangeError(`${op}: boolean index did not match indexed array along axis ${axis + d}; size of axis is ${shape[axis + d]} but size of corresponding boolean axis is ${v.shape[d]}`);
            }
          }
          for (const ix of maskToIndices(v)) {
            addAdvanced(entry, { axis, size: shape[axis]!, stride: st[axis]!, value: ix });
            axis++;
          }
          return;
        }
        if (isFloat(v.dtype)) {
          throw new TypeError(`${op}: arrays used as indices must be of integer (or boolean) type, got ${v.dtype} (axis ${axis})`);
        }
        addAdvanced(entry, { axis, size: shape[axis]!, stride: st[axis]!, value: v });
        axis++;
        return;
      }
      default:
        throw new TypeError(`${op}: unknown index entry ${JSON.stringify(e)}`);
    }
  });
  for (; axis < nd; axis++) { p.sizes.push(shape[axis]!); p.strides.push(st[axis]!); }
  if (p.advanced.length > 0) {
    const shapes = p.advanced.map((a) => (typeof a.value === 'number' ? [] : a.value.shape));
    try {
      p.advShape = shapes.reduce((s, t) => broadcastShapes(s, t), []);
    } catch {
      throw new RangeError(`${op}: shape mismatch: indexing arrays could not be broadcast together with shapes ${shapes.map(shapeStr).join(' ')}`);
    }
    if (!adjacent) p.advAt = 0;
  }
  p.outShape = p.advAt < 0 ? p.sizes.slice() : [...p.sizes.slice(0, p.advAt), ...p.advShape, ...p.sizes.slice(p.advAt)];
  return p;
}

/** Flat input offset contributed by the advanced indices, per element of the broadcast block. */
function advancedTable(p: Plan, op: string): Float64Array {
  const n = product(p.advShape);
  const table = new Float64Array(n);
  for (const a of p.advanced) {
    if (typeof a.value === 'number') {
      const off = a.value * a.stride;
      for (let j = 0; j < n; j++) table[j] += off;
      continue;
    }
    const v = a.value;
    const vals = new Float64Array(n);
    copyStrided(v.data, 0, p.advShape, broadcastStrides(v.shape, p.advShape)!, vals, 'float64', 'float64');
    const size = a.size, stride = a.stride;
    for (let j = 0; j < n; j++) {
      let i = vals[j]!;
      if (i < -size || i >= size) throw new RangeError(`${op}: index ${i} is out of bounds for axis ${a.axis} with size ${size}`);
      if (i < 0) i += size;
      table[j] += i * stride;
    }
  }
  return table;
}

/** Flat input offset of every element of x[index], in output order. */
function offsets(p: Plan, inputSize: number, op: string): Int32Array | Float64Array {
  const total = product(p.outShape);
  const out = inputSize <= 0x7fffffff ? new Int32Array(total) : new Float64Array(total);
  if (total === 0) return out;
  // one virtual dim stands for the whole advanced block, looked up in `table`
  const sizes = p.sizes.slice(), strides = p.strides.slice();
  let tdim = -1;
  let table: Float64Array | null = null;
  if (p.advAt >= 0) {
    table = advancedTable(p, op);
    tdim = p.advAt;
    sizes.splice(tdim, 0, table.length);
    strides.splice(tdim, 0, 0);
  }
  const nd = sizes.length;
  if (nd === 0) { out[0] = p.base; return out; }
  const last = nd - 1, inner = sizes[last]!, step = strides[last]!;
  const idx = new Int32Array(nd);
  let rowBase = p.base + (table !== null && tdim !== last ? table[0]! : 0);
  let pos = 0;
  for (;;) {
    if (tdim === last) for (let j = 0; j < inner; j++) out[pos++] = rowBase + table![j]!;
    else for (let j = 0, o = rowBase; j < inner; j++, o += step) out[pos++] = o;
    let d = last - 1;
    for (; d >= 0; d--) {
      const old = idx[d]!;
      if (old + 1 < sizes[d]!) {
        idx[d] = old + 1;
        rowBase += d === tdim ? table![old + 1]! - table![old]! : strides[d]!;
        break;
      }
      idx[d] = 0;
      rowBase -= d === tdim ? table![old]! - table![0]! : strides[d]! * old;
    }
    if (d < 0) return out;
  }
}

/** Shape of x[index] without computing it. */
export function subtensorShape(shape: readonly number[], index: readonly IndexEntry[]): number[] {
  return plan(shape, index, 'subtensorShape').outShape;
}

/** x[index] with numpy semantics (basic and advanced indexing); always a copy. */
export function subtensor(x: NDArray, index: readonly IndexEntry[]): NDArray {
  const p = plan(x.shape, index, 'subtensor');
  const out = new NDArray(x.dtype, p.outShape);
  if (p.advAt < 0) {
    copyStrided(x.data, p.base, p.sizes, p.strides, out.data, x.dtype, x.dtype);
    return out;
  }
  const offs = offsets(p, x.size, 'subtensor');
  const src = x.data, dst = out.data;
  for (let i = 0; i < offs.length; i++) dst[i] = src[offs[i]!]!;
  return out;
}

/**
 * A copy of x with x[index] set to ('set') or incremented by ('inc') y, broadcast to the indexed
 * shape. Repeated indices: 'inc' adds every occurrence (numpy.add.at), 'set' keeps the last.
 * y is first cast to x's dtype, as numpy does when storing.
 */
export function setSubtensor(x: NDArray, index: readonly IndexEntry[], y: NDArray, mode: 'set' | 'inc'): NDArray {
  const op = mode === 'inc' ? 'incSubtensor' : 'setSubtensor';
  if (mode !== 'set' && mode !== 'inc') throw new TypeError(`setSubtensor: mode must be 'set' or 'inc', got ${JSON.stringify(mode)}`);
  const p = plan(x.shape, index, op);
  // numpy accepts extra leading length-1 axes on the value
  let yShape = y.shape;
  while (yShape.length > p.outShape.length && yShape[0] === 1) yShape = yShape.slice(1);
  const ystr = broadcastStrides(yShape, p.outShape);
  if (ystr === null) {
    throw new RangeError(`${op}: could not broadcast value of shape ${shapeStr(y.shape)} into indexed shape ${shapeStr(p.outShape)}`);
  }
  const vals: TypedArray = new NDArray(x.dtype, p.outShape).data;
  copyStrided(y.data, 0, p.outShape, ystr, vals, y.dtype, x.dtype);
  const offs = offsets(p, x.size, op);
  const out = x.copy();
  const dst = out.data;
  const n = offs.length;
  if (mode === 'set') for (let i = 0; i < n; i++) dst[offs[i]!] = vals[i]!;
  else if (x.dtype === 'bool') for (let i = 0; i < n; i++) { if (vals[i]) dst[offs[i]!] = 1; }
  // float16 storage is a Float32Array: each sum is rounded back, as numpy.add.at would
  else if (x.dtype === 'float16') for (let i = 0; i < n; i++) dst[offs[i]!] = roundF16(dst[offs[i]!]! + vals[i]!);
  else for (let i = 0; i < n; i++) dst[offs[i]!] += vals[i]!;
  return out;
}
