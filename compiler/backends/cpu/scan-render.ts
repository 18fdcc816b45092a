// A scan node as generated JS: the step graph is optimized and rendered once, as a nested
// module in the function's source, and a loop function calls it once per step, reading row
// views of the sequences, passing each tap the state it looks back to, and storing the
// outputs into stacked buffers.
import type { Apply, Constant, Variable } from '../../graph.ts';
import type { ScanParams } from '../../ops/params.ts';
import { optimize } from '../../rewrite/optimize.ts';
import { toposort } from '../../compile/schedule.ts';
import { innerGraph } from '../../scan/registry.ts';
import { layoutOf, lookback } from '../../scan/layout.ts';
import { formLoops } from './loops.ts';
import { renderCpu } from './codegen.ts';

/** The step graph as a module source `(function (K, C) { ... return function run(I, S) })`. */
export function compileStep(id: number, fuse: boolean): { source: string; constants: Constant[] } {
  const g = innerGraph(id);
  const cut = new Set(g.inputs);
  const targets = optimize(g.outputs, fuse ? 'fast_run' : 'fast_compile', cut).outputs;
  const order = toposort(targets, cut);
  const mod = renderCpu({ steps: formLoops(order, targets, { fuse }), inputs: g.inputs, shared: [], targets, specialize: fuse, resultsCopied: true });
  return { source: mod.source, constants: mod.constants };
}

const j = (v: unknown) => JSON.stringify(v);

/**
 * The loop function `fname(prev..., n, seqs..., inits..., nonSeqs...)` returning the node's
 * outputs; `step` names the compiled step, `used[o]` says whether output o is read at all
 * (a state nobody reads the history of is not stacked).
 *
 * Each state keeps its last L+1 values in buffers of its own (a ring): step t writes slot
 * t mod (L+1) and reads the L before it, or the initial rows in the first L steps. The step
 * reuses its output buffers, so everything it returns is copied out before the next step.
 */
export function renderScanLoop(node: Apply, fname: string, step: string, used: readonly boolean[]): string {
  const p = node.op.params as ScanParams;
  const L = layoutOf(p);
  const g = innerGraph(p.id);
  const R = L.states;
  const name = j(p.name);
  const a = (i: number) => `a${i}`;
  const params = [...node.outputs.map((_, o) => `p${o}`), ...node.inputs.map((_, i) => a(i))];
  const B: string[] = [`function ${fname}(${params.join(', ')}) {`];
  B.push(`  const n = K.scanSteps(a0, ${name});`);
  for (let s = 0; s < p.seqs; s++) {
    const x = a(L.seq(s));
    B.push(`  K.scanCheckRows(${x}, n, ${name}, "sequence ${s}");`);
    B.push(`  const q${s} = ${x}.shape.slice(1), z${s} = K.sizeOf(q${s}), r${s} = K.scanRowBuffer(${x}, q${s}, z${s});`);
  }
  p.taps.forEach((taps, i) => {
    const x = a(L.init(i)), back = lookback(taps);
    B.push(`  K.scanCheckRows(${x}, ${back}, ${name}, "the initial state of output ${i}");`);
    B.push(`  const hq${i} = ${x}.shape.slice(1), hz${i} = K.sizeOf(hq${i});`);
    B.push(`  const h${i} = [${Array.from({ length: back }, (_, r) => `K.scanRow(${x}, hq${i}, hz${i}, ${r})`).join(', ')}];`);
    B.push(`  const g${i} = [${Array.from({ length: back + 1 }, () => `new NDArray(${x}.dtype, hq${i})`).join(', ')}];`);
    if (used[L.stacked(i)]) B.push(`  const y${i} = K.scanStack(p${L.stacked(i)}, n, hq${i}, ${x}.dtype);`);
  });
  for (let m = 0; m < p.maps; m++) B.push(`  let m${m} = null;`);
  B.push(`  const I = new Array(${L.innerInputs});`);
  for (let k = 0; k < p.nonSeqs; k++) B.push(`  I[${L.innerNonSeq(k)}] = ${a(L.nonSeq(k))};`);
  B.push('  const NONE = [];');
  B.push('  for (let t = 0; t < n; t++) {');
  for (let s = 0; s < p.seqs; s++) B.push(`    I[${L.innerSeq(s)}] = K.scanReadRow(r${s}, ${a(L.seq(s))}, q${s}, z${s}, t);`);
  p.taps.forEach((taps, i) => {
    const back = lookback(taps), M = back + 1;
    taps.forEach((k, r) => B.push(`    I[${L.innerTap(i, r)}] = t >= ${-k} ? g${i}[(t - ${-k}) % ${M}] : h${i}[${back + k} + t];`));
  });
  B.push(`    const o = ${step}(I, NONE);`);
  p.taps.forEach((taps, i) => {
    B.push(`    K.scanCopy(g${i}[t % ${lookback(taps) + 1}], o[${i}], t, ${name}, "output ${i}");`);
    if (used[L.stacked(i)]) B.push(`    K.scanStore(y${i}, t, o[${i}], ${name}, "output ${i}");`);
  });
  for (let m = 0; m < p.maps; m++) {
    if (!used[L.map(m)]) continue;
    B.push(`    if (t === 0) m${m} = K.scanStack(p${L.map(m)}, n, o[${R + m}].shape, o[${R + m}].dtype);`);
    B.push(`    K.scanStore(m${m}, t, o[${R + m}], ${name}, "output ${R + m}");`);
  }
  B.push('  }');
  // with no steps, a map's rows take their static sizes (unknown ones are 0)
  for (let m = 0; m < p.maps; m++) {
    if (!used[L.map(m)]) continue;
    const t = g.outputs[R + m]!.type;
    B.push(`  if (m${m} === null) m${m} = K.scanStack(null, 0, ${j(t.shape.map((s) => s ?? 0))}, ${j(t.dtype)});`);
  }
  const outs = node.outputs.map((_, o) => {
    if (!used[o]) return 'null';
    if (o < R) return `y${o}`;
    if (o < R + p.maps) return `m${o - R}`;
    // the ring is this call's own; with no steps the last state is an initial row, a view
    const i = o - R - p.maps, back = lookback(p.taps[i]!);
    return `(n > 0 ? g${i}[(n - 1) % ${back + 1}] : h${i}[${back - 1}].copy())`;
  });
  // like every generated kernel: one output is returned bare, several as a list
  B.push(`  return ${outs.length === 1 ? outs[0] : `[${outs.join(', ')}]`};`, '}');
  return B.join('\n');
}

/** Which outputs of a scan node anything reads. */
export const usedOutputs = (node: Apply, needed: ReadonlySet<Variable>): boolean[] => node.outputs.map((o) => needed.has(o));
