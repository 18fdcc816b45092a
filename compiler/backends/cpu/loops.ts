// What the CPU backend launches: fused loops and single-node calls. A fused loop runs once over
// one iteration space (an ndim and broadcast pattern) and may produce several per-element
// outputs and several reductions of them, reading scalars (size-1 values, shapes, constants)
// once before it starts. Elementwise nodes over the same space join a loop unless that would
// make it wait for itself through another step. Elementwise work on a loop's reduction results
// runs in the same loop function once the accumulation is done: once for size-1 results, or in
// a short pass over the elements of a partial reduction's result.
import { Apply, Constant, type Variable } from '../../graph.ts';
import type { OpParams } from '../../ops/params.ts';
import { scalarConstant } from '../../compile/schedule.ts';
import { nodeScopes } from './branches.ts';

/** A value a fused loop reads. */
export type LoopInput =
  /**
   * A tensor of the space's ndim, read per element (stride 0 on its broadcast axes); with
   * `tail`, read per element of the pass after the accumulation, in the result's layout.
   */
  | { kind: 'array'; v: Variable; tail?: true }
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
  /** Elementwise nodes on size-1 values computed once after the accumulation, in order. */
  after: Apply[];
  /** Elementwise nodes computed per element of `tailOf`'s result after the accumulation, in order. */
  tail: Apply[];
  /** The reduction whose result's layout the tail pass runs over (null without a tail). */
  tailOf: Apply | null;
  /** Per-element values other steps or the caller read. */
  outputs: Variable[];
  /** Reduction results and values computed after the accumulation that other steps or the caller read. */
  results: Variable[];
  inputs: LoopInput[];
  /**
   * Output index -> index in `inputs` of the array whose buffer that output is written into
   * (set by code generation, which knows who else reads the buffer).
   */
  inplace?: ReadonlyMap<number, number>;
}

export interface NodeStep { kind: 'node'; node: Apply }
export type CpuStep = LoopStep | NodeStep;

/** What a step produces, in the order its code returns (and its instrumentation reports) them. */
export const cpuStepOutputs = (s: CpuStep): Variable[] => (s.kind === 'loop' ? [...s.outputs, ...s.results] : s.node.outputs);
/** The graph nodes a step evaluates, in evaluation order. */
export const cpuStepNodes = (s: CpuStep): Apply[] =>
  (s.kind === 'loop' ? [...s.invariant, ...s.nodes, ...s.reductions, ...s.after, ...s.tail] : [s.node]);
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
  /** Work on the reductions' results: size-1 nodes once, per-element nodes over `tailOf`'s result. */
  after: Apply[];
  tail: Apply[];
  tailOf: Apply | null;
  /** Set when merged into another group. */
  into: Group | null;
}
type Unit = Group | Apply;

const REDUCIBLE = new Set(['sum', 'prod', 'max', 'min', 'all', 'any']);

/** Reductions of one space whose results have the same layout, element for element. */
export const sameResultLayout = (p: OpParams['reduce'], q: OpParams['reduce']): boolean =>
  p.keepdims === q.keepdims && p.axes.length === q.axes.length && p.axes.every((x) => q.axes.includes(x));
const sameResult = (a: Apply, b: Apply) => sameResultLayout(a.op.params as OpParams['reduce'], b.op.params as OpParams['reduce']);

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
  const newGroup = (space: readonly boolean[]): Group =>
    ({ id: ids++, space, members: [], invariant: new Set(), reductions: [], after: [], tail: [], tailOf: null, into: null });
  const isGroup = (u: Unit): u is Group => !(u instanceof Apply);
  // work of different ifelse branches never shares a loop: each branch runs only when taken
  const scopes = nodeScopes(order, targets);
  const sameArm = (g: Group, n: Apply) => scopes === null || scopes.get(g.members[0] ?? g.reductions[0]!) === scopes.get(n);

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
        if (g && sameSpace(find(g).space, space) && sameArm(find(g), n) && !candidates.includes(find(g))) candidates.push(find(g));
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
    let g = p && sameSpace(find(p).space, x.broadcastable) && sameArm(find(p), n) ? find(p) : null;
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

  // elementwise work on a loop's results joins that loop, after its accumulation
  if (fuse) {
    for (const e of [...groups].sort((a, b) => firstPos(a) - firstPos(b))) {
      if (e.into || e.reductions.length) continue;
      const loops = new Set([...readsOf(e)].map(unitOf).filter((u): u is Group => isGroup(u) && u !== e && u.reductions.length > 0));
      for (const g of loops) if (joinAfter(e, g)) break;
    }
  }

  /**
   * Move the group `e` into `g`'s epilogue when everything it reads of `g` exists once the
   * accumulation is done (results, not per-element values) and nothing it reads waits for `g`.
   * A size-1 group runs once; a larger one needs the layout of one of `g`'s partial results
   * and reads every other array in that same layout.
   */
  function joinAfter(e: Group, g: Group): boolean {
    if (!sameArm(g, e.members[0]!)) return false;
    const once = e.space.every((b) => b);
    const own = new Set<Apply>([...e.invariant, ...e.members]);
    const main = new Set(g.members);
    const results = new Set<Apply>([...g.reductions, ...g.after, ...g.tail]);
    let tailOf = g.tailOf;
    let perElement = false;
    for (const m of own) {
      for (const i of m.inputs) {
        if (scalarConstant(i) !== null) continue;
        const src = allBc(i) ? scalarSource(i) : i;
        const o = src.owner;
        if (o && own.has(o)) continue;
        if (o && main.has(o)) return false;
        if (allBc(i)) continue;
        if (once || !sameSpace(i.broadcastable, e.space)) return false;
        if (!o || !results.has(o)) continue;
        perElement = true;
        if (o.op.kind !== 'reduce') continue;
        if (tailOf && !sameResult(tailOf, o)) return false;
        tailOf = o;
      }
    }
    if (!once && !perElement) return false;
    for (const u of readsOf(e)) {
      const x = unitOf(u);
      if (x !== g && reaches(x, g)) return false;
    }
    e.into = g;
    const r = readsOf(g);
    for (const u of readsOf(e)) if (unitOf(u) !== g) r.add(u);
    reads.delete(e);
    // an invariant of `e` may read `g`'s results: it is computed after the accumulation too
    const known = new Set([...g.invariant, ...g.after]);
    for (const m of e.invariant) if (!known.has(m)) g.after.push(m);
    (once ? g.after : g.tail).push(...e.members);
    g.tailOf = tailOf;
    return true;
  }

  // steps in an order where every unit follows what it reads
  const units: Unit[] = [...order.filter((n) => !memberOf.has(n) && producer.get(n.outputs[0]!) === n), ...[...groups].filter((g) => !g.into)];
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

  const readers = new Set<Variable>(targets);
  const steps = sorted.map((u): CpuStep => (isGroup(u) ? finishLoop(u) : { kind: 'node', node: u }));
  // a value is an output when a step that runs reads it from outside its loop (a dimshuffle of
  // a result that the work after the accumulation reads directly no longer runs)
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k]!;
    if (cpuStepNodes(s).some((n) => n.outputs.some((o) => readers.has(o)))) for (const v of cpuStepReads(s)) readers.add(v);
  }
  for (const s of steps) {
    if (s.kind !== 'loop') continue;
    s.outputs = s.nodes.map((m) => m.outputs[0]!).filter((v) => readers.has(v));
    // work after the accumulation that nothing reads is dropped
    const wanted = new Set<Variable>();
    const keep = (n: Apply) => {
      if (!readers.has(n.outputs[0]!) && !wanted.has(n.outputs[0]!)) return false;
      for (const i of n.inputs) wanted.add(allBc(i) ? scalarSource(i) : i);
      return true;
    };
    const tail = s.tail.slice().reverse().filter(keep).reverse();
    const after = s.after.slice().reverse().filter(keep).reverse();
    if (tail.length + after.length < s.tail.length + s.after.length) {
      s.tail = tail;
      s.after = after;
      if (!tail.length) s.tailOf = null;
      s.inputs = loopInputs(s);
    }
    s.results = [...s.reductions, ...s.after, ...s.tail].map((m) => m.outputs[0]!).filter((v) => readers.has(v));
  }
  return steps;

  function finishLoop(g: Group): LoopStep {
    const byPos = (a: Apply, b: Apply) => position.get(a)! - position.get(b)!;
    const step: LoopStep = {
      kind: 'loop', space: g.space, invariant: [...g.invariant].sort(byPos), nodes: g.members, reductions: g.reductions,
      after: [...g.after].sort(byPos), tail: [...g.tail].sort(byPos), tailOf: g.tailOf, outputs: [], results: [], inputs: [],
    };
    step.inputs = loopInputs(step);
    return step;
  }

  /** What a loop reads from outside, each value once, in the order its work first reads it. */
  function loopInputs({ invariant, nodes, reductions, after, tail }: LoopStep): LoopInput[] {
    const inner = new Set([...nodes, ...invariant, ...reductions, ...after, ...tail]);
    const inputs: LoopInput[] = [];
    const seen = new Set<Variable>();
    const add = (i: Variable, inTail = false) => {
      const src = allBc(i) ? scalarSource(i) : i;
      if ((src.owner && inner.has(src.owner)) || seen.has(src)) return;
      seen.add(src);
      const c = scalarConstant(i);
      if (c !== null) { inputs.push({ kind: 'literal', v: src, value: c }); return; }
      const r = fuse ? shapeRead(src) : null;
      if (r) inputs.push({ kind: 'shape', v: src, of: r.of, axis: r.axis });
      else if (allBc(i)) inputs.push({ kind: 'scalar', v: src, src });
      else inputs.push(inTail ? { kind: 'array', v: i, tail: true } : { kind: 'array', v: i });
    };
    for (const m of [...invariant, ...nodes]) m.inputs.forEach((i) => add(i));
    for (const r of reductions) add(r.inputs[0]!);
    for (const m of after) m.inputs.forEach((i) => add(i));
    for (const m of tail) m.inputs.forEach((i) => add(i, true));
    return inputs;
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
