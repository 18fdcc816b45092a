import type { Ast, Expr, IndexEntry, KeywordArg } from './ast.ts';
import { TemplateError } from './errors.ts';
import type { TemplateHost } from './host.ts';
import { TemplateLambda } from './lambda.ts';
import { parseCached } from './parser.ts';
import { locate, makeSource, rawParts, type SourceLoc, type Span, type TemplateSource } from './source.ts';
import { closest } from './suggest.ts';

const BINARY_FUNCTIONS: Readonly<Record<string, string>> = {
  '|': 'or_',
  '^': 'xor',
  '&': 'and_',
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'true_div',
  '//': 'int_div',
  '%': 'mod',
  '@': 'dot',
  '**': 'pow',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '==': 'eq',
  '!=': 'neq',
};

const UNARY_FUNCTIONS: Readonly<Record<string, string>> = { '-': 'neg', '~': 'invert' };

// Unlike true/None, a lambda parameter may shadow these: `e` and `pi` are common input names.
const CONSTANTS: Readonly<Record<string, number>> = { inf: Infinity, nan: NaN, pi: Math.PI, e: Math.E };

const ATTRIBUTES = ['T', 'shape', 'ndim', 'dtype'];

export type Slice = { kind: 'slice'; start: unknown; stop: unknown; step: unknown };
export type NewAxis = { kind: 'newaxis' };

type HostFunction = (...args: unknown[]) => unknown;

/** Runs a template against a host: the value of the formula, or a TemplateLambda for the lambda form. */
export function evaluateTemplate(host: TemplateHost, strings: TemplateStringsArray | readonly string[], values: readonly unknown[]): unknown {
  if (values.length !== strings.length - 1) {
    throw new TypeError(`a template with ${strings.length} string parts takes ${strings.length - 1} values, got ${values.length}`);
  }
  const ast = parseCached(strings, values);
  return new Evaluation(host, rawParts(strings), values).run(ast);
}

/** `keep_dims=true` in a formula reaches the host as `{ keepDims: true }`. */
export function camelCase(name: string): string {
  return name.replace(/(?<=[\p{L}\p{N}])_+([\p{L}\p{N}])/gu, (_, c: string) => c.toUpperCase());
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

class Evaluation {
  private readonly scope = new Map<string, unknown>();
  private sourceCache: TemplateSource | undefined;

  constructor(
    private readonly host: TemplateHost,
    private readonly strings: readonly string[],
    private readonly values: readonly unknown[],
  ) {}

  run(ast: Ast): unknown {
    if (ast.kind === 'expr') return this.evaluate(ast.body);
    const params = ast.params.map((param) => {
      const variable = this.invoke(() => this.host.variable(param.name, param.dtype, param.dims), param.span);
      this.scope.set(param.name, variable);
      return variable;
    });
    const body = this.evaluate(ast.body);
    return new TemplateLambda(
      params,
      ast.params.map((p) => p.name),
      ast.params.map((p) => p.dims),
      body,
    );
  }

  // Built only when a position is reported: most evaluations never need it.
  private get source(): TemplateSource {
    return (this.sourceCache ??= makeSource(this.strings, this.values));
  }

  private loc(span: Span): SourceLoc {
    return locate(this.source, span);
  }

  private fail(detail: string, span: Span): never {
    throw new TemplateError(detail, this.loc(span));
  }

  /** Host failures (type errors, shape errors) are reported at the formula position that caused them. */
  private invoke(thunk: () => unknown, span: Span): unknown {
    const result = this.guard(thunk, span);
    this.host.locate?.(result, this.loc(span));
    return result;
  }

  private guard(thunk: () => unknown, span: Span): unknown {
    try {
      return thunk();
    } catch (error) {
      const detail = error instanceof TemplateError ? error.detail : error instanceof Error ? error.message : String(error);
      throw new TemplateError(detail, this.loc(span), { cause: error });
    }
  }

  private hostFunction(name: string): HostFunction | undefined {
    const functions = this.host.functions as Record<string, unknown>;
    // Inherited Object.prototype members such as 'constructor' are not ops.
    if (name in Object.prototype && !Object.hasOwn(functions, name)) return undefined;
    const fn = functions[name];
    return typeof fn === 'function' ? (fn as HostFunction) : undefined;
  }

  private apply(fn: HostFunction, args: unknown[], span: Span): unknown {
    return this.invoke(() => fn.apply(this.host.functions, args), span);
  }

  private operator(name: string, symbol: string, args: unknown[], span: Span): unknown {
    const fn = this.hostFunction(name);
    if (fn === undefined) this.fail(`${symbol} needs the host function '${name}', which this host does not provide`, span);
    return this.apply(fn, args, span);
  }

  private suggestion(name: string, candidates: Iterable<string>): string {
    const near = closest(name, candidates);
    return near === undefined ? '' : ` (did you mean '${near}'?)`;
  }

  private evaluate(expr: Expr): unknown {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'interp': {
        const value = this.values[expr.index];
        if (value === undefined) this.fail('the interpolated value is undefined', expr.span);
        return value;
      }
      case 'name':
        return this.evaluateName(expr.name, expr.span);
      case 'list':
        return expr.items.map((item) => this.evaluate(item));
      case 'unary': {
        // Matches the parser's folding of `-2`, so `-inf` stays a plain number too.
        const { operand: inner } = expr;
        if (expr.op === '-' && inner.kind === 'name' && !this.scope.has(inner.name) && Object.hasOwn(CONSTANTS, inner.name)) {
          return -CONSTANTS[inner.name]!;
        }
        const operand = this.evaluate(inner);
        return this.operator(UNARY_FUNCTIONS[expr.op]!, `unary '${expr.op}'`, [operand], expr.span);
      }
      case 'binary': {
        const left = this.evaluate(expr.left);
        const right = this.evaluate(expr.right);
        return this.operator(BINARY_FUNCTIONS[expr.op]!, `operator '${expr.op}'`, [left, right], expr.span);
      }
      case 'compare':
        return this.evaluateComparison(expr.ops, expr.operands, expr.spans);
      case 'cond': {
        const args = [this.evaluate(expr.test), this.evaluate(expr.then), this.evaluate(expr.else)];
        return this.operator('switch', "'? :'", args, expr.span);
      }
      case 'call':
        return this.evaluateCall(expr.callee, expr.args, expr.kwargs, expr.span);
      case 'method': {
        const object = this.evaluate(expr.object);
        const fn = this.hostFunction(expr.name);
        if (fn === undefined) {
          this.fail(`unknown method '${expr.name}'${this.suggestion(expr.name, Object.keys(this.host.functions))}`, expr.span);
        }
        return this.apply(fn, [object, ...this.arguments(expr.args, expr.kwargs)], expr.span);
      }
      case 'attr':
        return this.evaluateAttribute(this.evaluate(expr.object), expr.name, expr.span);
      case 'index': {
        const object = this.evaluate(expr.object);
        const entries = expr.entries.map((entry) => this.evaluateIndexEntry(entry));
        return this.operator('subtensor', 'indexing', [object, entries], expr.span);
      }
    }
  }

  private evaluateName(name: string, span: Span): unknown {
    if (this.scope.has(name)) return this.scope.get(name);
    if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name];
    if (this.hostFunction(name) !== undefined) this.fail(`'${name}' is a function: call it as ${name}(...)`, span);
    return this.fail(`unknown name '${name}': interpolate it as \${${name}} or declare it as a lambda parameter`, span);
  }

  /** Python chaining: `a < b < c` is `a < b & b < c`, with `b` evaluated once. */
  private evaluateComparison(ops: string[], operands: Expr[], spans: Span[]): unknown {
    let left = this.evaluate(operands[0]!);
    let result: unknown;
    ops.forEach((op, i) => {
      const right = this.evaluate(operands[i + 1]!);
      const span = spans[i]!;
      const comparison = this.operator(BINARY_FUNCTIONS[op]!, `operator '${op}'`, [left, right], span);
      result = i === 0 ? comparison : this.operator('and_', 'a chained comparison', [result, comparison], span);
      left = right;
    });
    return result;
  }

  private evaluateCall(callee: Expr, args: Expr[], kwargs: KeywordArg[], span: Span): unknown {
    let fn: HostFunction;
    if (callee.kind === 'name') {
      // Parameters shadow function names only as values: `exp(exp)` still calls the op.
      const found = this.hostFunction(callee.name);
      if (found === undefined) {
        this.fail(`unknown function '${callee.name}'${this.suggestion(callee.name, Object.keys(this.host.functions))}`, callee.span);
      }
      fn = found;
    } else {
      const value = this.evaluate(callee);
      if (typeof value !== 'function') this.fail(`only functions can be called, not ${describeValue(value)}`, span);
      fn = value as HostFunction;
    }
    return this.apply(fn, this.arguments(args, kwargs), span);
  }

  private arguments(args: Expr[], kwargs: KeywordArg[]): unknown[] {
    const values = args.map((arg) => this.evaluate(arg));
    if (kwargs.length === 0) return values;
    const options: Record<string, unknown> = {};
    for (const kwarg of kwargs) {
      // defineProperty, so a keyword named __proto__ cannot replace the prototype.
      Object.defineProperty(options, camelCase(kwarg.name), {
        value: this.evaluate(kwarg.value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return [...values, options];
  }

  private evaluateAttribute(object: unknown, name: string, span: Span): unknown {
    switch (name) {
      case 'T':
        return this.operator('transpose', "'.T'", [object], span);
      case 'shape':
        return this.operator('shape', "'.shape'", [object], span);
      case 'ndim':
      case 'dtype': {
        const value = this.guard(() => (object === null || object === undefined ? undefined : (object as Record<string, unknown>)[name]), span);
        if (value === undefined) {
          const what = this.host.isTensor(object) ? 'this tensor' : describeValue(object);
          this.fail(`'.${name}' is not defined for ${what}`, span);
        }
        this.host.locate?.(value, this.loc(span));
        return value;
      }
    }
    if (this.hostFunction(name) !== undefined) this.fail(`unknown attribute '${name}': '${name}' is a method, call it as .${name}(...)`, span);
    const near = this.suggestion(name, ATTRIBUTES);
    return this.fail(`unknown attribute '${name}'${near || `: expected ${ATTRIBUTES.join(', ')} or a method call`}`, span);
  }

  private evaluateIndexEntry(entry: IndexEntry): unknown {
    if (entry.kind === 'slice') {
      const part = (e: Expr | null) => (e === null ? null : this.evaluate(e));
      return { kind: 'slice', start: part(entry.start), stop: part(entry.stop), step: part(entry.step) } satisfies Slice;
    }
    const value = this.evaluate(entry.value);
    // None, newaxis and an interpolated null all mean numpy's newaxis.
    return value === null ? ({ kind: 'newaxis' } satisfies NewAxis) : value;
  }
}
