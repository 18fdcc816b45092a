// Building blocks of GPU.js kernel sources. Inside a kernel every value is a float (GPU.js
// has no other element type): bools are 0/1, integers are integral floats, exact below 2^24.
// Index arithmetic goes through qdiv_, whose remainder check makes it exact in float32 too.
import type { DType } from '../../../runtime/dtype.ts';
import type { GpuJsKernel } from '../../../runtime/gpujs/code.ts';
import { helpersIn } from '../../../runtime/gpujs/helpers.ts';

/** A constant as a kernel expression of dtype `d` (float32 values are rounded first). */
export function literal(v: number, d: DType): string {
  if (Number.isNaN(v)) return 'nan_(0)';
  if (v === Infinity) return 'inf_(0)';
  if (v === -Infinity) return '(-inf_(0))';
  const x = d === 'float32' ? Math.fround(v) : d === 'bool' ? (v ? 1 : 0) : v;
  if (!Number.isFinite(x)) return x > 0 ? 'inf_(0)' : '(-inf_(0))';
  const s = String(Object.is(x, -0) ? 0 : x);
  return x < 0 ? `(${s})` : s;
}

/** Bits kept by narrow integer dtypes: the value wrapped into its range, as numpy stores it. */
export function wrap(expr: string, d: DType): string {
  switch (d) {
    case 'bool': return `(${expr} !== 0 ? 1 : 0)`;
    case 'int8': return `wrapS_(${expr}, 256)`;
    case 'int16': return `wrapS_(${expr}, 65536)`;
    case 'uint8': return `wrapU_(${expr}, 256)`;
    default: return expr;
  }
}

/** Sizes and index names `prefix0..` of an unravel over `sizes`. */
export function unravel(flat: string, sizes: readonly string[], prefix: string): string[] {
  const r = sizes.length;
  if (r === 0) return [];
  if (r === 1) return [`const ${prefix}0 = ${flat};`];
  const lines: string[] = [];
  let rest = flat;
  for (let d = r - 1; d > 0; d--) {
    const q = `${prefix}q${d}`;
    lines.push(`const ${q} = qdiv_(${rest}, ${sizes[d]});`, `const ${prefix}${d} = ${rest} - ${q} * ${sizes[d]};`);
    rest = q;
  }
  lines.push(`const ${prefix}0 = ${rest};`);
  return lines;
}

/** Σ coordinate × stride, or '0'. */
export function dotTerms(coords: readonly string[], strides: readonly string[], base = '0'): string {
  const terms = coords.map((c, k) => `${c} * ${strides[k]}`);
  if (base !== '0') terms.unshift(base);
  return terms.length ? terms.join(' + ') : '0';
}

export const names = (prefix: string, n: number, from = 0) => Array.from({ length: n }, (_, k) => `${prefix}${k + from}`);

/** A kernel from its parameter list and body lines (each statement on a line of its own). */
export function kernel(name: string, params: readonly string[], body: readonly string[], ops: readonly string[]): GpuJsKernel {
  const source = `function (${params.join(', ')}) {\n${body.filter((l) => l !== '').map((l) => `  ${l}`).join('\n')}\n}`;
  return { name, source, helpers: helpersIn(source), ops: [...ops] };
}
