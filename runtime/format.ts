// numpy-compatible text for NDArrays: `repr` (formatNDArray) and `str` (formatValue), following
// numpy 2.x with its default print options (precision 8, threshold 1000, edgeitems 3,
// linewidth 75). Users compare our output with numpy's, so the rules below mirror numpy's
// arrayprint and its Dragon4 digit generation exactly rather than approximating them.
import type { NDArray } from './ndarray.ts';
import { type DType, isFloat } from './dtype.ts';
import { f16Bits, roundF16 } from './float16.ts';

const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const PRECISION = 8;

// ---------------------------------------------------------------------------------------------
// Decimal digits of a float (value = 0 or d1.d2d3... × 10^exp)

interface Digits { digits: string; exp: number }

/** The bits of precision a float dtype prints with. */
type Prec = 16 | 32 | 64;
const PREC = { float16: 16, float32: 32, float64: 64 } as const;

const bitsView = new DataView(new ArrayBuffer(8));

/** v = m × 2^e exactly; `lowerCloser` when the gap to the next smaller float is half the usual. */
function decompose(v: number, p: Prec): { m: bigint; e: number; lowerCloser: boolean } {
  if (p === 16) {
    const bits = f16Bits(v);
    const be = (bits >>> 10) & 0x1f, frac = bits & 0x3ff;
    if (be === 0) return { m: BigInt(frac), e: -24, lowerCloser: false };
    return { m: BigInt(frac + 0x400), e: be - 25, lowerCloser: frac === 0 && be > 1 };
  }
  if (p === 32) {
    bitsView.setFloat32(0, v);
    const bits = bitsView.getUint32(0);
    const be = (bits >>> 23) & 0xff, frac = bits & 0x7fffff;
    if (be === 0) return { m: BigInt(frac), e: -149, lowerCloser: false };
    return { m: BigInt(frac + 0x800000), e: be - 150, lowerCloser: frac === 0 && be > 1 };
  }
  bitsView.setFloat64(0, v);
  const hi = bitsView.getUint32(0), lo = bitsView.getUint32(4);
  const be = (hi >>> 20) & 0x7ff, fracHi = hi & 0xfffff;
  const frac = (BigInt(fracHi) << 32n) | BigInt(lo);
  if (be === 0) return { m: frac, e: -1074, lowerCloser: false };
  return { m: frac | (1n << 52n), e: be - 1075, lowerCloser: frac === 0n && be > 1 };
}

/**
 * Shortest digits that read back as `v` in its own precision (Steele-White / Dragon4 free
 * format). For float32 this is what makes 0.1f print as `0.1` rather than its float64 digits.
 */
function shortestDigits(v: number, p: Prec): Digits {
  if (v === 0) return { digits: '0', exp: 0 };
  const { m, e, lowerCloser } = decompose(v, p);
  // boundaries are inclusive for even mantissas: round-half-even reading maps them back to v
  const even = (m & 1n) === 0n;
  let r: bigint, s: bigint, mp: bigint, mm: bigint;
  if (e >= 0) {
    const be = 1n << BigInt(e);
    if (lowerCloser) { r = m * be * 4n; s = 4n; mp = be * 2n; mm = be; }
    else { r = m * be * 2n; s = 2n; mp = be; mm = be; }
  } else if (lowerCloser) {
    r = m * 4n; s = 1n << BigInt(2 - e); mp = 2n; mm = 1n;
  } else {
    r = m * 2n; s = 1n << BigInt(1 - e); mp = 1n; mm = 1n;
  }
  let k = Math.ceil(Math.log10(v));
  if (k >= 0) s *= 10n ** BigInt(k);
  else { const f = 10n ** BigInt(-k); r *= f; mp *= f; mm *= f; }
  // the log estimate can be off by one either way
  while (even ? r + mp >= s : r + mp > s) { s *= 10n; k++; }
  while (even ? (r + mp) * 10n < s : (r + mp) * 10n <= s) { r *= 10n; mp *= 10n; mm *= 10n; k--; }
  let digits = '';
  for (;;) {
    r *= 10n; mp *= 10n; mm *= 10n;
    let d = r / s;
    r %= s;
    const low = even ? r <= mm : r < mm;
    const high = even ? r + mp >= s : r + mp > s;
    if (!low && !high) { digits += d.toString(); continue; }
    if (low && high) {
      const twice = 2n * r;
      if (twice > s || (twice === s && (d & 1n) === 1n)) d += 1n;
    } else if (high) d += 1n;
    digits += d.toString();
    break;
  }
  return { digits, exp: k - 1 };
}

/** Exact value of |v| rounded half-to-even to the digit at 10^lastExp (Dragon4's cutoff rule). */
function roundAt(v: number, lastExp: number): Digits {
  const { m, e } = decompose(v, 64);
  // |v| = n / 10^fracDigits exactly, since 2^-k = 5^k / 10^k
  const fracDigits = e >= 0 ? 0 : -e;
  const n = e >= 0 ? m << BigInt(e) : m * 5n ** BigInt(-e);
  const drop = -lastExp - fracDigits; // negative: digits to cut off
  let q: bigint;
  if (drop >= 0) q = n * 10n ** BigInt(drop);
  else {
    const div = 10n ** BigInt(-drop);
    q = n / div;
    const twice = 2n * (n % div);
    if (twice > div || (twice === div && (q & 1n) === 1n)) q += 1n;
  }
  if (q === 0n) return { digits: '0', exp: 0 };
  const str = q.toString();
  return { digits: str.replace(/0+$/, ''), exp: lastExp + str.length - 1 };
}

/** numpy's "unique" digits, but no more than `maxFrac` digits after the point (positional). */
function positionalDigits(v: number, p: Prec, maxFrac: number): Digits {
  const d = shortestDigits(v, p);
  if (d.digits === '0' || d.exp - (d.digits.length - 1) >= -maxFrac) return d;
  return roundAt(v, -maxFrac);
}

/** numpy's "unique" digits, but no more than `maxFrac` digits after the point (scientific). */
function scientificDigits(v: number, p: Prec, maxFrac: number): Digits {
  const d = shortestDigits(v, p);
  if (d.digits.length - 1 <= maxFrac) return d;
  return roundAt(v, d.exp - maxFrac);
}

/**
 * Exactly `frac` digits after the point. Where the unique digits are fewer, numpy's Dragon4
 * prints further true digits of the value rather than zeros, which shows for float32.
 */
function paddedScientificDigits(v: number, p: Prec, frac: number): Digits {
  const d = scientificDigits(v, p, frac);
  if (d.digits.length - 1 >= frac || d.digits === '0') return d;
  return roundAt(v, d.exp - frac);
}

function positionalParts(d: Digits): { int: string; frac: string } {
  const { digits, exp } = d;
  if (exp < 0) return { int: '0', frac: '0'.repeat(-exp - 1) + digits };
  if (digits.length <= exp + 1) return { int: digits + '0'.repeat(exp + 1 - digits.length), frac: '' };
  return { int: digits.slice(0, exp + 1), frac: digits.slice(exp + 1) };
}

const sign = (v: number) => (v < 0 || Object.is(v, -0) ? '-' : '');

// ---------------------------------------------------------------------------------------------
// Per-dtype element formatters, sized from all (summarized) elements like numpy's

type ElementFormat = (v: number) => string;

function boolFormat(zeroDim: boolean): ElementFormat {
  // " True" lines up with "False" except where nothing needs lining up
  const t = zeroDim ? 'True' : ' True';
  return (v) => (v ? t : 'False');
}

// past 2^53 String() rounds to 17 digits; numpy shows the integer the float64 holds exactly
const intString = (v: number) => (Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v));

function intFormat(values: readonly number[]): ElementFormat {
  let width = 0;
  for (const v of values) width = Math.max(width, intString(v).length);
  return (v) => intString(v).padStart(width);
}

function floatFormat(values: readonly number[], p: Prec): ElementFormat {
  const round = p === 32 ? Math.fround : p === 16 ? roundF16 : (x: number) => x;
  const finite = values.filter(Number.isFinite);
  let maxAbs = -Infinity, minAbs = Infinity;
  for (const v of finite) {
    const a = Math.abs(v);
    if (a === 0) continue;
    if (a > maxAbs) maxAbs = a;
    if (a < minAbs) minAbs = a;
  }
  // numpy decides in the array's own precision: float32 compares against float32 constants and
  // leaves positional notation at 1e6 instead of 1e8, where its digits run out
  const useExp = maxAbs !== -Infinity
    && (maxAbs >= (p === 16 ? 1e3 : p === 32 ? 1e6 : 1e8) || minAbs < round(1e-4) || round(maxAbs / minAbs) > 1000);

  let padLeft = 0, padRight = 0, fracDigits = 0, expSize = -1;
  if (finite.length > 0 && useExp) {
    for (const v of finite) {
      const d = scientificDigits(Math.abs(v), p, PRECISION);
      padLeft = Math.max(padLeft, sign(v).length + 1);
      fracDigits = Math.max(fracDigits, d.digits.length - 1);
      expSize = Math.max(expSize, Math.max(2, String(Math.abs(d.exp)).length));
    }
    padRight = expSize + 2 + fracDigits;
  } else if (finite.length > 0) {
    for (const v of finite) {
      const q = positionalParts(positionalDigits(Math.abs(v), p, PRECISION));
      padLeft = Math.max(padLeft, sign(v).length + q.int.length);
      padRight = Math.max(padRight, q.frac.length);
    }
  }
  if (finite.length !== values.length) {
    const negInf = values.some((v) => v === -Infinity) ? 1 : 0;
    padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + negInf - (padRight + 1));
  }
  const width = padLeft + padRight + 1;

  return (v) => {
    if (Number.isNaN(v)) return 'nan'.padStart(width);
    if (!Number.isFinite(v)) return (v < 0 ? '-inf' : 'inf').padStart(width);
    if (useExp) {
      const d = paddedScientificDigits(Math.abs(v), p, fracDigits);
      const mant = (sign(v) + d.digits[0]!).padStart(padLeft);
      const frac = d.digits.slice(1).padEnd(fracDigits, '0');
      const ex = String(Math.abs(d.exp)).padStart(expSize, '0');
      return `${mant}.${frac}e${d.exp < 0 ? '-' : '+'}${ex}`;
    }
    const q = positionalParts(positionalDigits(Math.abs(v), p, PRECISION));
    return `${(sign(v) + q.int).padStart(padLeft)}.${q.frac.padEnd(padRight)}`;
  };
}

function elementFormat(dtype: DType, values: readonly number[], zeroDim: boolean): ElementFormat {
  if (dtype === 'bool') return boolFormat(zeroDim);
  if (isFloat(dtype)) return floatFormat(values, PREC[dtype]);
  return intFormat(values);
}

// ---------------------------------------------------------------------------------------------
// Layout: nesting, summarization and line wrapping (numpy's _formatArray)

function rowStrides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let d = shape.length - 1; d >= 0; d--) { st[d] = s; s *= shape[d]!; }
  return st;
}

/** Indices shown along an axis: all, or the edge items when summarizing. */
function shownIndices(n: number, summarize: boolean): number[] {
  const out: number[] = [];
  if (summarize && n > 2 * EDGE_ITEMS) {
    for (let i = 0; i < EDGE_ITEMS; i++) out.push(i);
    for (let i = n - EDGE_ITEMS; i < n; i++) out.push(i);
  } else {
    for (let i = 0; i < n; i++) out.push(i);
  }
  return out;
}

/** The elements that will be printed: numpy sizes the columns from these alone. */
function shownValues(a: NDArray, summarize: boolean): number[] {
  const { shape, data } = a;
  const strides = rowStrides(shape);
  const out: number[] = [];
  const walk = (axis: number, offset: number): void => {
    if (axis === shape.length) { out.push(data[offset]!); return; }
    for (const i of shownIndices(shape[axis]!, summarize)) walk(axis + 1, offset + i * strides[axis]!);
  };
  walk(0, 0);
  return out;
}

function layout(a: NDArray, separator: string, prefix: string, lineWidth: number): string {
  if (a.size === 0) return '[]';
  const summarize = a.size > THRESHOLD;
  const fmt = elementFormat(a.dtype, shownValues(a, summarize), a.shape.length === 0);
  const { shape, data } = a;
  const strides = rowStrides(shape);
  const sepTrim = separator.trimEnd();

  const recurse = (axis: number, offset: number, hanging: string, width: number): string => {
    if (axis === shape.length) return fmt(data[offset]!);
    const n = shape[axis]!, st = strides[axis]!;
    const summary = summarize && n > 2 * EDGE_ITEMS;
    const lead = summary ? EDGE_ITEMS : 0;
    const firstTrailing = summary ? n - EDGE_ITEMS : 0;
    const innerHanging = hanging + ' ';
    const innerWidth = width - 1;
    const child = (i: number) => recurse(axis + 1, offset + i * st, innerHanging, innerWidth);
    let s = '';
    if (axis === shape.length - 1) {
      const elemWidth = width - Math.max(sepTrim.length, 1);
      let line = hanging;
      const extend = (word: string): void => {
        // wrapping a line that holds only the indent would not make it any shorter
        if (line.length + word.length > elemWidth && line.length > hanging.length) {
          s += line.trimEnd() + '\n';
          line = hanging;
        }
        line += word;
      };
      for (let i = 0; i < lead; i++) { extend(child(i)); line += separator; }
      if (summary) { extend('...'); line += separator; }
      for (let i = firstTrailing; i < n - 1; i++) { extend(child(i)); line += separator; }
      extend(child(n - 1));
      s += line;
    } else {
      const lineSep = sepTrim + '\n'.repeat(shape.length - axis - 1);
      for (let i = 0; i < lead; i++) s += hanging + child(i) + lineSep;
      if (summary) s += hanging + '...' + lineSep;
      for (let i = firstTrailing; i < n - 1; i++) s += hanging + child(i) + lineSep;
      s += hanging + child(n - 1);
    }
    return '[' + s.slice(hanging.length) + ']';
  };
  return recurse(0, 0, ' ' + ' '.repeat(prefix.length), lineWidth);
}

// ---------------------------------------------------------------------------------------------
// Public entry points

/** numpy leaves out the dtype where an untyped literal would produce it. */
const IMPLIED_DTYPES: readonly DType[] = ['float64', 'int64', 'bool'];

const shapeRepr = (shape: readonly number[]) =>
  shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;

/** numpy's `repr(a)`: `array([[1., 2.],\n       [3., 4.]])`. */
export function formatNDArray(a: NDArray): string {
  const prefix = 'array(';
  const body = layout(a, ', ', prefix, LINE_WIDTH - 1);
  const extras: string[] = [];
  if ((a.size === 0 && !(a.shape.length === 1)) || a.size > THRESHOLD) extras.push(`shape=${shapeRepr(a.shape)}`);
  if (!IMPLIED_DTYPES.includes(a.dtype) || a.size === 0) extras.push(`dtype=${a.dtype}`);
  if (extras.length === 0) return `${prefix}${body})`;
  const head = `${prefix}${body},`;
  const tail = extras.join(', ') + ')';
  const lastLine = head.length - (head.lastIndexOf('\n') + 1);
  const spacer = lastLine + tail.length + 1 > LINE_WIDTH ? '\n' + ' '.repeat(prefix.length) : ' ';
  return head + spacer + tail;
}

/** numpy's `str(a)`: `[[1. 2.]\n [3. 4.]]`; a 0-d array prints as its scalar (`5.0`). */
export function formatValue(a: NDArray): string {
  if (a.shape.length === 0) return scalarString(a.data[0]!, a.dtype);
  return layout(a, ' ', '', LINE_WIDTH);
}

/** numpy's `str` of one scalar: Python-like floats (`5.0`, `1e+16`, `1.5e-05`). */
function scalarString(v: number, dtype: DType): string {
  if (dtype === 'bool') return v ? 'True' : 'False';
  if (!isFloat(dtype)) return intString(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  const p = PREC[dtype];
  const a = Math.abs(v);
  // numpy switches to scientific earlier for float32, whose digits run out sooner
  if (a === 0 || (a >= 1e-4 && a < (p === 16 ? 1e3 : p === 32 ? 1e6 : 1e16))) {
    const q = positionalParts(shortestDigits(a, p));
    return `${sign(v)}${q.int}.${q.frac || '0'}`;
  }
  const d = shortestDigits(a, p);
  const frac = d.digits.length > 1 ? '.' + d.digits.slice(1) : '';
  const ex = String(Math.abs(d.exp)).padStart(2, '0');
  return `${sign(v)}${d.digits[0]}${frac}e${d.exp < 0 ? '-' : '+'}${ex}`;
}
