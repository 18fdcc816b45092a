// Kernels translated from GPU.js's JavaScript dialect into GLSL ES 3.00 at build time, so a
// bundle's kernels go straight to the browser's shader compiler: GPU.js's parser (acorn), its
// type inference and its GLSL generation never run at startup, and GPU.js need not be loaded.
//
// The translator reads only the subset our renderers write (js.ts builds every kernel): one
// function, float values, `const`/`let`, assignments, `if`/`else`, counted `for` loops,
// `return`, arithmetic, comparisons, `&&`/`||`/`!`, ternaries, `this.thread.x`, flat array
// reads, Math functions and the runtime's helpers. Anything else is an error here, at build
// time, rather than a shader that computes something else.
//
// Every value is a float, as in GPU.js's GL modes; comparisons are GLSL bools, turned into 1/0
// where arithmetic or a return takes them (JavaScript's coercion). What JavaScript would do
// differently from such a translation (a float tested for truth, where NaN is false; a bool
// stored in a variable and compared with ===) is refused.
import type { GlslKernel, GpuJsCode, GpuJsKernel } from '../../../runtime/gpujs/code.ts';
import { HELPERS } from '../../../runtime/gpujs/helpers.ts';

interface Tok { kind: 'num' | 'id' | 'op' | 'end'; text: string; at: number }

const PUNCTUATORS = ['===', '!==', '<=', '>=', '&&', '||', '++', '+=', '-=', '*=', '/=', '==', '!=',
  '(', ')', '{', '}', '[', ']', ',', ';', '?', ':', '.', '+', '-', '*', '/', '<', '>', '!', '='];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_$][\w$]*)/y;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    const m = re.exec(src);
    if (m) {
      if (m[1] !== undefined) out.push({ kind: 'num', text: m[1], at });
      else if (m[2] !== undefined) out.push({ kind: 'id', text: m[2], at });
      at = re.lastIndex;
      continue;
    }
    const p = PUNCTUATORS.find((q) => src.startsWith(q, at));
    if (!p) throw new SyntaxError(`unexpected '${src[at]}'`);
    // JavaScript's loose equality converts; nothing we render uses it
    if (p === '==' || p === '!=') throw new SyntaxError(`'${p}' is not in the kernel subset (use '${p}=')`);
    out.push({ kind: 'op', text: p, at });
    at += p.length;
  }
  out.push({ kind: 'end', text: '<end>', at });
  return out;
}

/** A translated expression: its GLSL and its GLSL type. */
interface Expr { code: string; type: 'float' | 'bool' }

/** JavaScript's binary precedences for the operators of the subset (GLSL orders them alike). */
const PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '===': 3, '!==': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };

/** Math functions whose GLSL built-in computes the same function (round is not one: GLSL's rounds halves either way). */
const MATH = new Set(['abs', 'sqrt', 'exp', 'log', 'log2', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh',
  'asinh', 'acosh', 'atanh', 'floor', 'ceil', 'trunc', 'min', 'max']);

/** A JavaScript number literal as a GLSL float literal. */
function floatLiteral(text: string): string {
  if (/[.eE]/.test(text)) return text.startsWith('.') ? `0${text}` : text.endsWith('.') ? `${text}0` : text;
  return `${text}.0`;
}

class Translator {
  private readonly toks: Tok[];
  private pos = 0;
  private readonly params: string[] = [];
  /** Per parameter: how the body uses it. */
  private readonly use: ('s' | 'f' | '-')[] = [];
  private readonly scopes: Set<string>[] = [];
  private readonly maps: number;

  constructor(source: string, maps: number) {
    this.toks = tokenize(source);
    this.maps = maps;
  }

  translate(): GlslKernel {
    this.expect('function');
    if (this.peek().kind === 'id') this.next();
    this.expect('(');
    while (!this.accept(')')) {
      if (this.params.length) this.expect(',');
      this.params.push(this.ident());
      this.use.push('-');
    }
    const body = this.block(1);
    if (this.peek().kind !== 'end') this.fail('text after the kernel function');
    return { params: this.use.join(''), source: ['float kernel_() {', ...body, '}'].join('\n') };
  }

  // ---- tokens ----------------------------------------------------------------------------
  private peek(k = 0): Tok { return this.toks[Math.min(this.pos + k, this.toks.length - 1)]!; }
  private next(): Tok { return this.toks[this.pos++]!; }
  private accept(text: string): boolean {
    if (this.peek().text !== text || this.peek().kind === 'num') return false;
    this.pos++;
    return true;
  }
  private expect(text: string): void {
    if (!this.accept(text)) this.fail(`expected '${text}'`);
  }
  private ident(): string {
    const t = this.next();
    if (t.kind !== 'id') this.fail('expected a name', t);
    return t.text;
  }
  private fail(what: string, t: Tok = this.peek()): never {
    throw new SyntaxError(`${what}, found '${t.text}' at ${t.at}`);
  }

  // ---- names -----------------------------------------------------------------------------
  private declare(name: string): string {
    // GLSL reserves names with two underscores in a row; ours never have them
    if (name.includes('__')) this.fail(`the name '${name}' cannot be a GLSL name`);
    this.scopes.at(-1)!.add(name);
    return `v_${name}`;
  }

  private isLocal(name: string): boolean {
    return this.scopes.some((s) => s.has(name));
  }

  /** A parameter used as `kind`, by its uniform name. */
  private param(name: string, kind: 's' | 'f'): string {
    const j = this.params.indexOf(name);
    if (j < 0) this.fail(`unknown name '${name}'`);
    if (this.use[j] !== '-' && this.use[j] !== kind) this.fail(`parameter '${name}' is used both as an array and as a number`);
    this.use[j] = kind;
    return `u${j}`;
  }

  private variable(name: string): string {
    return this.isLocal(name) ? `v_${name}` : this.param(name, 'f');
  }

  // ---- statements --------------------------------------------------------------------------
  /** `{ ... }` as indented GLSL lines. */
  private block(depth: number): string[] {
    this.expect('{');
    this.scopes.push(new Set());
    const out: string[] = [];
    while (!this.accept('}')) out.push(...this.statement(depth));
    this.scopes.pop();
    return out;
  }

  private statement(depth: number): string[] {
    const pad = '  '.repeat(depth);
    const t = this.peek();
    if (t.kind === 'id' && (t.text === 'const' || t.text === 'let')) {
      this.next();
      const name = this.ident();
      this.expect('=');
      const value = this.stored(this.expr(), name);
      this.expect(';');
      return [`${pad}float ${this.declare(name)} = ${value};`];
    }
    if (t.kind === 'id' && t.text === 'if') {
      this.next();
      const out = [`${pad}if (${this.condition()}) {`, ...this.block(depth + 1)];
      while (this.peek().text === 'else') {
        this.next();
        if (this.accept('if')) {
          out.push(`${pad}} else if (${this.condition()}) {`, ...this.block(depth + 1));
          continue;
        }
        out.push(`${pad}} else {`, ...this.block(depth + 1));
        break;
      }
      out.push(`${pad}}`);
      return out;
    }
    if (t.kind === 'id' && t.text === 'for') return this.forLoop(depth);
    if (t.kind === 'id' && t.text === 'return') {
      this.next();
      const value = this.float(this.expr());
      this.expect(';');
      return [`${pad}return ${value};`];
    }
    if (t.kind === 'op' && t.text === '{') {
      return [`${pad}{`, ...this.block(depth + 1), `${pad}}`];
    }
    // an assignment or an increment of a local, or a call for its effect (keepK)
    if (t.kind === 'id' && ['=', '+=', '-=', '*=', '/=', '++'].includes(this.peek(1).text)) {
      const line = this.update();
      this.expect(';');
      return [`${pad}${line};`];
    }
    const e = this.expr();
    this.expect(';');
    return [`${pad}${e.code};`];
  }

  /** `x = e`, `x op= e` or `x++` on a local. */
  private update(): string {
    const name = this.ident();
    if (!this.isLocal(name)) this.fail(`assignment to '${name}', which is not a local variable`);
    const op = this.next().text;
    if (op === '++') return `v_${name} += 1.0`;
    return `v_${name} ${op} ${this.stored(this.expr(), name)}`;
  }

  /** `for (let k = a; cond; k++) { ... }`: the counter is a float, as every value. */
  private forLoop(depth: number): string[] {
    const pad = '  '.repeat(depth);
    this.next();
    this.expect('(');
    this.scopes.push(new Set());
    if (!this.accept('let')) this.fail("expected 'let' (a counted loop)");
    const name = this.ident();
    this.expect('=');
    const init = this.stored(this.expr(), name);
    const counter = this.declare(name);
    this.expect(';');
    const cond = this.bool(this.expr(), "a loop's test");
    this.expect(';');
    if (this.peek().text !== name) this.fail(`expected the loop's own counter '${name}' to be updated`);
    const step = this.update();
    this.expect(')');
    const body = this.block(depth + 1);
    this.scopes.pop();
    return [`${pad}for (float ${counter} = ${init}; ${cond}; ${step}) {`, ...body, `${pad}}`];
  }

  private condition(): string {
    this.expect('(');
    const e = this.expr();
    this.expect(')');
    return this.bool(e, 'a condition');
  }

  // ---- types -------------------------------------------------------------------------------
  /** A value where a number is expected: JavaScript turns true/false into 1/0. */
  private float(e: Expr): string {
    return e.type === 'float' ? e.code : `(${e.code} ? 1.0 : 0.0)`;
  }

  /** A value where a truth value is expected: only comparisons and their combinations are. */
  private bool(e: Expr, where: string): string {
    if (e.type !== 'bool') this.fail(`${where} must be a comparison (a number's truth differs: NaN is false in JavaScript)`);
    return e.code;
  }

  /** A value stored in a (float) variable: a stored bool would compare as a number later, unlike JavaScript's. */
  private stored(e: Expr, name: string): string {
    if (e.type !== 'float') this.fail(`'${name}' would hold a comparison's result; store a number (c ? 1 : 0)`);
    return e.code;
  }

  // ---- expressions ---------------------------------------------------------------------------
  private expr(): Expr {
    const test = this.binary(1);
    if (!this.accept('?')) return test;
    const cond = this.bool(test, "a ternary's test");
    const a = this.expr();
    this.expect(':');
    const b = this.expr();
    if (a.type === 'bool' && b.type === 'bool') return { code: `(${cond} ? ${a.code} : ${b.code})`, type: 'bool' };
    return { code: `(${cond} ? ${this.float(a)} : ${this.float(b)})`, type: 'float' };
  }

  private binary(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const prec = t.kind === 'op' ? PRECEDENCE[t.text] : undefined;
      if (prec === undefined || prec < min) return left;
      this.next();
      const right = this.binary(prec + 1);
      left = this.combine(t.text, left, right);
    }
  }

  private combine(op: string, a: Expr, b: Expr): Expr {
    switch (op) {
      case '&&': case '||':
        return { code: `(${this.bool(a, `'${op}'`)} ${op} ${this.bool(b, `'${op}'`)})`, type: 'bool' };
      case '===': case '!==': {
        // JavaScript's strict equality of a boolean and a number is always false
        if (a.type !== b.type) this.fail(`'${op}' between a comparison and a number`);
        return { code: `(${a.code} ${op === '===' ? '==' : '!='} ${b.code})`, type: 'bool' };
      }
      case '<': case '<=': case '>': case '>=':
        return { code: `(${this.float(a)} ${op} ${this.float(b)})`, type: 'bool' };
      default:
        return { code: `(${this.float(a)} ${op} ${this.float(b)})`, type: 'float' };
    }
  }

  private unary(): Expr {
    if (this.accept('-')) return { code: `(-${this.float(this.unary())})`, type: 'float' };
    if (this.accept('!')) return { code: `(!${this.bool(this.unary(), "'!'")})`, type: 'bool' };
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    if (t.kind === 'num') return { code: floatLiteral(t.text), type: 'float' };
    if (t.kind === 'op' && t.text === '(') {
      const e = this.expr();
      this.expect(')');
      return e;
    }
    if (t.kind !== 'id') this.fail('expected a value', t);
    switch (t.text) {
      case 'true': case 'false': return { code: t.text, type: 'bool' };
      case 'this':
        for (const p of ['.', 'thread', '.', 'x']) this.expect(p);
        return { code: 'tx_', type: 'float' };
      case 'Math': {
        this.expect('.');
        const f = this.ident();
        if (!MATH.has(f)) this.fail(`Math.${f} has no GLSL counterpart here`);
        const args = this.args();
        if (f === 'min' || f === 'max') {
          if (args.length < 2) this.fail(`Math.${f} of fewer than two values`);
          return { code: args.reduce((acc, x) => `${f}(${acc}, ${x})`), type: 'float' };
        }
        if (args.length !== 1) this.fail(`Math.${f} takes one argument`);
        return { code: `${f}(${args[0]})`, type: 'float' };
      }
    }
    if (this.peek().text === '(') {
      const keep = /^keep(\d+)$/.exec(t.text);
      if (!(t.text in HELPERS) && !(keep && Number(keep[1]) < this.maps)) this.fail(`unknown function '${t.text}'`, t);
      return { code: `${t.text}(${this.args().join(', ')})`, type: 'float' };
    }
    if (this.accept('[')) {
      const index = this.float(this.expr());
      this.expect(']');
      if (this.isLocal(t.text)) this.fail(`'${t.text}' is a number, not an array`, t);
      return { code: `rd_(${this.param(t.text, 's')}, ${index})`, type: 'float' };
    }
    return { code: this.variable(t.text), type: 'float' };
  }

  private args(): string[] {
    this.expect('(');
    const out: string[] = [];
    while (!this.accept(')')) {
      if (out.length) this.expect(',');
      out.push(this.float(this.expr()));
    }
    return out;
  }
}

/** One kernel's GLSL; a kernel outside the subset is an error naming it. */
export function kernelGlsl(k: GpuJsKernel): GlslKernel {
  try {
    return new Translator(k.source, k.maps?.length ?? 0).translate();
  } catch (e) {
    throw new Error(`internal: GPU.js kernel '${k.name}' cannot be translated to GLSL: ${(e as Error).message}\n${k.source}`, { cause: e });
  }
}

/** The program's kernels with their GLSL: in webgl2 they run on the runtime's own runner, without GPU.js. */
export function precompileGpuJs(code: GpuJsCode): GpuJsCode {
  return { ...code, kernels: code.kernels.map((k) => ({ ...k, glsl: k.glsl ?? kernelGlsl(k) })) };
}
