import { describe, expect, it } from 'vitest';
import { evaluateTemplate, makeSource, parseTemplate } from '../../compiler/template/index.ts';
import { fakeHost } from './fake-host.ts';

describe('parseTemplate', () => {
  it('parses each strings array once', () => {
    const strings = Object.freeze(['1 + 2 * ', '']);
    const first = parseTemplate(strings);
    expect(parseTemplate(strings)).toBe(first);
    expect(parseTemplate(['1 + 2 * ', ''])).not.toBe(first);
  });

  it('shares the cache with evaluateTemplate across tagged-template calls', () => {
    const seen = new Set<unknown>();
    const tag = (strings: TemplateStringsArray, ...values: unknown[]) => {
      seen.add(parseTemplate(strings));
      return evaluateTemplate(fakeHost(), strings, values);
    };
    const results = [1, 2, 3].map((k) => tag`${'x'} * ${k}`);
    expect(results).toEqual(['(mul x 1)', '(mul x 2)', '(mul x 3)']);
    expect(seen.size).toBe(1);
  });

  it('does not cache a failed parse, and names values once they are known', () => {
    const strings = ['', ' +'];
    expect(() => parseTemplate(strings)).toThrow('${…} +');
    expect(() => evaluateTemplate(fakeHost(), strings, [{ name: 'W' }])).toThrow('${W} +');
  });

  it('produces a value-independent tree', () => {
    expect(parseTemplate(['-x**2'])).toEqual({
      kind: 'expr',
      body: {
        kind: 'unary',
        op: '-',
        span: { part: 0, at: 0, length: 1 },
        operand: {
          kind: 'binary',
          op: '**',
          span: { part: 0, at: 2, length: 2 },
          left: { kind: 'name', name: 'x', span: { part: 0, at: 1, length: 1 } },
          right: { kind: 'literal', value: 2, span: { part: 0, at: 4, length: 1 } },
        },
      },
    });
  });

  it('lexes the raw strings of a tagged template', () => {
    const tag = (strings: TemplateStringsArray) => evaluateTemplate(fakeHost(), strings, []);
    expect(tag`'a\tb'`).toBe('a\tb');
    expect(tag`1 + \
      2`).toBe('(add 1 2)');
  });
});

describe('makeSource', () => {
  it('joins parts with the names of the interpolated values', () => {
    const source = makeSource(['a + ', ' * ', ''], [{ name: 'W' }, 3]);
    expect(source.text).toBe('a + ${W} * ${…}');
    expect(source.partStarts).toEqual([0, 8, 15]);
    expect(makeSource(['', ''], [{ name: '' }]).text).toBe('${…}');
    expect(makeSource(['', ''], [function relu() {}]).text).toBe('${relu}');
  });
});
