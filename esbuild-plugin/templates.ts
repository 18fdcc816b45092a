// Finding a template in the user's files, with ts-morph: an error inside `tensor\`...\`` knows
// only the template's raw strings and a position in one of them, so the template is found by
// matching those strings against every tagged template in the candidate files.
// ts-morph is loaded on demand: a build without errors never pays for it.
import type { Frame } from './stack.ts';

export interface TemplatePosition { strings: readonly string[]; part: number; partOffset: number; length: number }

/** Where in a file an error points: a character offset and length. */
export interface FileSpan { file: string; start: number; length: number }

/** [start, end) of one raw part in the file text. */
type Segment = readonly [number, number];

/** A match is picked by the stack when the same template text occurs more than once. */
export async function findTemplate(files: readonly { file: string; text: string }[], t: TemplatePosition, hints: readonly Frame[]): Promise<FileSpan | null> {
  const { Project, SyntaxKind, Node } = await import('ts-morph');
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { allowJs: true } });
  for (const { file, text } of files) {
    const source = project.createSourceFile(file.replace(/\.[cm]?[jt]sx?$/, '') + '.ts', text, { overwrite: true });
    const matches: { segments: Segment[]; line: number }[] = [];
    for (const tagged of source.getDescendantsOfKind(SyntaxKind.TaggedTemplateExpression)) {
      const tpl = tagged.getTemplate();
      const segments: Segment[] = Node.isNoSubstitutionTemplateLiteral(tpl)
        ? [[tpl.getStart() + 1, tpl.getEnd() - 1]]
        : (() => {
          const expr = tpl.asKindOrThrow(SyntaxKind.TemplateExpression);
          const head = expr.getHead();
          const spans = expr.getTemplateSpans().map((s): Segment => {
            const lit = s.getLiteral();
            return [lit.getStart() + 1, lit.getEnd() - (Node.isTemplateTail(lit) ? 1 : 2)];
          });
          return [[head.getStart() + 1, head.getEnd() - 2] as Segment, ...spans];
        })();
      if (segments.length !== t.strings.length) continue;
      if (segments.every(([a, b], i) => normalize(text.slice(a, b)) === t.strings[i])) {
        matches.push({ segments, line: tagged.getStartLineNumber() });
      }
    }
    if (matches.length === 0) continue;
    const near = hints.filter((h) => h.file === file);
    const best = near.length === 0 ? matches[0]! : matches.reduce((a, b) => (distance(b.line, near) < distance(a.line, near) ? b : a));
    return span(file, text, best.segments, t);
  }
  return null;
}

const distance = (line: number, frames: readonly Frame[]) => Math.min(...frames.map((f) => Math.abs(f.line - line)));

// Template raw strings have their line breaks normalized to \n, the file may have \r\n.
const normalize = (s: string) => s.replace(/\r\n?/g, '\n');

function span(file: string, text: string, segments: readonly Segment[], t: TemplatePosition): FileSpan {
  const [a, b] = segments[t.part]!;
  let pos = a;
  for (let n = 0; n < t.partOffset && pos < b; n++) pos += text.startsWith('\r\n', pos) ? 2 : 1;
  let length = Math.max(0, t.length);
  const next = segments[t.part + 1];
  // a position at the end of a part is the interpolation after it: cover `${...}`
  if (pos >= b && next) length = next[0] - b;
  return { file, start: pos, length };
}
