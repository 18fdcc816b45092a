import type { Ast, BinaryOp, CompareOp, Expr, IndexEntry, KeywordArg, Param } from './ast.ts';
import { DTYPE_SPELLINGS, dtypeFromSpelling } from './dtype-names.ts';
import { TemplateError } from './errors.ts';
import { lex, type Token } from './lexer.ts';
import { describePosition, locate, makeSource, rawParts, type Span, type TemplateSource } from './source.ts';

// Binding powers follow Python, which Theano users already know; comparisons share
// one level because they chain instead of nesting.
const OR = 1;
const XOR = 2;
const AND = 3;
const COMPARE = 4;
const SUM = 5;
const PRODUCT = 6;

const BINARY_POWER: Readonly<Record<string, number>> = {
  '|': OR,
  '^': XOR,
  '&': AND,
  '<': COMPARE, '<=': COMPARE, '>': COMPARE, '>=': COMPARE, '==': COMPARE, '!=': COMPARE,
  '+': SUM, '-': SUM,
  '*': PRODUCT, '/': PRODUCT, '//': PRODUCT, '%': PRODUCT, '@': PRODUCT,
};

// Words that can never be shadowed by a parameter, unlike pi or e, which are
// ordinary names a formula may well want for its own inputs.
const KEYWORDS: Readonly<Record<string, boolean | null>> = {
  true: true,
  True: true,
  false: false,
  False: false,
  None: null,
  null: null,
  newaxis: null,
};

// Spellings from other languages, answered with the one this language uses.
const HINTS: Readonly<Record<string, string>> = {
  '&&': "use '&' for elementwise and",
  '||': "use '|' for elementwise or",
  '!': "use '~' for elementwise not",
  '===': "use '==' to compare",
  '!==': "use '!=' to compare",
  '=': "'=' only names keyword arguments; use '==' to compare",
  '=>': "a lambda form '(params) => body' must be the whole template",
  and: "use '&' for elementwise and",
  or: "use '|' for elementwise or",
  not: "use '~' for elementwise not",
};

const cache = new WeakMap<object, Ast>();

/** Parsed once per call site: a tagged template passes the same strings array every time. */
export function parseTemplate(strings: readonly string[]): Ast {
  return parseCached(strings);
}

/**
 * Like parseTemplate, but a syntax error shows the interpolated values' names, which
 * only the caller of the template knows.
 */
export function parseCached(strings: TemplateStringsArray | readonly string[], values?: readonly unknown[]): Ast {
  let ast = cache.get(strings);
  if (ast === undefined) {
    if (strings.length === 0) throw new TypeError('a template has at least one string part');
    ast = new Parser(makeSource(rawParts(strings), values)).parseTemplate();
    cache.set(strings, ast);
  }
  return ast;
}

class Parser {
  private readonly tokens: Token[];
  private pos = 0;

  constructor(private readonly source: TemplateSource) {
    this.tokens = lex(source);
  }

  parseTemplate(): Ast {
    if (this.peek().kind === 'eof') this.fail('empty template: expected an expression', this.peek().span);
    if (this.lambdaAhead()) return this.parseLambda();
    const body = this.parseExpr();
    this.expectEnd();
    return { kind: 'expr', body };
  }

  // ---- tokens ---------------------------------------------------------------

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private isOp(text: string, token = this.peek()): boolean {
    return token.kind === 'op' && token.text === text;
  }

  private fail(detail: string, span: Span): never {
    throw new TemplateError(detail, locate(this.source, span));
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case 'eof':
        return 'end of template';
      case 'num':
        return `number ${token.text}`;
      case 'str':
        return `string ${token.text}`;
      case 'name':
        return `name '${token.text}'`;
      case 'interp': {
        const loc = locate(this.source, token.span);
        return this.source.text.slice(loc.offset, loc.offset + loc.length);
      }
      case 'op':
        return `'${token.text}'`;
    }
  }

  private unexpected(expected: string, token = this.peek()): never {
    const hint = (token.kind === 'op' || token.kind === 'name') && Object.hasOwn(HINTS, token.text) ? ` (${HINTS[token.text]})` : '';
    return this.fail(`expected ${expected}, found ${this.describe(token)}${hint}`, token.span);
  }

  private expectClose(close: ')' | ']', open: Token, also?: string): Token {
    if (this.isOp(close)) return this.next();
    const what = also === undefined ? `'${close}'` : `${also} or '${close}'`;
    return this.unexpected(`${what} to close '${open.text}' at ${describePosition(this.source, open.span)}`);
  }

  private expectEnd(): void {
    if (this.peek().kind !== 'eof') this.unexpected('an operator or the end of the template');
  }

  /**
   * `( ... ) =>` decides the lambda form, as does `(name:`, which no expression starts
   * with; the second catches a parameter list too broken to balance its brackets.
   */
  private lambdaAhead(): boolean {
    if (!this.isOp('(')) return false;
    const first = this.peek(1).kind;
    if ((first === 'name' || first === 'interp') && this.isOp(':', this.peek(2))) return true;
    let depth = 0;
    for (let i = this.pos; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.kind !== 'op') continue;
      if (token.text === '(' || token.text === '[') depth++;
      else if (token.text === ')' || token.text === ']') {
        depth--;
        if (depth === 0) return this.isOp('=>', this.tokens[i + 1]);
      }
    }
    return false;
  }

  // ---- lambda form ----------------------------------------------------------

  private parseLambda(): Ast {
    const open = this.next();
    const params: Param[] = [];
    const seen = new Map<string, Span>();
    while (!this.isOp(')')) {
      const param = this.parseParam();
      const first = seen.get(param.name);
      if (first !== undefined) {
        this.fail(`duplicate parameter '${param.name}' (first declared at ${describePosition(this.source, first)})`, param.span);
      }
      seen.set(param.name, param.span);
      params.push(param);
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectClose(')', open, "','");
    this.next(); // '=>', guaranteed by lambdaAhead
    const body = this.parseExpr();
    this.expectEnd();
    return { kind: 'lambda', params, body };
  }

  private rejectInterpolation(token: Token): void {
    if (token.kind === 'interp') {
      this.fail('a lambda parameter list cannot contain an interpolation: declare parameters as `name: dtype[dims]`', token.span);
    }
  }

  private parseParam(): Param {
    const nameToken = this.peek();
    this.rejectInterpolation(nameToken);
    if (nameToken.kind !== 'name') this.unexpected('a parameter name');
    const name = nameToken.text;
    if (Object.hasOwn(KEYWORDS, name)) this.fail(`'${name}' is a reserved word and cannot name a parameter`, nameToken.span);
    this.next();
    if (!this.isOp(':')) this.unexpected(`':' and a dtype after parameter '${name}' (e.g. '${name}: f64')`);
    this.next();
    const dtypeToken = this.peek();
    this.rejectInterpolation(dtypeToken);
    if (dtypeToken.kind !== 'name') this.unexpected(`a dtype for parameter '${name}'`);
    const dtype = dtypeFromSpelling(dtypeToken.text);
    if (dtype === undefined) {
      this.fail(`unknown dtype '${dtypeToken.text}': expected one of ${Object.keys(DTYPE_SPELLINGS).join(', ')}`, dtypeToken.span);
    }
    this.next();
    const dims: (number | string)[] = [];
    if (this.isOp('[')) {
      const open = this.next();
      while (!this.isOp(']')) {
        dims.push(this.parseDim());
        if (!this.isOp(',')) break;
        this.next();
      }
      this.expectClose(']', open, "','");
    }
    return { name, span: nameToken.span, dtype, dims };
  }

  private parseDim(): number | string {
    const token = this.peek();
    this.rejectInterpolation(token);
    if (token.kind === 'name' && !Object.hasOwn(KEYWORDS, token.text)) {
      this.next();
      return token.text;
    }
    if (token.kind === 'num') {
      if (!Number.isSafeInteger(token.value)) this.fail(`a fixed dimension size must be a non-negative integer, found ${token.text}`, token.span);
      this.next();
      return token.value;
    }
    if (this.isOp('-') && this.peek(1).kind === 'num') {
      this.fail('a fixed dimension size must be a non-negative integer', this.peek(1).span);
    }
    return this.unexpected('a dimension size (a name or an integer)');
  }

  // ---- expressions ----------------------------------------------------------

  private parseExpr(): Expr {
    const test = this.parseBinary(OR);
    if (!this.isOp('?')) return test;
    const question = this.next();
    const then = this.parseExpr();
    if (!this.isOp(':')) this.unexpected(`':' to match '?' at ${describePosition(this.source, question.span)}`);
    this.next();
    const otherwise = this.parseExpr();
    return { kind: 'cond', test, then, else: otherwise, span: question.span };
  }

  private parseBinary(minPower: number): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const power = token.kind === 'op' ? BINARY_POWER[token.text] : undefined;
      if (power === undefined || power < minPower) return left;
      if (power === COMPARE) {
        left = this.parseComparison(left);
        continue;
      }
      this.next();
      const right = this.parseBinary(power + 1);
      left = { kind: 'binary', op: token.text as BinaryOp, left, right, span: token.span };
    }
  }

  private parseComparison(first: Expr): Expr {
    const ops: CompareOp[] = [];
    const spans: Span[] = [];
    const operands = [first];
    while (this.peek().kind === 'op' && BINARY_POWER[this.peek().text] === COMPARE) {
      const token = this.next();
      ops.push(token.text as CompareOp);
      spans.push(token.span);
      operands.push(this.parseBinary(COMPARE + 1));
    }
    return { kind: 'compare', ops, operands, spans, span: spans[0]! };
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (!(this.isOp('-') || this.isOp('+') || this.isOp('~'))) return this.parsePower();
    this.next();
    const operand = this.parseUnary();
    if (token.text === '+') return operand;
    // Folding keeps `x[::-1]` and `x ** -1` plain numbers rather than graph nodes.
    if (token.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
      const span = token.span.part === operand.span.part ? joinSpans(token.span, operand.span) : token.span;
      return { kind: 'literal', value: -operand.value, span };
    }
    return { kind: 'unary', op: token.text as '-' | '~', operand, span: token.span };
  }

  /** `**` binds tighter than a unary minus on its left but takes a unary expression on its right, as in Python. */
  private parsePower(): Expr {
    const base = this.parsePostfix();
    if (!this.isOp('**')) return base;
    const token = this.next();
    const exponent = this.parseUnary();
    return { kind: 'binary', op: '**', left: base, right: exponent, span: token.span };
  }

  private parsePostfix(): Expr {
    let expr = this.parseAtom();
    for (;;) {
      if (this.isOp('(')) {
        const open = this.next();
        const { args, kwargs } = this.parseArguments(open);
        const span = expr.kind === 'name' ? expr.span : open.span;
        expr = { kind: 'call', callee: expr, args, kwargs, span };
      } else if (this.isOp('[')) {
        expr = this.parseIndex(expr);
      } else if (this.isOp('.')) {
        this.next();
        const nameToken = this.peek();
        if (nameToken.kind !== 'name') this.unexpected("an attribute or method name after '.'");
        this.next();
        if (this.isOp('(')) {
          const open = this.next();
          const { args, kwargs } = this.parseArguments(open);
          expr = { kind: 'method', object: expr, name: nameToken.text, args, kwargs, span: nameToken.span };
        } else {
          expr = { kind: 'attr', object: expr, name: nameToken.text, span: nameToken.span };
        }
      } else {
        return expr;
      }
    }
  }

  private parseArguments(open: Token): { args: Expr[]; kwargs: KeywordArg[] } {
    const args: Expr[] = [];
    const kwargs: KeywordArg[] = [];
    while (!this.isOp(')')) {
      const start = this.peek();
      if (start.kind === 'name' && this.isOp('=', this.peek(1))) {
        if (kwargs.some((k) => k.name === start.text)) this.fail(`duplicate keyword argument '${start.text}'`, start.span);
        this.next();
        this.next();
        kwargs.push({ name: start.text, span: start.span, value: this.parseExpr() });
      } else {
        if (kwargs.length > 0) this.fail('positional argument follows keyword argument', start.span);
        args.push(this.parseExpr());
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectClose(')', open, "','");
    return { args, kwargs };
  }

  private parseIndex(object: Expr): Expr {
    const open = this.next();
    if (this.isOp(']')) this.fail('empty index: expected an index, a slice or None', this.peek().span);
    const entries: IndexEntry[] = [];
    while (!this.isOp(']')) {
      entries.push(this.parseIndexEntry());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectClose(']', open, "','");
    return { kind: 'index', object, entries, span: open.span };
  }

  private parseIndexEntry(): IndexEntry {
    const first = this.peek();
    const start = this.isOp(':') ? null : this.parseExpr();
    if (!this.isOp(':')) return { kind: 'at', value: start! };
    this.next();
    const endsPart = () => this.isOp(':') || this.isOp(',') || this.isOp(']');
    const stop = endsPart() ? null : this.parseExpr();
    let step: Expr | null = null;
    if (this.isOp(':')) {
      this.next();
      step = this.isOp(',') || this.isOp(']') ? null : this.parseExpr();
    }
    return { kind: 'slice', start, stop, step, span: first.span };
  }

  private parseAtom(): Expr {
    const token = this.peek();
    switch (token.kind) {
      case 'num':
      case 'str':
        this.next();
        return { kind: 'literal', value: token.value, span: token.span };
      case 'interp':
        this.next();
        return { kind: 'interp', index: token.index, span: token.span };
      case 'name':
        if (Object.hasOwn(HINTS, token.text)) break;
        this.next();
        if (Object.hasOwn(KEYWORDS, token.text)) return { kind: 'literal', value: KEYWORDS[token.text] as boolean | null, span: token.span };
        return { kind: 'name', name: token.text, span: token.span };
      case 'op':
        if (token.text === '(') {
          if (this.lambdaAhead()) this.fail("a lambda form '(params) => body' must be the whole template", token.span);
          this.next();
          const inner = this.parseExpr();
          this.expectClose(')', token);
          return inner;
        }
        if (token.text === '[') return this.parseList();
        break;
      case 'eof':
        break;
    }
    return this.unexpected('an expression');
  }

  private parseList(): Expr {
    const open = this.next();
    const items: Expr[] = [];
    while (!this.isOp(']')) {
      items.push(this.parseExpr());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectClose(']', open, "','");
    return { kind: 'list', items, span: open.span };
  }
}

function joinSpans(first: Span, last: Span): Span {
  return { part: first.part, at: first.at, length: last.at + last.length - first.at };
}
