// esbuild locations: line 1-based, column and length 0-based in UTF-8 bytes, with the line text.
import { relative } from 'node:path';
import type { Location } from 'esbuild';

export function locationAt(file: string, text: string, offset: number, length: number, workingDir: string): Location {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl < 0 ? text.length : nl;
  const lineText = text.slice(lineStart, lineEnd).replace(/\r$/, '');
  const line = countLines(text, lineStart) + 1;
  const inLine = Math.min(offset + length, lineStart + lineText.length) - offset;
  return {
    file: relative(workingDir, file),
    namespace: 'file',
    line,
    column: Buffer.byteLength(text.slice(lineStart, offset)),
    length: Math.max(0, Buffer.byteLength(text.slice(offset, offset + inLine))),
    lineText,
    suggestion: '',
  };
}

/** The offset of a 1-based line and column as V8 reports them. */
export function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    start = nl + 1;
  }
  return start + column - 1;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
