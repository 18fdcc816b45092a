// Inplace: a fused loop may store an output into the buffer of one of its array inputs (same
// dtype, same shape) when that buffer is this call's own and nothing reads it afterwards.
// Reading element k before storing element k is what makes one pass safe.
//
// A buffer is this call's own when a generated kernel made it (a loop's output or result, a
// generated dot): not an input, a shared value or a constant, and not something a runtime
// kernel returned (which may be a view). It must also not be handed out (a result or an
// update), seen through a view (reshape, broadcast), or taken by an ifelse, which passes the
// array itself on. "Afterwards" is in the order the code runs, where the work of an ifelse
// branch runs inside the branch (branches.ts), so readers are compared by that order; a scan
// reads its inputs only while its own step runs.
//
// Buffers are also kept from call to call (`prev`, codegen.ts). Outputs that share a buffer
// form a chain; the chain keeps its buffer only when every value on it could keep one alone,
// else its first kernel allocates each call, so a result the caller holds is never written
// by the next call.
import type { Variable } from '../../graph.ts';
import { type CpuStep, cpuStepOutputs } from './loops.ts';

export interface InplacePlan {
  /** Per step: output index -> index in the loop's `inputs` of the array it is stored over. */
  destroys: Map<number, Map<number, number>>;
  /** Outputs that must not keep a buffer across calls (they write over one, or their chain may not). */
  fresh: Set<Variable>;
}

export interface InplaceContext {
  targets: readonly Variable[];
  /** Each step's position in the order the generated code runs it. */
  position: readonly number[];
  /** Whether step k's outputs are buffers generated code allocated (or kept) for this call. */
  owned: (k: number) => boolean;
  /** Values seen through another variable: views and ifelse branch values. */
  pinned: ReadonlySet<Variable>;
  /** Whether a value may keep its buffer across calls on its own. */
  reusable: (v: Variable) => boolean;
}

/** What a step reads the elements of (a shape read sees an array the inplace loop hands on unchanged). */
function dataReads(s: CpuStep): Variable[] {
  if (s.kind === 'node') return s.node.op.kind === 'shape' ? [] : s.node.inputs;
  return s.inputs.flatMap((i) => (i.kind === 'array' ? [i.v] : i.kind === 'scalar' ? [i.src] : []));
}

export function planInplace(steps: readonly CpuStep[], ctx: InplaceContext): InplacePlan {
  const producer = new Map<Variable, number>();
  steps.forEach((s, k) => { for (const o of cpuStepOutputs(s)) producer.set(o, k); });
  const readers = new Map<Variable, number[]>();
  steps.forEach((s, k) => {
    for (const v of dataReads(s)) {
      const r = readers.get(v);
      if (r) r.push(k); else readers.set(v, [k]);
    }
  });

  const destroys = new Map<number, Map<number, number>>();
  /** Output -> the value whose buffer it is stored in. */
  const takes = new Map<Variable, Variable>();
  const taken = new Set<Variable>();
  steps.forEach((s, k) => {
    if (s.kind !== 'loop') return;
    const pos = ctx.position[k]!;
    // a value kept across calls is the better owner of a buffer: its chain can stay kept
    const outs = s.outputs.map((v, i) => ({ v, i })).sort((a, b) => Number(ctx.targets.includes(a.v)) - Number(ctx.targets.includes(b.v)));
    for (const { v, i } of outs) {
      const j = s.inputs.findIndex((inp) => {
        if (inp.kind !== 'array' || inp.tail) return false;
        const a = inp.v;
        if (a.dtype !== v.dtype || a.ndim !== s.space.length || a.broadcastable.some((b, d) => b !== s.space[d])) return false;
        const p = producer.get(a);
        if (p === undefined || !ctx.owned(p)) return false;
        if (taken.has(a) || ctx.targets.includes(a) || ctx.pinned.has(a)) return false;
        return (readers.get(a) ?? []).every((r) => r === k || ctx.position[r]! < pos);
      });
      if (j < 0) continue;
      const a = (s.inputs[j] as { v: Variable }).v;
      taken.add(a);
      takes.set(v, a);
      let m = destroys.get(k);
      if (!m) destroys.set(k, (m = new Map()));
      m.set(i, j);
    }
  });

  const fresh = new Set<Variable>(takes.keys());
  const first = (v: Variable): Variable => { let x = v; while (takes.has(x)) x = takes.get(x)!; return x; };
  const chains = new Map<Variable, Variable[]>();
  for (const v of takes.keys()) {
    const f = first(v);
    const c = chains.get(f);
    if (c) c.push(v); else chains.set(f, [f, v]);
  }
  for (const [f, members] of chains) if (!members.every(ctx.reusable)) fresh.add(f);
  return { destroys, fresh };
}
