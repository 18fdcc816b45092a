// What the CPU backend launches: fused loops and single-node calls. A fused loop runs once over
// one iteration space (an ndim and broadcast pattern) and may produce several per-element
// outputs and several reductions of them, reading scalars (size-1 values, shapes, constants)
// once before it starts. Elementwise nodes over the same space join a loop unless that would
// make it wait for itself through another step.
import { Apply, Constant, type Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import { scalarConstant } from '../../compile/schedule.ts';

/** A value a fused loop reads. */
export type LoopInput =
  /** A tensor of the space's ndim, read per element (stride 0 on its broadcast axes). */
  | { kind: 'array'; v: Variable }
  /** A size-1 value, read once: `src` is `v` without the dimshuffles that only reshape one element. */
  | { kind: 'scalar'; v: Variable; src: Variable }
  /** `shape(of)[axis]`, read from the array `of` without computing the shape vector. */
  | { kind: 'shape'; v: Variable; of: Variable; axis: number }
  | { kind: 'literal'; v: Variable; value: number };

export interface LoopStep {
  kind: 'loop';
  /** Broadcast pattern of every per-element value. */
  space: readonly boolean[];
  /** Elementwise nodes on size-1 values, computed once before the loop, in order. */
  invariant: Apply[];
  /** Elementwise nodes computed per element, in order. */
  nodes: Apply[];
  /** Reductions of per-element values, accumulated during the loop. */
  reductions: Apply[];
  /** Per-element values other steps or the caller read. */
  outputs: Variable[];
  inputs: LoopInput[];
}

export interface NodeStep { kind: 'node'; node: Apply }
export type CpuStep = LoopStep | NodeStep;

/** What a step produces, in the order its code returns (and its instrumentation reports) them. */
export const cpuStepOutputs = (s: CpuStep): Variable[] =>
  (s.kind === 'loop' ? [...s.outputs, ...s.reductions.map((r) => r.outputs[0]!)] : s.node.outputs);
/** The graph nodes a step evaluates, in evaluation order. */
export const cpuStepNodes = (s: CpuStep): Apply[] => (s.kind === 'loop' ? [...s.invariant, ...s.nodes, ...s.reductions] : [s.node]);
/** The variables a step reads (a shape read reads its array). */
export const cpuStepReads = (s: CpuStep): Variable[] =>
  (s.kind === 'loop' ? s.inputs.flatMap((i) => (i.kind === 'array' ? [i.v] : i.kind === 'scalar' ? [i.src] : i.kind === 'shape' ? [i.of] : [])) : s.node.inputs);

const allBc = (v: Variable) => v.broadcastable.every((b) => b);
const sameSpace = (a: readonly boolean[], b: readonly boolean[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const isElem = (n: Apply | null): boolean => n !== null && n.op.kind === 'elemwise';

/** `v` without dimshuffles over one element (they change no value, only how it is indexed). */
export function scalarSource(v: Variable): Variable {
  let cur = v;
  while (cur.owner?.op.kind === 'dimshuffle' && allBc(cur)) cur = cur.owner.inputs[0]!;
  return cur;
}

/** `shape(of)[axis]` with a constant index, or null. */
export function shapeRead(v: Variable): { of: Variable; axis: number } | null {
  const n = v.owner;
  if (!n || n.op.kind !== 'subtensor' || n.inputs.length !== 1) return null;
  const s = n.inputs[0]!.owner;
  const index = (n.op.params as OpParams['subtensor']).index;
  if (!s || s.op.kind !== 'shape' || index.length !== 1 || index[0]!.kind !== 'int' || typeof index[0]!.at !== 'number') return null;
  const of = s.inputs[0]!;
  const axis = index[0]!.at < 0 ? index[0]!.at + of.ndim : index[0]!.at;
  return axis >= 0 && axis < of.ndim ? { of, axis } : null;
}

interface Group {
  id: number;
  space: readonly boolean[];
  members: Apply[];
  invariant: Set<Apply>;
  reductions: Apply[];
  /** Set when merged into another group. */
  into: Group | null;
}
type Unit = Group | Apply;

const REDUCIBLE = new Set(['sum', 'prod', 'max', 'min', 'all', 'any']);

/**
 * Group `order` (topologically sorted nodes) into CPU steps. Without `fuse`, every node is its
 * own step (an elementwise node still runs as a loop, with its scalar constants inlined).
 */
export function formLoops(order: readonly Apply[], targets: readonly Variable[], options: { fuse: boolean }): CpuStep[] {
  const { fuse } = options;
  const position = new Map(order.map((n, i) => [n, i]));
  const find = (g: Group): Group => (g.into ? find(g.into) : g);
  /** The unit that makes each materialized variable available. */
  const producer = new Map<Variable, Unit>();
  const memberOf = new Map<Apply, Group>();
  const reads = new Map<Unit, Set<Unit>>();
  const unitOf = (u: Unit): Unit => (u instanceof Apply ? u : find(u));
  const readsOf = (u: Unit): Set<Unit> => {
    const r = reads.get(u);
    if (r) return r;
    const fresh = new Set<Unit>();
    reads.set(u, fresh);
    return fresh;
  };

  /** Is there a path of reads from `from` to `to`? */
  const reaches = (from: Unit, to: Unit, skipDirect = false): boolean => {
    const seen = new Set<Unit>();
    const stack: Unit[] = [...readsOf(unitOf(from))].map(unitOf).filter((u) => !(skipDirect && u === to));
    while (stack.length) {
      const u = stack.pop()!;
      if (u === to) return true;
      if (seen.has(u)) continue;
      seen.add(u);
      for (const x of readsOf(u)) stack.push(unitOf(x));
    }
    return false;
  };

  /** The units a node input makes a loop in `space` wait for, when the input is not computed in `g`. */
  const outsideUnits = (i: Variable, g: Group | null, space: readonly boolean[]): Unit[] => {
    const src = allBc(i) ? scalarSource(i) : i;
    const p = src.owner && memberOf.get(src.owner);
    if (p && g && find(p) === g) return [];
    if (scalarConstant(i) !== null) return [];
    // a size-1 value is recomputed inside a loop over more than one element, from its leaves
    const leaves = fuse && !space.every((b) => b) && allBc(i) ? invariantLeaves(i) : [i];
    return leaves.flatMap((l) => {
      const s = allBc(l) ? scalarSource(l) : l;
      const r = fuse ? shapeRead(s) : null;
      const u = producer.get(r ? r.of : s);
      return u ? [unitOf(u)] : [];
    });
  };

  let ids = 0;
  const newGroup = (space: readonly boolean[]): Group => ({ id: ids++, space, members: [], invariant: new Set(), reductions: [], into: null });
  const isGroup = (u: Unit): u is Group => !(u instanceof Apply);

  for (const n of order) {
    if (fuse && n.op.kind === 'reduce' && REDUCIBLE.has((n.op.params as OpParams['reduce']).op)) {
      // a unit of its own while loops form; it joins its input's loop at the end
      const r = readsOf(n);
      for (const u of outsideUnits(n.inputs[0]!, null, n.inputs[0]!.broadcastable)) r.add(u);
      producer.set(n.outputs[0]!, n);
      continue;
    }
    if (!isElem(n)) {
      const r = readsOf(n);
      for (const i of n.inputs) { const u = producer.get(i); if (u) r.add(unitOf(u)); }
      for (const o of n.outputs) producer.set(o, n);
      continue;
    }
    const space = n.outputs[0]!.broadcastable;
    const candidates: Group[] = [];
    if (fuse) {
      for (const i of n.inputs) {
        const g = i.owner && memberOf.get(i.owner);
        if (g && sameSpace(find(g).space, space) && !candidates.includes(find(g))) candidates.push(find(g));
      }
    }
    const canJoin = (g: Group) => n.inputs.every((i) => outsideUnits(i, g, space).every((u) => u !== g && !reaches(u, g)));
    let g = candidates.find(canJoin) ?? null;
    if (g) {
      // siblings over the same space merge when neither waits for the other through a third step
      for (const h of candidates) {
        if (h === g || find(h) === find(g) || !canJoin(h)) continue;
        if (reaches(g, h, true) || reaches(h, g, true)) continue;
        const target: Group = g;
        h.into = target;
        target.members = [...target.members, ...h.members].sort((a, b) => position.get(a)! - position.get(b)!);
        h.invariant.forEach((x) => target.invariant.add(x));
        const merged = readsOf(target);
        for (const u of readsOf(h)) merged.add(u);
        reads.delete(h);
      }
    } else {
      g = newGroup(space);
      reads.set(g, new Set());
    }
    g.members.push(n);
    memberOf.set(n, g);
    const r = readsOf(g);
    for (const i of n.inputs) {
      for (const u of outsideUnits(i, g, space)) if (u !== g) r.add(u);
      if (fuse && !space.every((b) => b) && allBc(i) && scalarConstant(i) === null) {
        for (const m of invariantNodes(i)) g.invariant.add(m);
      }
    }
    producer.set(n.outputs[0]!, g);
  }

  // reductions join the loop producing their input, or get a loop of their own
  const groups = new Set<Group>();
  for (const n of order) { const g = memberOf.get(n); if (g) groups.add(find(g)); }
  for (const n of order) {
    if (producer.get(n.outputs[0]!) !== n || n.op.kind !== 'reduce' || !fuse) continue;
    const x = n.inputs[0]!;
    const p = x.owner && memberOf.get(x.owner);
    let g = p && sameSpace(find(p).space, x.broadcastable) ? find(p) : null;
    if (!g) {
      g = newGroup(x.broadcastable);
      reads.set(g, new Set());
      groups.add(g);
    }
    g.reductions.push(n);
    const r = readsOf(g);
    for (const u of readsOf(n)) if (unitOf(u) !== g) r.add(u);
    reads.delete(n);
    producer.set(n.outputs[0]!, g);
    // whoever read the reduction now reads its loop
    for (const [, set] of reads) if (set.delete(n)) set.add(g);
  }

  // steps in an order where every unit follows what it reads
  const units: Unit[] = [...order.filter((n) => !memberOf.has(n) && producer.get(n.outputs[0]!) === n), ...groups];
  const placed = new Set<Unit>();
  const sorted: Unit[] = [];
  const place = (u: Unit) => {
    if (placed.has(u)) return;
    placed.add(u);
    for (const x of readsOf(u)) if (unitOf(x) !== u) place(unitOf(x));
    sorted.push(u);
  };
  units.sort((a, b) => firstPos(a) - firstPos(b)).forEach(place);

  function firstPos(u: Unit): number {
    return isGroup(u) ? Math.min(...[...u.members, ...u.reductions].map((m) => position.get(m)!)) : position.get(u)!;
  }

  const readers = new Map<Variable, number>();
  for (const t of targets) readers.set(t, (readers.get(t) ?? 0) + 1);
  const steps = sorted.map((u): CpuStep => (isGroup(u) ? finishLoop(u) : { kind: 'node', node: u }));
  // a per-element value is an output when something outside its loop reads it
  for (const s of steps) for (const v of cpuStepReads(s)) readers.set(v, (readers.get(v) ?? 0) + 1);
  for (const s of steps) if (s.kind === 'loop') s.outputs = s.nodes.map((m) => m.outputs[0]!).filter((v) => readers.has(v));
  return steps;

  function finishLoop(g: Group): LoopStep {
    const members = new Set(g.members);
    const invariant = [...g.invariant].sort((a, b) => position.get(a)! - position.get(b)!);
    const inner = new Set([...members, ...invariant]);
    const inputs: LoopInput[] = [];
    const seen = new Set<Variable>();
    const add = (i: Variable) => {
      const src = allBc(i) ? scalarSource(i) : i;
      if ((src.owner && inner.has(src.owner)) || seen.has(src)) return;
      seen.add(src);
      const c = scalarConstant(i);
      if (c !== null) { inputs.push({ kind: 'literal', v: src, value: c }); return; }
      const r = fuse ? shapeRead(src) : null;
      if (r) inputs.push({ kind: 'shape', v: src, of: r.of, axis: r.axis });
      else if (allBc(i)) inputs.push({ kind: 'scalar', v: src, src });
      else inputs.push({ kind: 'array', v: i });
    };
    for (const m of [...invariant, ...g.members]) m.inputs.forEach(add);
    for (const r of g.reductions) add(r.inputs[0]!);
    return { kind: 'loop', space: g.space, invariant, nodes: g.members, reductions: g.reductions, outputs: [], inputs };
  }
}

/** The elementwise nodes computing the size-1 value `v`, through size-1 dimshuffles. */
function invariantNodes(v: Variable): Apply[] {
  const out: Apply[] = [];
  const visit = (x: Variable) => {
    const s = scalarSource(x);
    const n = s.owner;
    if (!n || !isElem(n) || s instanceof Constant || shapeRead(s)) return;
    if (out.includes(n)) return;
    n.inputs.forEach(visit);
    out.push(n);
  };
  visit(v);
  return out;
}

/** The values the invariant computation of `v` starts from. */
function invariantLeaves(v: Variable): Variable[] {
  const nodes = new Set(invariantNodes(v));
  const leaves: Variable[] = [];
  const visit = (x: Variable) => {
    const s = scalarSource(x);
    if (s.owner && nodes.has(s.owner)) { s.owner.inputs.forEach(visit); return; }
    if (!leaves.includes(x)) leaves.push(x);
  };
  visit(v);
  return leaves;
}
