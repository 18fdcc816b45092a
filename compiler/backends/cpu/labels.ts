// How a fused loop is named in debugprint and profiles: Theano's `Elemwise{Composite{...}}`
// with the loop's inputs as i0, i1, ..., one expression per value the loop hands out.
import type { Apply, Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import { SCALAR_OPS } from '../../ops/scalar.ts';
import { type CpuStep, type LoopStep, cpuStepOutputs, scalarSource } from './loops.ts';

const allBc = (v: Variable) => v.broadcastable.every((b) => b);

/** The expression of every value a loop computes, in terms of its inputs. */
function expressions(step: LoopStep): Map<Variable, string> {
  const names = new Map<Variable, string>();
  let k = 0;
  for (const inp of step.inputs) {
    if (inp.kind === 'literal') names.set(inp.v, String(inp.value));
    else if (inp.kind === 'shape') names.set(inp.v, `i${k++}.shape[${inp.axis}]`);
    else names.set(inp.v, `i${k++}`);
  }
  const nameOf = (v: Variable) => names.get(v) ?? (allBc(v) ? names.get(scalarSource(v)) : undefined) ?? '?';
  const node = (n: Apply) => {
    const p = n.op.params as OpParams['elemwise'];
    const def = SCALAR_OPS[p.scalar] as { pp?: { infix: string } | { prefix: string } };
    const a = n.inputs.map(nameOf);
    const e = p.scalar === 'cast' ? `cast{${p.dtype}}(${a[0]})`
      : def.pp && 'infix' in def.pp ? `(${a.join(` ${def.pp.infix} `)})`
        : def.pp && 'prefix' in def.pp ? `${def.pp.prefix}${a[0]}` : `${p.scalar}(${a.join(', ')})`;
    names.set(n.outputs[0]!, e);
  };
  [...step.invariant, ...step.nodes].forEach(node);
  // a result read after the accumulation appears as the reduction of its expression, as pp writes it
  for (const r of step.reductions) {
    const p = r.op.params as OpParams['reduce'];
    const x = r.inputs[0]!;
    const axes = p.axes.length === x.ndim ? '' : `, axis=${p.axes.length === 1 ? p.axes[0] : `[${p.axes.join(', ')}]`}`;
    names.set(r.outputs[0]!, `${p.op}(${nameOf(x)}${axes}${p.keepdims ? ', keepdims=True' : ''})`);
  }
  [...step.after, ...step.tail].forEach(node);
  return names;
}

/**
 * Each output a loop writes over one of its inputs, as [output, input]: Theano's destroy
 * map, with inputs numbered as debugprint lists them (literals are not inputs).
 */
export function destroyPairs(step: CpuStep): [number, number][] {
  if (step.kind !== 'loop' || !step.inplace) return [];
  return [...step.inplace].sort(([a], [b]) => a - b).map(([o, j]) => [o, step.inputs.slice(0, j).filter((i) => i.kind !== 'literal').length]);
}

/** Theano's mark for an output written over an input, `[(0, 1)]`, or ''. */
function destroyMark(step: LoopStep, out: number): string {
  const pair = destroyPairs(step).find(([o]) => o === out);
  return pair ? `[(${pair[0]}, ${pair[1]})]` : '';
}

/**
 * A single op's label once it writes over an input: Theano's inplace copy of a scalar op has
 * no name and prints as its class, `Elemwise{exp,no_inplace}` -> `Elemwise{Exp}`.
 */
const inplaceLabel = (label: string) =>
  label.replace(/^Elemwise\{(\w+),no_inplace\}$/, (_, name: string) => `Elemwise{${name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}}`)
    .replace(/^Elemwise\{(Cast\{\w+\}),no_inplace\}$/, 'Elemwise{$1}');

/** The label of each value a step hands out. */
export function outputLabels(step: CpuStep): Map<Variable, string> {
  if (step.kind === 'node') return new Map(step.node.outputs.map((o) => [o, step.node.op.label]));
  const exprs = expressions(step);
  const inner = new Set([...step.invariant, ...step.nodes].map((n) => n.outputs[0]!));
  const computed = (i: Variable) => inner.has(i) || (allBc(i) && inner.has(scalarSource(i)));
  const out = new Map<Variable, string>();
  // a value made by one node straight from the loop's inputs keeps that node's label
  step.outputs.forEach((v, i) => {
    const mark = destroyMark(step, i);
    const label = v.owner!.inputs.some(computed) ? `Elemwise{Composite{${exprs.get(v)}}}` : mark ? inplaceLabel(v.owner!.op.label) : v.owner!.op.label;
    out.set(v, label + mark);
  });
  for (const r of step.reductions) {
    const x = r.inputs[0]!;
    out.set(r.outputs[0]!, inner.has(x) ? `${r.op.label}{Composite{${exprs.get(x)}}}` : r.op.label);
  }
  // work after the accumulation always reads a result computed here
  for (const n of [...step.after, ...step.tail]) out.set(n.outputs[0]!, `Elemwise{Composite{${exprs.get(n.outputs[0]!)}}}`);
  return out;
}

/** One label for the whole step (profiles list steps, not values). */
export function cpuStepLabel(step: CpuStep): string {
  const labels = outputLabels(step);
  const all = cpuStepOutputs(step).map((v) => labels.get(v)!);
  return all.length === 1 ? all[0]! : all.join(' + ');
}

/** The values a step reads, as debugprint lists them under it. */
export function displayInputs(step: CpuStep): Variable[] {
  if (step.kind === 'node') return step.node.inputs;
  return step.inputs.flatMap((i) => (i.kind === 'literal' ? [] : [i.kind === 'shape' ? i.of : i.v]));
}
