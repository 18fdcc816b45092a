import { type DType, isDType, weakDType, smallestIntDType, castScalar, promoteAll, isFloat } from '../../runtime/dtype.ts';
import { NDArray, asarray, inferDType, isTypedArray, type ArrayLike } from '../../runtime/ndarray.ts';
import { config } from '../config.ts';
import { Constant, Variable } from '../graph.ts';
import { TensorType } from '../type.ts';
import { applyOp } from '../ops/table.ts';
import type { ScalarOpName } from '../ops/scalar.ts';
import { SCALAR_OPS } from '../ops/scalar.ts';
import type { OpKind, OpParams } from '../ops/params.ts';

/** Apply an op and return its first output. */
export function op1<K extends OpKind>(kind: K, params: OpParams[K], inputs: Variable[]): Variable {
  return applyOp(kind, params, inputs).outputs[0]!;
}

export interface ConstantOptions { dtype?: DType; name?: string }

/**
 * `T.constant`: a JS integer becomes the smallest int dtype holding it (as Theano does), a
 * fraction becomes floatX, booleans bool; arrays follow numpy's inference unless a dtype is given.
 */
export function constant(value: ArrayLike, options: ConstantOptions = {}): Constant {
  if (options.dtype !== undefined && !isDType(options.dtype)) throw new TypeError(`constant: unknown dtype ${JSON.stringify(options.dtype)}`);
  let dtype = options.dtype;
  if (dtype === undefined && typeof value === 'number') dtype = Number.isInteger(value) ? smallestIntDType(value) : config.floatX;
  if (dtype === undefined && !(value instanceof NDArray) && !isTypedArray(value) && inferDType(value) === 'float64') dtype = config.floatX;
  const arr = asarray(value, dtype ? { dtype } : {});
  const type = new TensorType(arr.dtype, arr.shape.map((s) => s === 1), arr.shape);
  return new Constant(type, arr, options.name ?? null);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

/** Turn an operand into a variable: variables pass through, the rest become constants. */
export function asTensor(x: unknown, what = 'argument'): Variable {
  if (x instanceof Variable) return x;
  if (typeof x === 'number' || typeof x === 'boolean' || Array.isArray(x) || x instanceof NDArray || isTypedArray(x)) {
    return constant(x as ArrayLike);
  }
  throw new TypeError(`${what}: expected a tensor, number or array, got ${describe(x)}`);
}

/** A JS number as a constant of the dtype it takes next to tensors of `others` dtype. */
function weakConstant(v: number | boolean, others: readonly DType[]): Constant {
  const n = typeof v === 'boolean' ? Number(v) : v;
  if (others.length === 0) return constant(v);
  const d = promoteAll(others);
  const dtype = typeof v === 'boolean' ? (d === 'bool' ? 'bool' : d) : weakDType(n, d, config.floatX);
  return new Constant(new TensorType(dtype, []), asarray(castScalar(n, dtype), { dtype }));
}

/** Left-pad with broadcastable axes up to `nd` (numpy broadcasting, Theano's DimShuffle{x,...}). */
export function padTo(v: Variable, nd: number): Variable {
  if (v.ndim === nd) return v;
  const pattern: (number | 'x')[] = [...new Array<'x'>(nd - v.ndim).fill('x'), ...Array.from({ length: v.ndim }, (_, i) => i)];
  return op1('dimshuffle', { pattern, inputNdim: v.ndim }, [v]);
}

/** Convert operands of an elementwise op: JS numbers are weak, arrays become constants. */
export function operands(xs: readonly unknown[], op: string): Variable[] {
  const strong = xs.filter((x) => typeof x !== 'number' && typeof x !== 'boolean').map((x, i) => asTensor(x, `${op} argument ${i}`));
  const dts = strong.map((v) => v.dtype);
  return xs.map((x, i) => (typeof x === 'number' || typeof x === 'boolean' ? weakConstant(x, dts) : asTensor(x, `${op} argument ${i}`)));
}

/** Build an elementwise node: operands converted, broadcast to a common ndim, dtype by the op's rule. */
export function elem(scalar: ScalarOpName, xs: readonly unknown[], castTo?: DType): Variable {
  const def = SCALAR_OPS[scalar];
  if (xs.length !== def.arity) throw new TypeError(`${scalar}: expected ${def.arity} argument${def.arity === 1 ? '' : 's'}, got ${xs.length}`);
  const vs = operands(xs, scalar);
  const nd = Math.max(...vs.map((v) => v.ndim));
  const padded = vs.map((v) => padTo(v, nd));
  const dtype = castTo ?? def.dtype(padded.map((v) => v.dtype), scalar);
  return op1('elemwise', { scalar, dtype }, padded);
}

/** Elementwise op whose output must be float (true_div of ints etc.). */
export const isFloatVar = (v: Variable) => isFloat(v.dtype);
