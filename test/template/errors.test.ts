import { describe, expect, it } from 'vitest';
import { evaluateTemplate, TemplateError } from '../../compiler/template/index.ts';
import { errorOf, fakeHost } from './fake-host.ts';

function fail(strings: readonly string[], values: unknown[] = [], host = fakeHost()): TemplateError {
  return errorOf(() => evaluateTemplate(host, strings, values));
}

/** The 1-based column of the caret, read off the message as a user would. */
function caretColumn(error: TemplateError): number {
  const [, quoted, caretLine] = error.message.split('\n');
  const gutter = /^ {2}\d+ \| /.exec(quoted!)?.[0].length ?? 2;
  return caretLine!.indexOf('^') - gutter + 1;
}

describe('TemplateError', () => {
  it('is a SyntaxError named TemplateError with reason, line and caret', () => {
    const error = fail(['1 + (2 * 3']);
    expect(error).toBeInstanceOf(SyntaxError);
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.name).toBe('TemplateError');
    expect(error.detail).toBe("expected ')' to close '(' at column 5, found end of template");
    expect(error.message).toBe(
      "expected ')' to close '(' at column 5, found end of template\n" + '  1 + (2 * 3\n' + '            ^',
    );
    expect(error.loc.offset).toBe(10);
    expect(error.loc.length).toBe(0);
  });

  it('underlines the whole offending token', () => {
    const error = fail(['(x: f8) => x']);
    expect(error.message.split('\n').slice(1)).toEqual(['  (x: f8) => x', '      ^~']);
    expect(caretColumn(error)).toBe(5);
  });

  it('shows only the offending line, numbered, for multi-line templates', () => {
    const error = fail(['(a: f64) =>\n  a +\n  ', ' * q'], [{ name: 'W' }]);
    expect(error.message).toBe(
      "unknown name 'q': interpolate it as ${q} or declare it as a lambda parameter\n" +
        '  3 |   ${W} * q\n' +
        '    |          ^',
    );
    expect(error.loc.offset).toBe('(a: f64) =>\n  a +\n  ${W} * '.length);
    expect(error.loc.part).toBe(1);
    expect(error.loc.partOffset).toBe(3);
  });

  it('says line and column for a multi-line template', () => {
    const error = fail(['sum(\n  a,\n  (b']);
    expect(error.detail).toBe("expected ')' to close '(' at line 3, column 3, found end of template");
  });

  it('keeps tabs in the caret line so it lines up', () => {
    const error = fail(['(a: f64) =>\ta\t+ q']);
    expect(error.message.split('\n').slice(1)).toEqual(['  (a: f64) =>\ta\t+ q', '             \t \t  ^']);
  });
});

describe('syntax errors', () => {
  const cases: [string, string[], string, number][] = [
    ['empty template', [''], 'empty template: expected an expression', 1],
    ['unexpected character', ['1 $ 2'], "unexpected character '$'", 3],
    ['unterminated string', ["f('abc"], 'unterminated string literal', 3],
    ['string broken by a newline', ["'ab\n'"], 'unterminated string literal', 1],
    ['invalid number', ['2x + 1'], "invalid number literal '2x' (missing '*' in '2*x'?)", 1],
    ['invalid digit separator', ['1__0'], "invalid number literal '1__0'", 1],
    ['trailing input', ['1 2'], 'expected an operator or the end of the template, found number 2', 3],
    ['missing operand', ['1 +'], 'expected an expression, found end of template', 4],
    ['unexpected closer', ['(1 + 2))'], "expected an operator or the end of the template, found ')'", 8],
    ['missing )', ['exp(1'], "expected ',' or ')' to close '(' at column 4, found end of template", 6],
    ['missing ]', ['[1, 2'], "expected ',' or ']' to close '[' at column 1, found end of template", 6],
    ['missing ] in index', ['a[1 2]'], "expected ',' or ']' to close '[' at column 2, found number 2", 5],
    ['missing :', ['1 ? 2'], "expected ':' to match '?' at column 3, found end of template", 6],
    ['empty index', ['x[]'], 'empty index: expected an index, a slice or None', 3],
    ['attribute name', ['x.(1)'], "expected an attribute or method name after '.', found '('", 3],
    ['&&', ['a && b'], "expected an operator or the end of the template, found '&&' (use '&' for elementwise and)", 3],
    ['||', ['a || b'], "expected an operator or the end of the template, found '||' (use '|' for elementwise or)", 3],
    ['!', ['!a'], "expected an expression, found '!' (use '~' for elementwise not)", 1],
    ['and', ['a and b'], "expected an operator or the end of the template, found name 'and' (use '&' for elementwise and)", 3],
    ['===', ['a === b'], "expected an operator or the end of the template, found '===' (use '==' to compare)", 3],
    ['assignment', ['a = b'], "expected an operator or the end of the template, found '=' ('=' only names keyword arguments; use '==' to compare)", 3],
    ['positional after keyword', ['f(a=1, 2)'], 'positional argument follows keyword argument', 8],
    ['duplicate keyword', ['sum(x, axis=1, axis=2)'], "duplicate keyword argument 'axis'", 16],
    ['nested lambda', ['1 + (a: f64) => a'], "a lambda form '(params) => body' must be the whole template", 5],
  ];
  for (const [name, strings, detail, column] of cases) {
    it(name, () => {
      const error = fail(strings);
      expect(error.detail).toBe(detail);
      expect(caretColumn(error)).toBe(column);
      expect(error.loc.offset).toBe(column - 1);
    });
  }

  it('blank template', () => {
    const error = fail(['  # nothing\n']);
    expect(error.detail).toBe('empty template: expected an expression');
    expect(error.loc.offset).toBe(12);
    expect(error.message.split('\n').slice(1)).toEqual(['  2 | ', '    | ^']);
  });
});

describe('lambda errors', () => {
  const cases: [string, string[], string, number][] = [
    [
      'unknown dtype',
      ['(x: bf16) => x'],
      "unknown dtype 'bf16': expected one of f16, f32, f64, i8, i16, i32, i64, u8, u32, bool, float16, float32, float64, int8, int16, int32, int64, uint8, uint32",
      5,
    ],
    ['duplicate parameter', ['(x: f64, x: f64) => x'], "duplicate parameter 'x' (first declared at column 2)", 10],
    ['missing dtype', ['(x) => x'], "expected ':' and a dtype after parameter 'x' (e.g. 'x: f64'), found ')'", 3],
    ['reserved name', ['(True: f64) => 1'], "'True' is a reserved word and cannot name a parameter", 2],
    ['unclosed dims', ['(a: f64[n) => a'], "expected ',' or ']' to close '[' at column 8, found ')'", 10],
    ['negative dim', ['(a: f64[-1]) => a'], 'a fixed dimension size must be a non-negative integer', 10],
    ['fractional dim', ['(a: f64[2.5]) => a'], 'a fixed dimension size must be a non-negative integer, found 2.5', 9],
    ['bad parameter', ['(1: f64) => 1'], 'expected a parameter name, found number 1', 2],
    ['unknown name in body', ['(a: f64) => a * w'], "unknown name 'w': interpolate it as ${w} or declare it as a lambda parameter", 17],
    ['trailing input after body', ['(a: f64) => a)'], "expected an operator or the end of the template, found ')'", 14],
  ];
  for (const [name, strings, detail, column] of cases) {
    it(name, () => {
      const error = fail(strings);
      expect(error.detail).toBe(detail);
      expect(caretColumn(error)).toBe(column);
    });
  }

  it('rejects an interpolation in the parameter list, caret at its ${', () => {
    const detail = 'a lambda parameter list cannot contain an interpolation: declare parameters as `name: dtype[dims]`';
    for (const strings of [['(', ': f64) => 1'], ['(x: ', ') => 1'], ['(x: f64[', ']) => 1']]) {
      const error = fail(strings, [{ name: 'n' }]);
      expect(error.detail).toBe(detail);
      expect(error.loc.part).toBe(0);
      expect(error.loc.partOffset).toBe(strings[0]!.length);
      expect(error.loc.length).toBe('${n}'.length);
      expect(error.message.split('\n')[2]).toBe('  ' + ' '.repeat(strings[0]!.length) + '^~~~');
    }
  });
});

describe('name errors', () => {
  it('suggests a close function name', () => {
    const error = fail(['sigmod(', ')'], [{ name: 'x' }]);
    expect(error.message).toBe("unknown function 'sigmod' (did you mean 'sigmoid'?)\n  sigmod(${x})\n  ^~~~~~");
    expect(error.loc.offset).toBe(0);
    expect(error.loc.length).toBe(6);
  });

  it('suggests nothing when no name is close', () => {
    expect(fail(['frobnicate(1)']).detail).toBe("unknown function 'frobnicate'");
  });

  it('reports unknown methods at the method name', () => {
    const error = fail(['', '.summ(axis=0)'], ['x']);
    expect(error.detail).toBe("unknown method 'summ' (did you mean 'sum'?)");
    expect(error.loc.part).toBe(1);
    expect(error.loc.partOffset).toBe(1);
    expect(error.loc.offset).toBe('${…}.'.length);
  });

  it('reports unknown attributes, with a hint for a method used as one', () => {
    expect(fail(['', '.shap'], ['x']).detail).toBe("unknown attribute 'shap' (did you mean 'shape'?)");
    expect(fail(['', '.foo'], ['x']).detail).toBe("unknown attribute 'foo': expected T, shape, ndim, dtype or a method call");
    expect(fail(['', '.sum'], ['x']).detail).toBe("unknown attribute 'sum': 'sum' is a method, call it as .sum(...)");
    expect(fail(['', '.ndim'], ['x']).detail).toBe("'.ndim' is not defined for this tensor");
  });

  it('reports unknown names and bare function names', () => {
    const error = fail(['1 + w']);
    expect(error.detail).toBe("unknown name 'w': interpolate it as ${w} or declare it as a lambda parameter");
    expect(caretColumn(error)).toBe(5);
    expect(fail(['exp + 1']).detail).toBe("'exp' is a function: call it as exp(...)");
  });

  it('reports an undefined interpolation at its ${', () => {
    const error = fail(['1 + ', ''], [undefined]);
    expect(error.detail).toBe('the interpolated value is undefined');
    expect(error.loc.offset).toBe(4);
  });

  it('reports an operator the host lacks', () => {
    const host = fakeHost();
    delete host.functions.pow;
    expect(fail(['2 ** 3'], [], host).detail).toBe("operator '**' needs the host function 'pow', which this host does not provide");
  });

  it('does not treat Object.prototype members as functions', () => {
    expect(fail(['constructor(1)']).detail).toBe("unknown function 'constructor'");
  });
});

describe('host exceptions', () => {
  const shapeError = new TypeError('dot: shapes (3,) and (4,) are not aligned');
  const host = () =>
    fakeHost({
      dot: () => {
        throw shapeError;
      },
      sum: () => {
        throw 'plain string';
      },
    });

  it('rewraps an operator failure at the operator', () => {
    const error = fail(['1 + ', ' @ ', ''], [{ name: 'W' }, { name: 'v' }], host());
    expect(error.detail).toBe(shapeError.message);
    expect(error.cause).toBe(shapeError);
    expect(error.message).toBe(`${shapeError.message}\n  1 + \${W} @ \${v}\n           ^`);
    expect(error.loc.part).toBe(1);
    expect(error.loc.partOffset).toBe(1);
    expect(error.loc.offset).toBe(9);
  });

  it('rewraps a call failure at the callee, whatever was thrown', () => {
    const error = fail(['1 + sum(2)'], [], host());
    expect(error.detail).toBe('plain string');
    expect(error.cause).toBe('plain string');
    expect(caretColumn(error)).toBe(5);
  });

  it('rewraps a failure in host.variable at the parameter', () => {
    const failing = fakeHost();
    failing.variable = () => {
      throw new Error('no such dtype on this backend');
    };
    const error = fail(['(a: f64, b: u8) => a'], [], failing);
    expect(error.detail).toBe('no such dtype on this backend');
    expect(caretColumn(error)).toBe(2);
  });

  it('refuses calling a value that is not a function', () => {
    expect(fail(['', '(1)'], [3]).detail).toBe('only functions can be called, not a number');
  });
});
