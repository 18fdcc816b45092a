import type { DType } from '../../runtime/dtype.ts';
import type { SourceLoc } from './source.ts';

/**
 * What the template language needs from a graph builder. Keeping it this narrow lets
 * the front end be built and tested without the compiler behind it.
 */
export interface TemplateHost {
  functions: Record<string, (...args: any[]) => unknown>;
  isTensor(v: unknown): boolean;
  variable(name: string, dtype: DType, dims: (number | string)[]): unknown;
  /** Told where each value an operator, call, index or attribute produced came from (primitives included), and where each lambda parameter was declared. */
  locate?(value: unknown, loc: SourceLoc): void;
}
