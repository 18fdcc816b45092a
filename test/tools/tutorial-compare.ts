// Comparing a sample's printed output with the seed's, as samples/tutorial/manifest.ts explains.

export interface Token { text: string; num: number | null }

const TOKEN = /\{num\}|\{path\}|\/[^\s,'")\]]+|[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|nan|inf|\S/gi;

export function tokens(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map(([t]) => {
    const lower = t.toLowerCase();
    const num = lower === 'nan' ? NaN : lower === 'inf' ? Infinity : /^[-+]?\.?\d/.test(t) ? Number(t) : null;
    return { text: t, num };
  });
}

/** Half a unit in the last digit the seed printed: 0.73105858 allows ±5e-9, 1.56e+02 ±0.5. */
function tolerance(expected: string): number {
  const m = /^[-+]?\d*\.?(\d*)(?:e([-+]?\d+))?$/i.exec(expected);
  if (!m) return 0;
  const decimals = m[1]!.length, exp = Number(m[2] ?? 0);
  return 0.5 * 10 ** (exp - decimals) * (1 + 1e-9) + 1e-12 * Math.abs(Number(expected));
}

function same(want: Token, got: Token): boolean {
  if (want.text === '{num}') return got.num !== null;
  if (want.text === '{path}') return got.text.startsWith('/');
  if (want.num !== null && got.num !== null) {
    if (Number.isNaN(want.num)) return Number.isNaN(got.num);
    if (!Number.isFinite(want.num)) return want.num === got.num;
    return Math.abs(want.num - got.num) <= tolerance(want.text);
  }
  return want.text === got.text;
}

const matchesAt = (out: Token[], at: number, block: Token[]) =>
  at + block.length <= out.length && block.every((t, i) => same(t, out[at + i]!));

export interface Comparison {
  ok: boolean;
  /** What each expected entry matched (its `{num}` values, if any), as text, for same/differ checks. */
  matched: string[];
  /** Why not, when !ok. */
  reason?: string;
}

const show = (ts: Token[]) => ts.map((t) => t.text).join(' ');

/** Strict: the output is exactly the expected entries, in order. Partial: they appear in order. */
export function compare(output: string, expected: readonly string[], partial: boolean): Comparison {
  const out = tokens(output);
  const matched: string[] = [];
  let pos = 0;
  for (const [k, entry] of expected.entries()) {
    const block = tokens(entry);
    let at = pos;
    if (partial) while (at < out.length && !matchesAt(out, at, block)) at++;
    if (!matchesAt(out, at, block)) {
      return { ok: false, matched, reason: `expected entry ${k} (${show(block)}) not found ${partial ? 'after' : 'at'} output ${JSON.stringify(show(out.slice(pos, pos + block.length + 8)))}` };
    }
    // for same/differ, a block's identity is the numbers its wildcards stood for, if it has any
    const got = out.slice(at, at + block.length);
    const wild = got.filter((_, i) => block[i]!.text === '{num}');
    matched.push(show(wild.length ? wild : got));
    pos = at + block.length;
  }
  if (!partial && pos < out.length) return { ok: false, matched, reason: `unexpected output after the last expected entry: ${show(out.slice(pos, pos + 20))}` };
  return { ok: true, matched };
}

/** The printed lines a comparison looks at: echo lines ('> code') are there for the reader. */
export const comparedText = (lines: readonly string[]): string =>
  lines.flatMap((l) => l.split('\n')).filter((l) => !l.startsWith('> ')).join('\n');
