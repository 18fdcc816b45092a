// The picture pydotprint draws, before it becomes DOT text: boxes for variables, ellipses for
// apply nodes (or compiled kernels), and edges carrying the variables between them.

/** What a node stands for; each kind has its own colour (see dot/render.ts). */
export type NodeKind = 'apply' | 'input' | 'output' | 'constant' | 'shared';

export interface SceneNode {
  id: string;
  kind: NodeKind;
  /** Main text: an op label, a variable's name, a constant's value. */
  title: string;
  /** The variable's type, drawn in purple under the title. */
  type?: string;
  /** Extra small text, e.g. a kernel's launch index. */
  note?: string;
}

export interface SceneEdge {
  from: string;
  to: string;
  /** Position among the consumer's inputs, shown when the consumer has several. */
  index?: number;
  /** The name of the variable on this edge, when it has one and is not drawn as a box. */
  name?: string;
  /** The type of the variable on this edge, when it is not drawn as a box. */
  type?: string;
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** Hands out ids in first-seen order, so the same graph always prints the same DOT text. */
export class SceneBuilder {
  readonly scene: Scene = { nodes: [], edges: [] };
  private readonly ids = new Map<unknown, string>();

  has(key: unknown): boolean { return this.ids.has(key); }
  idOf(key: unknown): string {
    const id = this.ids.get(key);
    if (id === undefined) throw new Error('pydotprint: internal error, a node was used before it was drawn');
    return id;
  }

  /** Adds a node for `key` unless it has one already; returns its id either way. */
  node(key: unknown, make: () => Omit<SceneNode, 'id'>): string {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = `n${this.ids.size}`;
    this.ids.set(key, id);
    this.scene.nodes.push({ id, ...make() });
    return id;
  }

  edge(e: SceneEdge): void { this.scene.edges.push(e); }
}
