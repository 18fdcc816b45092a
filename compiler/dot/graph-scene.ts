// Scenes for the two things pydotprint draws: a symbolic graph as built (every Apply), and a
// compiled function as it runs (its kernels, after rewrites and fusion, labelled as debugprint
// labels them).
import { Constant, SharedVariable, type Apply, type Variable } from '../graph.ts';
import type { Compiled } from '../function.ts';
import { type CpuStep, cpuStepOutputs } from '../backends/cpu/loops.ts';
import { cpuStepLabel, displayInputs } from '../backends/cpu/labels.ts';
import { SceneBuilder, type Scene } from './scene.ts';

/** A variable that nothing in the drawing computes: an input, a constant or shared state. */
function leaf(b: SceneBuilder, v: Variable): string {
  const type = String(v.type);
  if (v instanceof Constant) return b.node(v, () => ({ kind: 'constant', title: String(v), type }));
  if (v instanceof SharedVariable) return b.node(v, () => ({ kind: 'shared', title: v.name ?? 'shared', type }));
  return b.node(v, () => ({ kind: 'input', title: String(v), type }));
}

/** What an edge says about the variable it carries, when that variable has no box of its own. */
function carried(v: Variable, producerOutputs: number): { name?: string; type?: string } {
  const name = v.name ?? (producerOutputs > 1 ? `out ${v.index}` : undefined);
  return { ...(name !== undefined ? { name } : {}), type: String(v.type) };
}

const at = (i: number, n: number) => (n > 1 ? { index: i } : {});

/** Every Apply under `outputs`, as built (before any rewrite). */
export function graphScene(outputs: readonly Variable[]): Scene {
  const b = new SceneBuilder();
  const visit = (v: Variable): string => {
    const node: Apply | null = v.owner;
    if (!node) return leaf(b, v);
    if (b.has(node)) return b.idOf(node);
    const id = b.node(node, () => ({ kind: 'apply', title: node.op.label }));
    node.inputs.forEach((input, i) => {
      const from = visit(input);
      b.edge({ from, to: id, ...at(i, node.inputs.length), ...(input.owner ? carried(input, input.owner.outputs.length) : {}) });
    });
    return id;
  };
  outputs.forEach((o, k) => {
    const box = b.node({ output: k }, () => ({ kind: 'output', title: String(o), type: String(o.type) }));
    b.edge({ from: visit(o), to: box });
  });
  return b.scene;
}

/** The kernels a compiled function launches, each with its launch index, and what they read. */
export function kernelScene(info: Compiled): Scene {
  const b = new SceneBuilder();
  const producer = new Map<Variable, { step: CpuStep; k: number }>();
  info.cpu.forEach((step, k) => { for (const v of cpuStepOutputs(step)) producer.set(v, { step, k }); });

  const visit = (v: Variable): string => {
    const p = producer.get(v);
    // anything not computed by a kernel (inputs, shared state, constants read in place) is a leaf
    if (!p) return leaf(b, v);
    if (b.has(p.step)) return b.idOf(p.step);
    const id = b.node(p.step, () => ({ kind: 'apply', title: cpuStepLabel(p.step), note: `launch ${p.k}` }));
    const inputs = displayInputs(p.step);
    inputs.forEach((input, i) => {
      const from = visit(input);
      const made = producer.get(input);
      b.edge({ from, to: id, ...at(i, inputs.length), ...(made ? carried(input, cpuStepOutputs(made.step).length) : {}) });
    });
    return id;
  };
  const boxes: [string, Variable][] = [
    ...info.outputs.map((o, k): [string, Variable] => [o.name ?? `output ${k}`, o]),
    ...info.updates.map(([s, u]): [string, Variable] => [`${s.name ?? 'shared'} (update)`, u]),
  ];
  boxes.forEach(([title, v], k) => {
    const box = b.node({ output: k }, () => ({ kind: 'output', title, type: String(v.type) }));
    b.edge({ from: visit(v), to: box });
  });
  return b.scene;
}
