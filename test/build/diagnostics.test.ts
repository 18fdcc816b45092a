// Build errors point into the user's files: a template typo at its line and column inside the
// template, a throw at the line that threw (with the source-mapped stack), a bad export at it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildErrors, fixture, tempDir } from './helpers.ts';

describe('diagnostics', () => {
  it('a template error fails the build at the file, line and column inside the template', async () => {
    const errors = await buildErrors(fixture('bad-template.graph.ts'));
    expect(errors).toHaveLength(1);
    const [e] = errors;
    expect(e!.text).toBe("unknown function 'sqrtt' (did you mean 'sqrt'?)");
    expect(e!.pluginName).toBe('hypatia');
    expect(e!.location).toMatchObject({
      file: 'test/build/fixtures/bad-template.graph.ts', line: 9, column: 4, length: 5, lineText: '    sqrtt(${y}).sum()',
    });
  });

  it('finds the right one of two identical templates, and columns count UTF-8 bytes', async () => {
    const dir = tempDir();
    const file = join(dir, 'twice.graph.ts');
    writeFileSync(file, [
      `import * as T from ${JSON.stringify(fixture('../../../compiler/index.ts'))};`,
      `const x = T.dvector('x'); // π`,
      'export const a = T.fn([x], T.tensor`${x} + 1`);',
      'const é = 1; export const b = T.fn([x], T.tensor`${x} + nope(${x})`);',
      '',
    ].join('\n'));
    const [e] = await buildErrors(file);
    expect(e!.location).toMatchObject({ line: 4, lineText: 'const é = 1; export const b = T.fn([x], T.tensor`${x} + nope(${x})`);' });
    // 'é' is two bytes, so the byte column is one more than the character column
    expect(e!.location!.column).toBe('const é = 1; export const b = T.fn([x], T.tensor`${x} + '.length + 1);
  });

  it('a throw during evaluation reports the user line and the source-mapped stack', async () => {
    const [e, ...more] = await buildErrors(fixture('throws.graph.ts'));
    expect(more).toEqual([]);
    expect(e!.text).toBe('RangeError: weights file is empty');
    expect(e!.location).toMatchObject({ file: 'test/build/fixtures/throws.graph.ts', line: 5, lineText: "  throw new RangeError('weights file is empty');" });
    const stack = e!.notes[0]!.text;
    expect(stack).toMatch(/at loadWeights \(.*test\/build\/fixtures\/throws\.graph\.ts:5:\d+\)/);
    expect(stack).toMatch(/throws\.graph\.ts:9:\d+/);
    // nothing of the temporary evaluation bundle leaks into what the user sees
    expect(stack).not.toMatch(/graph-module\.mjs|hypatia-evaluate/);
  });

  it('exports a bundle cannot carry are errors at their declarations', async () => {
    const errors = await buildErrors(fixture('unsupported.graph.ts'));
    expect(errors.map((e) => [e.text.slice(0, 40), e.location?.line, e.location?.column, e.location?.length])).toEqual([
      ["export 'x' is a symbolic variable, which", 4, 13, 1],
      ["export 'twice' is a JS function (twice);", 6, 16, 5],
    ]);
  });

  it("a syntax error in a graph module is esbuild's own error, at its place", async () => {
    const file = join(tempDir(), 'broken.graph.ts');
    writeFileSync(file, 'export const a = (1 + ;\n');
    const [e] = await buildErrors(file);
    expect(e!.location).toMatchObject({ line: 1, lineText: 'export const a = (1 + ;' });
  });

  it('a graph module importing another graph module is refused with the reason', async () => {
    const dir = tempDir();
    const hypatia = JSON.stringify(fixture('../../../compiler/index.ts'));
    writeFileSync(join(dir, 'a.graph.ts'), `import * as T from ${hypatia};\nexport const w = T.shared(1, { name: 'w' });\n`);
    writeFileSync(join(dir, 'b.graph.ts'), `import * as T from ${hypatia};\nimport { w } from './a.graph.ts';\nexport const f = T.fn([], T.tensor\`\${w} * 2\`);\n`);
    const [e] = await buildErrors(join(dir, 'b.graph.ts'));
    expect(e!.text).toMatch(/imports other graph modules .*a\.graph\.ts/);
  });
});
