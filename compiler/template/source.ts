// Where things are in a template. Positions are kept as (part, offset within that raw
// part) while parsing, because the parse is cached per call site and must not depend
// on the interpolated values; the display text, which shows interpolated names, is
// built only when a position has to be reported.

export interface TemplateSource {
  strings: readonly string[];
  text: string;
  partStarts: number[];
}

export interface SourceLoc {
  source: TemplateSource;
  offset: number;
  part: number;
  partOffset: number;
  length: number;
}

/** A position inside one raw part; `length < 0` marks the interpolation that follows the part. */
export interface Span {
  part: number;
  at: number;
  length: number;
}

export const INTERPOLATION_LENGTH = -1;

// Template strings as written in the file, so that offsets map back to file columns
// and invalid escapes (whose cooked string is undefined) cannot break the lexer.
export function rawParts(strings: TemplateStringsArray | readonly string[]): readonly string[] {
  const raw = (strings as Partial<TemplateStringsArray>).raw;
  return Array.isArray(raw) && raw.length === strings.length ? raw : strings;
}

function interpolationLabel(value: unknown): string {
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    // A getter or proxy may throw; a label is never worth failing for.
    try {
      const name = (value as { name?: unknown }).name;
      if (typeof name === 'string' && name !== '') return '${' + name + '}';
    } catch {
      // fall through to the anonymous label
    }
  }
  return '${…}';
}

export function makeSource(strings: readonly string[], values?: readonly unknown[]): TemplateSource {
  let text = '';
  const partStarts: number[] = [];
  strings.forEach((part, i) => {
    partStarts.push(text.length);
    text += part;
    if (i < strings.length - 1) text += interpolationLabel(values?.[i]);
  });
  return { strings, text, partStarts };
}

export function locate(source: TemplateSource, span: Span): SourceLoc {
  const offset = source.partStarts[span.part]! + span.at;
  const length =
    span.length >= 0 ? span.length : (source.partStarts[span.part + 1] ?? source.text.length) - offset;
  return { source, offset, part: span.part, partOffset: span.at, length };
}

export interface LineInfo {
  line: number; // 1-based
  lineCount: number;
  lineStart: number;
  lineText: string;
  column: number; // 1-based
}

export function lineAt(text: string, offset: number): LineInfo {
  const lines = text.split('\n');
  let lineStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const end = lineStart + lines[i]!.length;
    if (offset <= end || i === lines.length - 1) {
      return {
        line: i + 1,
        lineCount: lines.length,
        lineStart,
        lineText: lines[i]!.replace(/\r$/, ''),
        column: offset - lineStart + 1,
      };
    }
    lineStart = end + 1;
  }
  throw new Error('unreachable');
}

/** "column 5", or "line 2, column 5" when the template spans several lines. */
export function describePosition(source: TemplateSource, span: Span): string {
  const info = lineAt(source.text, locate(source, span).offset);
  return info.lineCount > 1 ? `line ${info.line}, column ${info.column}` : `column ${info.column}`;
}
