// Pattern helpers the rule tables read like formulas with. Elementwise inputs always have
// equal ndim, so a scalar constant shows up as `DimShuffle{x,x}(Constant)` or, once folded,
// as a size-1 constant: `constValue` sees through both.
import { isFloat } from '../../runtime/dtype.ts';
import { type Apply, Constant, type Variable } from '../graph.ts';
import type { OpParams } from '../ops/params.ts';
import type { ScalarOpName } from '../ops/scalar.ts';
import { isBroadcastOnly } from '../compile/schedule.ts';

/** The inputs of `v` when it is the output of the elementwise `scalar` op. */
export function elemArgs(v: Variable, scalar: ScalarOpName): Variable[] | null {
  const n = v.owner;
  if (!n || n.op.kind !== 'elemwise') return null;
  return (n.op.params as OpParams['elemwise']).scalar === scalar ? n.inputs : null;
}

/** The single input of `v` when it is `scalar(x)`. */
export const arg = (v: Variable, scalar: ScalarOpName): Variable | null => elemArgs(v, scalar)?.[0] ?? null;

/** The value every element of `v` has when it is a constant (possibly broadcast) of one value. */
export function constValue(v: Variable): number | null {
  let cur = v;
  while (isBroadcastOnly(cur.owner)) cur = cur.owner!.inputs[0]!;
  if (!(cur instanceof Constant) || cur.value.size === 0 || cur.value.size > 4096) return null;
  const d = cur.value.data;
  const first = d[0]!;
  for (let i = 1; i < d.length; i++) if (!Object.is(d[i], first)) return null;
  return first;
}

/** Is `v` a constant whose every element is `c`? */
export const is = (v: Variable, c: number): boolean => constValue(v) === c;

/** A float tensor (rewrites that trade exactness for stability or speed only touch these). */
export const flt = (v: Variable): boolean => isFloat(v.dtype);

/** The parameters of `v`'s node when it is of `kind`. */
export function paramsOf<K extends keyof OpParams>(v: Variable, kind: K): OpParams[K] | null {
  const n: Apply | null = v.owner;
  return n && n.op.kind === kind ? (n.op.params as OpParams[K]) : null;
}

/** `f(x)` when the pattern matched (x is not null): lets a rule read `on(match, build)`. */
export const on = <X>(x: X | null, f: (x: X) => Variable | null): Variable | null => (x === null ? null : f(x));

/** The input of a one-input node (a dimshuffle, a reduction). */
export const inputOf = (v: Variable): Variable => v.owner!.inputs[0]!;

/** x when `v` is `scalar(x)` with x a float tensor. */
export const floatArg = (v: Variable, scalar: ScalarOpName): Variable | null => { const x = arg(v, scalar); return x && flt(x) ? x : null; };
