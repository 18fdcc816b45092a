// How a device backend's compile errors name a variable and point at its template position.
import { Constant, SharedVariable, type Variable } from '../../graph.ts';
import { showLocation } from '../../template/errors.ts';
import type { SourceLoc } from '../../template/source.ts';

/** The template line and caret of `v`, on a line of their own, or '' for a variable built without a template. */
export function where(v: Variable): string {
  const loc = v.tag.loc as SourceLoc | undefined;
  return loc && typeof loc === 'object' && 'source' in loc ? `\n${showLocation(loc)}` : '';
}

/** How an error names a variable: by its role and name, or by the op computing it. */
export function describe(v: Variable, inputs: readonly Variable[]): string {
  const named = v.name ? ` '${v.name}'` : '';
  if (v instanceof SharedVariable) return `shared variable${named}`;
  if (inputs.includes(v)) return `input${named}`;
  if (v instanceof Constant) return `a ${v.dtype} constant${named}`;
  if (v.owner) return `the result of ${v.owner.op.name}${named} (${v.type})`;
  return `variable${named}`;
}
