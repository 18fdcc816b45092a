// Printing the way the seed documents do, so a sample's output reads like the seed's session:
// `show(code, value)` echoes `> code` and the value as Python's REPL shows it (repr);
// `print(...)` is Python's print (str). Echo lines start with '> ' and the tutorial test skips them.
import * as T from 'hypatia';
import { formatValue } from '../../runtime/format.ts';

/** Python's repr: arrays as `array([...])`, lists in brackets, strings quoted. */
export function repr(v: unknown): string {
  if (v instanceof T.NDArray) return String(v);
  if (Array.isArray(v)) {
    const items = v.map(repr);
    // numpy's arrays span lines, and Python then puts each item of a list on its own line
    return `[${items.join(items.some((s) => s.includes('\n')) ? ',\n ' : ', ')}]`;
  }
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}

/** Python's str: arrays as numpy prints them (`[[1. 2.]]`, a 0-d array as its number). */
export function str(v: unknown): string {
  if (v instanceof T.NDArray) return formatValue(v);
  if (typeof v === 'string') return v;
  return repr(v);
}

/** Echo a line of code, then what the REPL would show for its value. */
export function show(code: string, value: unknown): void {
  console.log(`> ${code}`);
  if (value !== undefined) console.log(repr(value));
}

/** Python's print: the str of each value, separated by spaces. */
export function print(...values: unknown[]): void {
  console.log(values.map(str).join(' '));
}

/** Echo a statement that shows nothing (an assignment, a set_value). */
export function echo(code: string): void {
  console.log(`> ${code}`);
}
