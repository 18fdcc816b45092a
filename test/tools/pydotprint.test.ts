// T.pydotprint: DOT text for graphs and compiled functions, files, and SVG through Graphviz-wasm.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { COLORS } from '../../compiler/dot/render.ts';

describe('pydotprint', () => {
  it('draws x + y as built: inputs, the apply node, the output', () => {
    const x = T.dmatrix('x'), y = T.dmatrix('y');
    expect(T.pydotprint(T.add(x, y))).toMatchInlineSnapshot(`
      "digraph "graph" {
        graph [rankdir=TB];
        node [fontname="Helvetica", fontsize=11];
        edge [fontname="Helvetica", fontsize=9];
        n0 [label=<Elemwise{add,no_inplace}.0<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#fc9272"];
        n1 [label=<Elemwise{add,no_inplace}>, shape=ellipse, style=filled, fillcolor="#9ecae1"];
        n2 [label=<x<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#a1d99b"];
        n3 [label=<y<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#a1d99b"];
        n2 -> n1 [label=<<FONT POINT-SIZE="9">0</FONT>>];
        n3 -> n1 [label=<<FONT POINT-SIZE="9">1</FONT>>];
        n1 -> n0;
      }
      "
    `);
  });

  it('draws a compiled function as its fused kernel', () => {
    const x = T.dmatrix('x'), y = T.dmatrix('y');
    const f = T.fn([x, y], T.tensor`(${x} + ${y}) * ${x}`, { name: 'fused' });
    expect(T.pydotprint(f)).toMatchInlineSnapshot(`
      "digraph "fused" {
        graph [rankdir=TB];
        node [fontname="Helvetica", fontsize=11];
        edge [fontname="Helvetica", fontsize=9];
        n0 [label=<output 0<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#fc9272"];
        n1 [label=<Elemwise{Composite{((i0 + i1) * i0)}}<BR/><FONT POINT-SIZE="9">launch 0</FONT>>, shape=ellipse, style=filled, fillcolor="#9ecae1"];
        n2 [label=<x<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#a1d99b"];
        n3 [label=<y<BR/><FONT POINT-SIZE="9" COLOR="#6a3d9a">TensorType(float64, matrix)</FONT>>, shape=box, style=filled, fillcolor="#a1d99b"];
        n2 -> n1 [label=<<FONT POINT-SIZE="9">0</FONT>>];
        n3 -> n1 [label=<<FONT POINT-SIZE="9">1</FONT>>];
        n1 -> n0;
      }
      "
    `);
  });

  it('colours constants, shared variables and updates apart from inputs', () => {
    const x = T.dvector('x');
    const w = T.shared(new Float64Array([1, 2]), { name: 'w' });
    const dot = T.pydotprint(T.tensor`${x} * ${w} + 3`);
    expect(dot).toContain(`fillcolor="${COLORS.shared}"`);
    expect(dot).toContain(`fillcolor="${COLORS.constant}"`);
    expect(dot).toContain('TensorConstant{3}');
    const f = T.fn([x], [], { updates: [[w, T.tensor`${w} + ${x}`]] });
    const compiled = T.pydotprint(f);
    expect(compiled).toContain('w (update)');
    expect(compiled).toContain(`COLOR="${COLORS.type}">TensorType(float64, vector)`);
  });

  it('escapes names that look like tags', () => {
    const a = T.matrix(), b = T.matrix();
    const dot = T.pydotprint(T.add(a, b));
    expect(dot).toContain('&lt;TensorType(float64, matrix)&gt;');
    expect(dot).not.toMatch(/label=<<TensorType/);
  });

  it('writes the DOT file, and DOT plus SVG when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydot-'));
    const x = T.dscalar('x');
    const g = T.grad(T.tensor`${x} ** 2`, x);
    const dot = T.pydotprint(g, { file: join(dir, 'grad.dot') });
    expect(readFileSync(join(dir, 'grad.dot'), 'utf8')).toBe(dot);

    const svg = await T.pydotprint(T.fn([x], g), { file: join(dir, 'grad-fn.svg'), format: 'svg' });
    expect(existsSync(join(dir, 'grad-fn.dot'))).toBe(true);
    expect(readFileSync(join(dir, 'grad-fn.svg'), 'utf8')).toBe(svg);
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<svg');
    expect(svg).toContain('>x</text>');
    expect(svg).toContain('output 0');
  });

  it('renders the node labels of a graph into SVG', async () => {
    const x = T.dmatrix('x'), y = T.dmatrix('y');
    const svg = await T.pydotprint(T.add(x, y), { format: 'svg' });
    for (const label of ['Elemwise{add,no_inplace}', '>x</text>', '>y</text>', 'TensorType(float64, matrix)']) expect(svg).toContain(label);
  });

  it('refuses things that are not graphs', () => {
    expect(() => T.pydotprint((() => 1) as never)).toThrow(/compiled with T.fn/);
    expect(() => T.pydotprint([1] as never)).toThrow(/item 0 is not a variable/);
    expect(() => T.pydotprint(T.dscalar('x'), { file: 'x.svg' })).toThrow(/pass format: 'svg'/);
  });
});
