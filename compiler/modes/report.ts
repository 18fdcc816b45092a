// How the checking modes name what went wrong: the node, where the template wrote it, and a
// short account of the arrays involved.
import { isFloat } from '../../runtime/dtype.ts';
import type { NDArray } from '../../runtime/ndarray.ts';
import type { Variable } from '../graph.ts';
import { pp } from '../printing.ts';
import { showLocation } from '../template/errors.ts';
import type { SourceLoc } from '../template/source.ts';

/** `Elemwise{log,no_inplace} 'p'` plus the template line with a caret, when known. */
export function describeNode(v: Variable): string {
  const label = v.owner ? v.owner.op.label : String(v);
  const name = v.name ? ` '${v.name}'` : '';
  const loc = v.tag.loc as SourceLoc | undefined;
  return `${label}${name}${loc ? `\n${showLocation(loc)}` : ''}`;
}

/** The expression, cut short: enough to recognise it. */
export function shortPp(v: Variable, max = 160): string {
  const s = pp(v);
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

const shapeStr = (a: NDArray) => `(${a.shape.join(', ')}${a.shape.length === 1 ? ',' : ''})`;

/** `float64 (3,): min -1, max 2, 1 NaN` */
export function summarize(a: NDArray): string {
  let lo = Infinity, hi = -Infinity, nan = 0, inf = 0;
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i]!;
    if (x !== x) { nan++; continue; }
    if (x === Infinity || x === -Infinity) inf++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const extras: string[] = [];
  if (a.size && lo <= hi) extras.push(`min ${lo}`, `max ${hi}`);
  if (nan) extras.push(`${nan} NaN`);
  if (inf) extras.push(`${inf} infinite`);
  return `${a.dtype} ${shapeStr(a)}${extras.length ? `: ${extras.join(', ')}` : ''}`;
}

/** The input list of a node, one line per input. */
export function describeInputs(v: Variable, value: (i: Variable) => NDArray | undefined): string {
  return (v.owner?.inputs ?? []).map((i, k) => {
    const a = value(i);
    return `  input ${k}: ${shortPp(i, 80)}${a ? ` = ${summarize(a)}` : ''}`;
  }).join('\n');
}

export type Problem = 'NaN' | 'Inf' | 'big';
export const BIG = 1e10;

/** The first bad element of a float array: NaN, an infinity, or a magnitude above 1e10. */
export function firstProblem(a: NDArray): { index: number; problem: Problem } | null {
  if (!isFloat(a.dtype)) return null;
  const d = a.data;
  for (let i = 0; i < d.length; i++) {
    const x = d[i]!;
    if (x !== x) return { index: i, problem: 'NaN' };
    if (x === Infinity || x === -Infinity) return { index: i, problem: 'Inf' };
    if (x > BIG || x < -BIG) return { index: i, problem: 'big' };
  }
  return null;
}
