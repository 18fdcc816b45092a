import { lineAt, type SourceLoc } from './source.ts';

// A SyntaxError subclass so that callers who already catch SyntaxError for bad input
// also catch mistakes in a formula, including type and shape errors the host reports.
export class TemplateError extends SyntaxError {
  override name = 'TemplateError';
  loc: SourceLoc;
  detail: string;

  constructor(detail: string, loc: SourceLoc, options?: { cause?: unknown }) {
    super(`${detail}\n${showLocation(loc)}`, options);
    this.loc = loc;
    this.detail = detail;
  }
}

/** The template line holding `loc` and a caret line under it. */
export function showLocation(loc: SourceLoc): string {
  const info = lineAt(loc.source.text, loc.offset);
  const column = info.column - 1;
  // Copy tabs so the caret lines up however the terminal renders them.
  const pad = info.lineText.slice(0, column).replace(/[^\t]/g, ' ');
  const visible = Math.max(1, Math.min(loc.length, info.lineText.length - column));
  const marks = '^' + '~'.repeat(visible - 1);
  if (info.lineCount === 1) return `  ${info.lineText}\n  ${pad}${marks}`;
  const width = String(info.lineCount).length;
  const gutter = String(info.line).padStart(width);
  return `  ${gutter} | ${info.lineText}\n  ${' '.repeat(width)} | ${pad}${marks}`;
}
