// Scene → DOT text, coloured like the diagram in Theano's tutorial: apply nodes blue, inputs
// green, outputs red, types purple; constants and shared state get colours of their own.
import type { NodeKind, Scene, SceneEdge, SceneNode } from './scene.ts';

export const COLORS = {
  apply: '#9ecae1',
  input: '#a1d99b',
  output: '#fc9272',
  constant: '#e0e0e0',
  shared: '#fdd49e',
  type: '#6a3d9a',
} as const;

const STYLE: Record<NodeKind, string> = {
  apply: `shape=ellipse, style=filled, fillcolor="${COLORS.apply}"`,
  input: `shape=box, style=filled, fillcolor="${COLORS.input}"`,
  output: `shape=box, style=filled, fillcolor="${COLORS.output}"`,
  constant: `shape=box, style="filled,dashed", fillcolor="${COLORS.constant}"`,
  shared: `shape=box, style="filled,rounded", fillcolor="${COLORS.shared}"`,
};

/** Text inside an HTML-like label: names such as `<TensorType(float64, matrix)>` must not become tags. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const small = (s: string, color?: string) =>
  `<FONT POINT-SIZE="9"${color ? ` COLOR="${color}"` : ''}>${escapeHtml(s)}</FONT>`;

function nodeLabel(n: SceneNode): string {
  const parts = [escapeHtml(n.title)];
  if (n.type) parts.push(small(n.type, COLORS.type));
  if (n.note) parts.push(small(n.note));
  return `<${parts.join('<BR/>')}>`;
}

function edgeLabel(e: SceneEdge): string | null {
  const head = [e.index !== undefined ? String(e.index) : '', e.name ?? ''].filter((s) => s !== '').join(' ');
  const parts: string[] = [];
  if (head) parts.push(small(head));
  if (e.type) parts.push(small(e.type, COLORS.type));
  return parts.length ? `<${parts.join('<BR/>')}>` : null;
}

/** The scene as a `digraph`; `name` is quoted, so any text is safe. */
export function renderDot(scene: Scene, name = 'G'): string {
  const lines = [
    `digraph ${JSON.stringify(name)} {`,
    '  graph [rankdir=TB];',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const n of scene.nodes) lines.push(`  ${n.id} [label=${nodeLabel(n)}, ${STYLE[n.kind]}];`);
  for (const e of scene.edges) {
    const label = edgeLabel(e);
    lines.push(`  ${e.from} -> ${e.to}${label ? ` [label=${label}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
