import { describe, expect, it } from 'vitest';
import { evaluateTemplate, TemplateLambda } from '../../compiler/template/index.ts';
import { body, fakeHost, show, sx } from './fake-host.ts';

describe('atoms', () => {
  it('reads numbers as JS numbers', () => {
    const host = fakeHost();
    const value = (src: string) => evaluateTemplate(host, [src], []);
    expect(value('2')).toBe(2);
    expect(value('2.5')).toBe(2.5);
    expect(value('.5')).toBe(0.5);
    expect(value('2.')).toBe(2);
    expect(value('1e-3')).toBe(0.001);
    expect(value('2.5E+2')).toBe(250);
    expect(value('1_000')).toBe(1000);
    expect(value('-3')).toBe(-3);
  });

  it('knows the named constants and literals', () => {
    const value = (src: string) => evaluateTemplate(fakeHost(), [src], []);
    expect(value('true')).toBe(true);
    expect(value('True')).toBe(true);
    expect(value('false')).toBe(false);
    expect(value('False')).toBe(false);
    expect(value('None')).toBe(null);
    expect(value('null')).toBe(null);
    expect(value('inf')).toBe(Infinity);
    expect(value('-inf')).toBe(-Infinity);
    expect(value('-pi')).toBe(-Math.PI);
    expect(value('nan')).toBeNaN();
    expect(value('pi')).toBe(Math.PI);
    expect(value('e')).toBe(Math.E);
  });

  it('lets a parameter shadow pi and e', () => {
    const result = evaluateTemplate(fakeHost(), ['(e: f64, pi: f64) => e * pi'], []) as TemplateLambda;
    expect(result.body).toBe('(mul e pi)');
  });

  it('reads string literals with escapes', () => {
    const value = (src: string) => evaluateTemplate(fakeHost(), [src], []);
    expect(value(`'x'`)).toBe('x');
    expect(value(`"a'b"`)).toBe("a'b");
    expect(value(String.raw`'a\'b\n'`)).toBe("a'b\n");
    expect(sx`dimshuffle(${'x'}, 'x', 0)`).toBe('(dimshuffle x x 0)');
  });

  it('builds nested list literals', () => {
    const value = evaluateTemplate(fakeHost(), ['[1, [2, 3], [], -4,]'], []);
    expect(value).toEqual([1, [2, 3], [], -4]);
    expect(body('reshape(x, [a, -1])')).toBe('(reshape x [a -1])');
  });

  it('passes interpolated values through untouched', () => {
    const shared = { name: 'W', data: new Float32Array(4) };
    const typed = new Float64Array([1, 2]);
    const nested = [[1, 2], [3, 4]];
    const host = fakeHost({ mul: (a: unknown, b: unknown) => ({ op: 'mul', a, b }) });
    const product = evaluateTemplate(host, ['', ' * ', ''], [shared, 3]) as { a: unknown; b: unknown };
    expect(product.a).toBe(shared);
    expect(product.b).toBe(3);
    expect(evaluateTemplate(host, ['', ''], [typed])).toBe(typed);
    expect(evaluateTemplate(host, ['', ''], [nested])).toBe(nested);
    expect(sx`${'x'} * ${2.5} + ${-1}`).toBe('(add (mul x 2.5) -1)');
  });

  it('ignores whitespace, newlines and comments', () => {
    const formula = `
      a *   # scale
        (b
         + c)   # shift
      # trailing comment
    `;
    expect(body(formula)).toBe('(mul a (add b c))');
  });

  it('skips an interpolation inside a comment', () => {
    expect(sx`${'a'} # not ${'b'} at all
      + ${'c'}`).toBe('(add a c)');
  });
});

describe('calls', () => {
  it('calls host functions by name, nested', () => {
    expect(body('sigmoid(exp(a) + log(b))')).toBe('(sigmoid (add (exp a) (log b)))');
    expect(body('maximum(a, b,)')).toBe('(maximum a b)');
  });

  it('passes keyword arguments as a trailing camelCase object', () => {
    expect(body('sum(x, axis=1, keep_dims=true)')).toBe('(sum x {axis=1 keepDims=true})');
    expect(body('sum(x)')).toBe('(sum x)');
  });

  it('calls a parameter-shadowed function name in call position', () => {
    const result = evaluateTemplate(fakeHost(), ['(exp: f64) => exp(exp)'], []) as TemplateLambda;
    expect(result.body).toBe('(exp exp)');
  });

  it('calls an interpolated JS function', () => {
    const twice = (v: unknown) => `(twice ${show(v)})`;
    expect(sx`${twice}(${'a'}) + 1`).toBe('(add (twice a) 1)');
  });

  it('binds this to the functions table', () => {
    const table = {
      scale: 10,
      mul(this: { scale: number }, a: number) {
        return a * this.scale;
      },
    };
    const host = { ...fakeHost(), functions: table as never };
    expect(evaluateTemplate(host, ['mul(2)'], [])).toBe(20);
  });
});

describe('postfix', () => {
  it('calls methods with the object first', () => {
    expect(body('x.sum(axis=1, keep_dims=true)')).toBe('(sum x {axis=1 keepDims=true})');
    expect(body('x.sum().exp()')).toBe('(exp (sum x))');
    expect(body('(a + b).mean(0)')).toBe('(mean (add a b) 0)');
  });

  it('maps .T and .shape to functions, .ndim and .dtype to properties', () => {
    expect(body('x.T.T')).toBe('(transpose (transpose x))');
    expect(body('x.shape[0]')).toBe('(subtensor (shape x) [0])');
    const tensor = { name: 't', ndim: 2, dtype: 'float32' };
    expect(evaluateTemplate(fakeHost(), ['', '.ndim'], [tensor])).toBe(2);
    expect(evaluateTemplate(fakeHost(), ['', '.dtype'], [tensor])).toBe('float32');
  });

  it('indexes with slices, newaxis and values', () => {
    expect(body('x[1:, ::-1]')).toBe('(subtensor x [1:: ::-1])');
    expect(body('x[::-1]')).toBe('(subtensor x [::-1])');
    expect(body('x[:, 0]')).toBe('(subtensor x [:: 0])');
    expect(body('x[a:b, :c, d:]')).toBe('(subtensor x [a:b: :c: d::])');
    expect(body('x[1:2:3]')).toBe('(subtensor x [1:2:3])');
    expect(body('x[::]')).toBe('(subtensor x [::])');
    expect(body('x[None, :, newaxis]')).toBe('(subtensor x [newaxis :: newaxis])');
    expect(body('x[[0, 2], a]')).toBe('(subtensor x [[0 2] a])');
    expect(body('x[0][1]')).toBe('(subtensor (subtensor x [0]) [1])');
    expect(body('x[a ? b : c]')).toBe('(subtensor x [(switch a b c)])');
    expect(sx`${'x'}[${'idx'}]`).toBe('(subtensor x [idx])');
    expect(sx`${'x'}[${null}]`).toBe('(subtensor x [newaxis])');
  });

  it('hands the host the documented slice objects', () => {
    let entries: unknown;
    const host = fakeHost({ subtensor: (_x: unknown, e: unknown) => ((entries = e), 'r') });
    evaluateTemplate(host, ['', '[1:, None, 2]'], ['x']);
    expect(entries).toEqual([{ kind: 'slice', start: 1, stop: null, step: null }, { kind: 'newaxis' }, 2]);
  });
});

describe('lambda form', () => {
  it('declares variables with dtypes and dims', () => {
    const host = fakeHost();
    const result = evaluateTemplate(host, ['(x: f64[n, m], w: float32[m, 3], b: i32, k: bool[]) => x @ w + b'], []);
    expect(result).toBeInstanceOf(TemplateLambda);
    const lambda = result as TemplateLambda;
    expect(lambda.params).toEqual(['x', 'w', 'b', 'k']);
    expect(lambda.paramNames).toEqual(['x', 'w', 'b', 'k']);
    expect(lambda.dims).toEqual([['n', 'm'], ['m', 3], [], []]);
    expect(lambda.body).toBe('(add (dot x w) b)');
    expect(host.variables).toEqual([
      { name: 'x', dtype: 'float64', dims: ['n', 'm'] },
      { name: 'w', dtype: 'float32', dims: ['m', 3] },
      { name: 'b', dtype: 'int32', dims: [] },
      { name: 'k', dtype: 'bool', dims: [] },
    ]);
  });

  it('accepts every dtype spelling', () => {
    const spellings = 'f32 f64 i8 i16 i32 i64 u8 u32 bool float32 float64 int8 int16 int32 int64 uint8 uint32'.split(' ');
    const host = fakeHost();
    evaluateTemplate(host, [`(${spellings.map((s, i) => `p${i}: ${s}`).join(', ')}) => p0`], []);
    expect(host.variables.map((v) => v.dtype)).toEqual(
      'float32 float64 int8 int16 int32 int64 uint8 uint32 bool float32 float64 int8 int16 int32 int64 uint8 uint32'.split(' '),
    );
  });

  it('mixes parameters with interpolations in the body and spans lines', () => {
    const result = evaluateTemplate(fakeHost(), ['(\n  x: f64[n],\n  b: f64,\n) =>\n  x * ', ' + b'], ['W']) as TemplateLambda;
    expect(result.body).toBe('(add (mul x W) b)');
  });

  it('allows an empty parameter list', () => {
    expect((evaluateTemplate(fakeHost(), ['() => 1 + 2'], []) as TemplateLambda).body).toBe('(add 1 2)');
  });
});

describe('locate', () => {
  it('reports each produced value with the operator or name position', () => {
    const host = fakeHost();
    evaluateTemplate(host, ['(a: f64, b: f64) => exp(a) * -b[0]'], []);
    const at = (value: string) => host.located.find((l) => l.value === value)!.loc;
    const text = '(a: f64, b: f64) => exp(a) * -b[0]';
    expect(at('a').offset).toBe(text.indexOf('a'));
    expect(at('(exp a)').offset).toBe(text.indexOf('exp'));
    expect(at('(exp a)').length).toBe(3);
    expect(at('(subtensor b [0])').offset).toBe(text.indexOf('['));
    expect(at('(neg (subtensor b [0]))').offset).toBe(text.indexOf('-'));
    const product = at('(mul (exp a) (neg (subtensor b [0])))');
    expect(product.offset).toBe(text.indexOf('*'));
    expect(product.source.text).toBe(text);
  });

  it('gives positions in later parts relative to the part', () => {
    const host = fakeHost();
    const x = { name: 'x' };
    evaluateTemplate(host, ['', ' +\n  ', '.T'], [x, 'y']);
    const transposed = host.located.find((l) => l.value === '(transpose y)')!.loc;
    expect(transposed.part).toBe(2);
    expect(transposed.partOffset).toBe(1);
    expect(transposed.source.text).toBe('${x} +\n  ${…}.T');
    expect(transposed.offset).toBe('${x} +\n  ${…}.'.length);
    expect(transposed.source.partStarts).toEqual([0, 4, 13]);
  });
});
