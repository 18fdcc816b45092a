// A host whose ops return S-expressions, so a test can read the shape of the call tree
// that a formula turned into.
import type { SourceLoc, TemplateHost } from '../../compiler/template/index.ts';
import { evaluateTemplate, TemplateError, TemplateLambda } from '../../compiler/template/index.ts';

const OPS = [
  'add', 'sub', 'mul', 'true_div', 'int_div', 'mod', 'dot', 'pow', 'neg', 'invert',
  'or_', 'xor', 'and_', 'lt', 'le', 'gt', 'ge', 'eq', 'neq', 'switch',
  'transpose', 'shape', 'subtensor', 'sum', 'mean', 'exp', 'log', 'sigmoid', 'dimshuffle', 'maximum', 'reshape',
];

export function show(value: unknown): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return `[${value.map(show).join(' ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.kind === 'slice') {
      const part = (v: unknown) => (v === null ? '' : show(v));
      return `${part(record.start)}:${part(record.stop)}:${part(record.step)}`;
    }
    if (record.kind === 'newaxis') return 'newaxis';
    return `{${Object.entries(record).map(([k, v]) => `${k}=${show(v)}`).join(' ')}}`;
  }
  return String(value);
}

export interface FakeHost extends TemplateHost {
  located: { value: unknown; loc: SourceLoc }[];
  variables: { name: string; dtype: string; dims: (number | string)[] }[];
}

export function fakeHost(extra: Record<string, (...args: any[]) => unknown> = {}): FakeHost {
  const functions: Record<string, (...args: any[]) => unknown> = {};
  for (const op of OPS) functions[op] = (...args: unknown[]) => `(${[op, ...args.map(show)].join(' ')})`;
  Object.assign(functions, extra);
  const host: FakeHost = {
    functions,
    located: [],
    variables: [],
    isTensor: (v) => typeof v === 'string',
    variable(name, dtype, dims) {
      host.variables.push({ name, dtype, dims });
      return name;
    },
    locate(value, loc) {
      host.located.push({ value, loc });
    },
  };
  return host;
}

/** Tag for tests: evaluates with a fresh fake host and shows the result. */
export function sx(strings: TemplateStringsArray, ...values: unknown[]): string {
  return show(evaluateTemplate(fakeHost(), strings, values));
}

/** The TemplateError a template throws, for asserting on its message and location. */
export function errorOf(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
  throw new Error('expected a TemplateError, but the template evaluated');
}

const PARAMS = '(a: f64, b: f64, c: f64, d: f64, e: f64, x: f64[n, m], y: f64[m], w: f64) => ';

/** The body of a formula over the parameters a, b, c, d, e, x, y, w, shown as an S-expression. */
export function body(formula: string, host = fakeHost()): string {
  const result = evaluateTemplate(host, [PARAMS + formula], []);
  if (!(result instanceof TemplateLambda)) throw new Error('expected a lambda');
  return show(result.body);
}
