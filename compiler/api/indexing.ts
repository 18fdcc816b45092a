// Basic and integer-array indexing, set_subtensor and inc_subtensor.
import { isInt } from '../../runtime/dtype.ts';
import { Constant, Variable } from '../graph.ts';
import type { IndexBound, IndexTemplate } from '../ops/params.ts';
import { asTensor, constant, op1, operands } from './core.ts';
import type { Tensor, TensorLike } from './types.ts';

export interface Slice { kind: 'slice'; start: number | Variable | null; stop: number | Variable | null; step: number | Variable | null }
export interface NewAxis { kind: 'newaxis' }
/** One index entry: an integer, an int scalar/array variable, a list of ints, a slice or a new axis. */
export type Index = number | Variable | readonly number[] | Slice | NewAxis | null;

/** `T.slice(start, stop, step)`: Python's `start:stop:step` (null for an omitted part). */
export function slice(start: number | Variable | null = null, stop: number | Variable | null = null, step: number | Variable | null = null): Slice {
  return { kind: 'slice', start: start ?? null, stop: stop ?? null, step: step ?? null };
}
export const newaxis: NewAxis = { kind: 'newaxis' };

function isSlice(e: unknown): e is Slice { return typeof e === 'object' && e !== null && (e as Slice).kind === 'slice'; }

/** Compile index entries into a template; dynamic values are appended to `dyn`. */
function compileIndex(entries: readonly Index[], dyn: Variable[], op: string): IndexTemplate[] {
  const bound = (b: number | Variable | null | undefined, what: string): IndexBound => {
    if (b === null || b === undefined) return null;
    if (typeof b === 'number') {
      if (!Number.isInteger(b)) throw new TypeError(`${op}: ${what} must be an integer, got ${b}`);
      return b;
    }
    const v = asTensor(b, op);
    if (v.ndim !== 0 || !isInt(v.dtype)) throw new TypeError(`${op}: ${what} must be an integer scalar, got ${v.type}`);
    if (v instanceof Constant) return v.value.data[0]!;
    dyn.push(v);
    return { input: dyn.length - 1 };
  };
  return entries.map((e, i): IndexTemplate => {
    if (e === null || (typeof e === 'object' && (e as NewAxis).kind === 'newaxis')) return { kind: 'newaxis' };
    if (isSlice(e)) {
      if (e.step === 0) throw new RangeError(`${op}: slice step cannot be zero`);
      return { kind: 'slice', start: bound(e.start, 'a slice start'), stop: bound(e.stop, 'a slice stop'), step: bound(e.step, 'a slice step') };
    }
    if (typeof e === 'number') return { kind: 'int', at: bound(e, `index ${i}`) as number };
    const v = Array.isArray(e) ? constant(e as number[], { dtype: 'int64' }) : asTensor(e, op);
    if (!isInt(v.dtype)) throw new TypeError(`${op}: index ${i} must be an integer or integer array, got ${v.type}`);
    if (v.ndim === 0) return { kind: 'int', at: bound(v, `index ${i}`) as number | { input: number } };
    dyn.push(v);
    return { kind: 'array', input: dyn.length - 1 };
  });
}

/** `x[e0, e1, ...]` with numpy semantics: `T.subtensor(x, [T.slice(1), 0])`, `T.subtensor(x, [[0, 0, 2]])`. */
export function subtensor<A extends TensorLike>(x: A, entries: readonly Index[] | Index): Tensor<A extends Variable<infer D, number> ? D : never, number> {
  const v = asTensor(x, 'subtensor');
  // a list is always a list of entries: an integer-array index is a list inside it (x[[0, 2]])
  const list = Array.isArray(entries) ? (entries as readonly Index[]) : [entries as Index];
  const dyn: Variable[] = [];
  const index = compileIndex(list, dyn, 'subtensor');
  return op1('subtensor', { index }, [v, ...dyn]) as never;
}

function setOrInc(mode: 'set' | 'inc', target: Variable, y: TensorLike): Variable {
  const op = mode === 'set' ? 'set_subtensor' : 'inc_subtensor';
  const owner = target instanceof Variable ? target.owner : null;
  if (!owner || owner.op.kind !== 'subtensor') {
    throw new TypeError(`${op}: the first argument must be an indexed tensor such as x[3:] (a subtensor), got ${target instanceof Variable ? target.toString() : typeof target}`);
  }
  const [x, ...dyn] = owner.inputs;
  const [, val] = operands([x, y], op);
  const params = owner.op.params as { index: IndexTemplate[] };
  return op1('set_subtensor', { index: params.index, mode }, [x!, val!, ...dyn]);
}

/** A copy of the indexed tensor with `x[...]` replaced by y (Theano's set_subtensor). */
export const set_subtensor = <S extends Variable>(target: S, y: TensorLike): Tensor<S['dtype'], number> => setOrInc('set', target, y) as never;
/** A copy with `x[...] += y`; repeated integer indices accumulate every occurrence. */
export const inc_subtensor = <S extends Variable>(target: S, y: TensorLike): Tensor<S['dtype'], number> => setOrInc('inc', target, y) as never;

/** Take elements along an axis with an integer array (numpy.take). */
export function take<A extends TensorLike>(x: A, indices: TensorLike, options: { axis?: number } = {}): Tensor<A extends Variable<infer D, number> ? D : never, number> {
  const v = asTensor(x, 'take');
  const axis = options.axis ?? 0;
  const entries: Index[] = Array.from({ length: axis < 0 ? axis + v.ndim : axis }, () => slice());
  entries.push(asTensor(indices, 'take'));
  return subtensor(v, entries) as never;
}
