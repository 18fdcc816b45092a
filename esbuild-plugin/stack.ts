// Stack traces from the evaluation bundle, mapped back to the user's files through the bundle's
// source map, so a throw in a graph module reports the line the user wrote.
import { SourceMap } from 'node:module';
import { resolve } from 'node:path';

export interface Frame {
  file: string;
  /** 1-based, as V8 prints. */
  line: number;
  /** 1-based, as V8 prints. */
  column: number;
}

export interface MappedStack { text: string; frames: Frame[] }

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class StackMapper {
  readonly #map: SourceMap;
  readonly #mapDir: string;
  readonly #location: RegExp;
  readonly #hidden: (file: string) => boolean;

  /**
   * `bundle` is how frames name the bundle (its URL and path); frames in files `hidden` says
   * are plumbing (the evaluation entry) and are dropped along with unmappable helper frames.
   */
  constructor(mapJson: string, mapDir: string, bundle: readonly string[], hidden: (file: string) => boolean) {
    this.#map = new SourceMap(JSON.parse(mapJson) as ConstructorParameters<typeof SourceMap>[0]);
    this.#mapDir = mapDir;
    this.#location = new RegExp(`(?:${bundle.map(escape).join('|')}):(\\d+):(\\d+)`);
    this.#hidden = hidden;
  }

  map(stack: string): MappedStack {
    const frames: Frame[] = [];
    const lines: string[] = [];
    for (const line of stack.split('\n')) {
      const m = this.#location.exec(line);
      if (!m) {
        lines.push(line);
        continue;
      }
      const entry = this.#map.findEntry(Number(m[1]) - 1, Number(m[2]) - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
      if (entry.originalSource === undefined || entry.originalLine === undefined) continue;
      const file = entry.originalSource.startsWith('file:') ? new URL(entry.originalSource).pathname : resolve(this.#mapDir, entry.originalSource);
      if (this.#hidden(file)) continue;
      const frame = { file, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
      frames.push(frame);
      lines.push(line.replace(m[0], `${file}:${frame.line}:${frame.column}`));
    }
    return { text: lines.join('\n'), frames };
  }
}
