// numpy indexing planned from shapes alone: the device kernels read the index arrays
// themselves, so the host needs only their shapes, plus the values of ints and slice bounds.
// Mirrors runtime/cpu/indexing.ts (which plans from values) axis for axis.
import type { IndexTemplate } from '../cpu/index-template.ts';
import { resolveInt, resolveSlice } from '../cpu/indexing.ts';
import { broadcastShapes, broadcastStrides } from '../cpu/shape.ts';
import { shapeStr } from '../cpu/util.ts';
import { stridesOf } from '../ndarray.ts';

/** The static structure of x[index]: basic output axes, the advanced block's rank and place. */
export interface IndexStructure { nb: number; na: number; advAt: number; arrays: number }

/**
 * An int among index arrays is a 0-d advanced index (it decides where the block goes); the
 * block goes where the first advanced entry is, unless a slice or newaxis separates them.
 */
export function indexStructure(index: readonly IndexTemplate[], xNdim: number, arrayNdim: (input: number) => number): IndexStructure {
  const hasArray = index.some((e) => e.kind === 'array');
  let basic = 0, advAt = -1, last = -2, adjacent = true, na = 0, arrays = 0, consumed = 0;
  index.forEach((e, k) => {
    const advanced = e.kind === 'array' || (e.kind === 'int' && hasArray);
    if (advanced) {
      if (advAt >= 0 && last !== k - 1) adjacent = false;
      if (advAt < 0) advAt = basic;
      last = k;
    }
    if (e.kind === 'array') { arrays++; na = Math.max(na, arrayNdim(e.input)); }
    if (e.kind === 'newaxis' || e.kind === 'slice') basic++;
    if (e.kind !== 'newaxis') consumed++;
  });
  basic += Math.max(0, xNdim - consumed);
  return { nb: basic, na, advAt: advAt < 0 ? 0 : adjacent ? advAt : 0, arrays };
}

export interface ArrayPlan { size: number; stride: number; bstrides: number[] }

export interface IndexPlan {
  outShape: number[];
  base: number;
  sizes: number[];
  strides: number[];
  advShape: number[];
  arrays: ArrayPlan[];
}

/**
 * Sizes, strides and base offset of x[index] for x of `shape`. `scalar(input)` gives a dynamic
 * int or bound, `arrayShape(input)` an index array's shape.
 */
export function planIndex(shape: readonly number[], index: readonly IndexTemplate[], scalar: (input: number) => number, arrayShape: (input: number) => readonly number[], op: string): IndexPlan {
  const nd = shape.length;
  const st = stridesOf(shape);
  const hasArray = index.some((e) => e.kind === 'array');
  const consumed = index.filter((e) => e.kind !== 'newaxis').length;
  if (consumed > nd) throw new RangeError(`${op}: too many indices for array: array is ${nd}-dimensional, but ${consumed} were indexed`);
  const value = (b: number | { input: number } | null): number | null => (b === null || typeof b === 'number' ? b : scalar(b.input));
  const p: IndexPlan = { outShape: [], base: 0, sizes: [], strides: [], advShape: [], arrays: [] };
  const blocks: (readonly number[])[] = [];
  const arrayShapes: (readonly number[])[] = [];
  let axis = 0;
  for (const e of index) {
    switch (e.kind) {
      case 'newaxis': p.sizes.push(1); p.strides.push(0); break;
      case 'int': {
        const i = resolveInt(value(e.at)!, shape[axis]!, axis, op);
        p.base += i * st[axis]!;
        if (hasArray) blocks.push([]);
        axis++;
        break;
      }
      case 'slice': {
        const s = resolveSlice(shape[axis]!, { start: value(e.start), stop: value(e.stop), step: value(e.step) }, axis, op);
        p.base += s.start * st[axis]!;
        p.sizes.push(s.len); p.strides.push(s.step * st[axis]!);
        axis++;
        break;
      }
      case 'array': {
        const s = arrayShape(e.input);
        blocks.push(s);
        arrayShapes.push(s);
        p.arrays.push({ size: shape[axis]!, stride: st[axis]!, bstrides: [] });
        axis++;
        break;
      }
    }
  }
  for (; axis < nd; axis++) { p.sizes.push(shape[axis]!); p.strides.push(st[axis]!); }
  if (hasArray) {
    try {
      p.advShape = blocks.reduce<number[]>((s, t) => broadcastShapes(s, t), []);
    } catch {
      throw new RangeError(`${op}: shape mismatch: indexing arrays could not be broadcast together with shapes ${blocks.map(shapeStr).join(' ')}`);
    }
    p.arrays.forEach((a, j) => { a.bstrides = broadcastStrides(arrayShapes[j]!, p.advShape)!; });
  }
  const s = indexStructure(index, nd, (i) => arrayShape(i).length);
  p.outShape = hasArray ? [...p.sizes.slice(0, s.advAt), ...p.advShape, ...p.sizes.slice(s.advAt)] : p.sizes.slice();
  return p;
}
