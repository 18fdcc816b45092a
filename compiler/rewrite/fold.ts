// Constant folding: a node whose inputs are all constants is evaluated now, with its op's
// reference implementation, and becomes a constant.
import { sizeOf } from '../../runtime/ndarray.ts';
import { type Apply, Constant, type Variable } from '../graph.ts';
import { OPS } from '../ops/table.ts';
import type { OpKind, OpParams } from '../ops/params.ts';
import type { Rule } from './rule.ts';

/** Creation ops make their output from nothing: folding a big one only bloats the program. */
const CREATION = new Set<OpKind>(['alloc', 'arange', 'eye']);
const MAX_CREATED = 1024;
/** Constants are serialized into the program, so no fold may produce a huge one. */
const MAX_FOLDED = 1 << 16;

function fold(v: Variable, n: Apply): Variable | null {
  if (!n.inputs.every((i) => i instanceof Constant)) return null;
  const known = v.type.shape.every((s) => s !== null) ? sizeOf(v.type.shape as number[]) : null;
  if (known !== null && known > (CREATION.has(n.op.kind) ? MAX_CREATED : MAX_FOLDED)) return null;
  let value;
  try {
    value = OPS[n.op.kind].perform(n.inputs.map((i) => (i as Constant).value), n.op.params as OpParams[OpKind] as never)[v.index]!;
  } catch {
    // the error belongs to run time, where the function reports it with its context
    return null;
  }
  if (value.size > (CREATION.has(n.op.kind) ? MAX_CREATED : MAX_FOLDED)) return null;
  return new Constant(v.type, value);
}

export const FOLD: Rule[] = [
  { name: 'constant_fold', on: '*', rewrite: fold }, // f(c1, c2) -> c
];
