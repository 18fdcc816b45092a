import { TemplateError } from './errors.ts';
import { INTERPOLATION_LENGTH, locate, type Span, type TemplateSource } from './source.ts';

export type Token =
  | { kind: 'num'; value: number; text: string; span: Span }
  | { kind: 'str'; value: string; text: string; span: Span }
  | { kind: 'name'; text: string; span: Span }
  | { kind: 'op'; text: string; span: Span }
  | { kind: 'interp'; index: number; text: string; span: Span }
  | { kind: 'eof'; text: string; span: Span };

// Longest first so that '**' wins over '*'. '&&', '||', '!', '===' and '!==' are not
// operators of the language; they are tokens only so the parser can name the right one.
const OPERATORS = [
  '===', '!==',
  '**', '//', '<=', '>=', '==', '!=', '=>', '&&', '||',
  '<', '>', '=', '+', '-', '*', '/', '%', '@', '|', '^', '&', '~', '?', ':', '(', ')', '[', ']', ',', '.', '!',
];

const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(String.raw`(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?`, 'y');
const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const WORD_TAIL = /[\p{L}\p{N}_.]*/uy;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

function matchAt(re: RegExp, s: string, i: number): string | undefined {
  re.lastIndex = i;
  return re.exec(s)?.[0];
}

export function lex(source: TemplateSource): Token[] {
  const parts = source.strings;
  const tokens: Token[] = [];
  const fail = (detail: string, span: Span): never => {
    throw new TemplateError(detail, locate(source, span));
  };
  // A comment runs to the end of its line even across interpolations, so that a value
  // mentioned in a comment is not silently spliced into the formula.
  let inComment = false;

  for (let p = 0; p < parts.length; p++) {
    const s = parts[p]!;
    let i = 0;
    if (inComment) {
      const nl = s.indexOf('\n');
      inComment = nl < 0;
      i = nl < 0 ? s.length : nl + 1;
    }
    while (i < s.length) {
      const c = s[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        i++;
        continue;
      }
      if (c === '#') {
        const nl = s.indexOf('\n', i);
        if (nl < 0) {
          inComment = true;
          i = s.length;
        } else {
          i = nl + 1;
        }
        continue;
      }
      // Python's explicit line continuation; harmless since newlines carry no meaning.
      if (c === '\\' && (s[i + 1] === '\n' || (s[i + 1] === '\r' && s[i + 2] === '\n'))) {
        i += s[i + 1] === '\n' ? 2 : 3;
        continue;
      }
      const number = /[0-9]/.test(c) || (c === '.' && /[0-9]/.test(s[i + 1] ?? '')) ? matchAt(NUMBER, s, i) : undefined;
      if (number !== undefined) {
        const tail = matchAt(WORD_TAIL, s, i + number.length) ?? '';
        if (tail !== '') {
          const whole = number + tail;
          const hint = /^\p{L}/u.test(tail) && !/^[eE][+-]?$/.test(tail) ? ` (missing '*' in '${number}*${tail}'?)` : '';
          fail(`invalid number literal '${whole}'${hint}`, { part: p, at: i, length: whole.length });
        }
        tokens.push({ kind: 'num', value: Number(number.replaceAll('_', '')), text: number, span: { part: p, at: i, length: number.length } });
        i += number.length;
        continue;
      }
      const name = matchAt(NAME, s, i);
      if (name !== undefined) {
        tokens.push({ kind: 'name', text: name, span: { part: p, at: i, length: name.length } });
        i += name.length;
        continue;
      }
      if (c === "'" || c === '"') {
        i = lexString(s, p, i, parts.length, tokens, fail);
        continue;
      }
      const op = OPERATORS.find((o) => s.startsWith(o, i));
      if (op !== undefined) {
        tokens.push({ kind: 'op', text: op, span: { part: p, at: i, length: op.length } });
        i += op.length;
        continue;
      }
      fail(`unexpected character '${c}'`, { part: p, at: i, length: 1 });
    }
    if (p < parts.length - 1 && !inComment) {
      tokens.push({ kind: 'interp', index: p, text: '${…}', span: { part: p, at: s.length, length: INTERPOLATION_LENGTH } });
    }
  }
  const last = parts.length - 1;
  tokens.push({ kind: 'eof', text: '', span: { part: last, at: parts[last]!.length, length: 0 } });
  return tokens;
}

function lexString(
  s: string,
  part: number,
  start: number,
  partCount: number,
  tokens: Token[],
  fail: (detail: string, span: Span) => never,
): number {
  const quote = s[start]!;
  let value = '';
  let i = start + 1;
  while (i < s.length) {
    const c = s[i]!;
    if (c === quote) {
      const text = s.slice(start, i + 1);
      tokens.push({ kind: 'str', value, text, span: { part, at: start, length: text.length } });
      return i + 1;
    }
    if (c === '\n' || c === '\r') break;
    if (c === '\\' && i + 1 < s.length) {
      const escaped = s[i + 1]!;
      // Unknown escapes keep their backslash, as in Python.
      value += ESCAPES[escaped] ?? '\\' + escaped;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  if (i === s.length && part < partCount - 1) {
    fail('a string literal cannot contain an interpolation', { part, at: s.length, length: INTERPOLATION_LENGTH });
  }
  return fail('unterminated string literal', { part, at: start, length: i - start });
}
