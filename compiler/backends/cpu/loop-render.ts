// One fused loop as a JS function: scalars read once, invariant nodes computed once, then one
// pass over the iteration space computing every per-element node, storing the outputs and
// accumulating the reductions (in float64, cast at the end, as the reference `reduce` does),
// then the work on the results: size-1 nodes once, and a pass over a partial result's elements.
import type { DType } from '../../../runtime/dtype.ts';
import type { Variable } from '../../graph.ts';
import type { OpParams, ReduceOpName } from '../../ops/params.ts';
import { CPU_SCALAR, castTo, literal } from './scalar.ts';
import { type LoopStep, cpuStepOutputs, sameResultLayout, scalarSource } from './loops.ts';

const IDENTITY: Record<ReduceOpName, string> = { sum: '0', prod: '1', max: '-Infinity', min: 'Infinity', all: '1', any: '0' };

/** Fold value `t` into accumulator `acc` (a local or an array slot). */
function accumulate(op: ReduceOpName, acc: string, t: string): string {
  switch (op) {
    case 'sum': return `${acc} += ${t};`;
    case 'prod': return `${acc} *= ${t};`;
    // once NaN, an accumulator stays NaN: comparisons with NaN are false
    case 'max': return `if (${t} > ${acc} || ${t} !== ${t}) ${acc} = ${t};`;
    case 'min': return `if (${t} < ${acc} || ${t} !== ${t}) ${acc} = ${t};`;
    case 'all': return `if (${t} === 0) ${acc} = 0;`;
    case 'any': return `if (${t} !== 0) ${acc} = 1;`;
  }
}

const allBc = (v: Variable) => v.broadcastable.every((b) => b);

export function renderLoop(step: LoopStep, fname: string): string {
  const nd = step.space.length;
  const outs = cpuStepOutputs(step);
  const L: string[] = [];
  const params: string[] = outs.map((_, i) => `p${i}`);
  const name = new Map<Variable, string>();
  const nameOf = (v: Variable): string => {
    const n = name.get(v) ?? (allBc(v) ? name.get(scalarSource(v)) : undefined);
    if (n === undefined) throw new Error(`internal: loop ${fname} reads ${v} which it neither receives nor computes`);
    return n;
  };
  const arrays: { v: Variable; j: number }[] = [];
  const tailArrays: { v: Variable; j: number }[] = [];
  const loads: string[] = [];
  step.inputs.forEach((inp, j) => {
    if (inp.kind === 'literal') { name.set(inp.v, literal(inp.value)); return; }
    params.push(`a${j}`);
    name.set(inp.v, `x${j}`);
    if (inp.kind === 'array') (inp.tail ? tailArrays : arrays).push({ v: inp.v, j });
    else if (inp.kind === 'scalar') loads.push(`const x${j} = a${j}.data[0];`);
    else loads.push(`const x${j} = a${j}.shape[${inp.axis}];`);
  });
  L.push(`function ${fname}(${params.join(', ')}) {`);

  // sizes per axis from the arrays that span it; the others must agree
  const sizes: string[] = [];
  const label = JSON.stringify(step.nodes.at(-1)?.op.name ?? step.reductions.at(-1)?.op.name ?? 'loop');
  for (let d = 0; d < nd; d++) {
    const live = arrays.filter(({ v }) => !v.broadcastable[d]);
    if (step.space[d] || live.length === 0) { sizes.push('1'); continue; }
    L.push(`  const s${d} = a${live[0]!.j}.shape[${d}];`);
    for (const { j } of live.slice(1)) {
      L.push(`  if (a${j}.shape[${d}] !== s${d}) throw K.shapeMismatch(${label}, [${arrays.map((a) => `a${a.j}.shape`).join(', ')}], ${d});`);
    }
    sizes.push(`s${d}`);
  }
  const count = sizes.filter((s) => s !== '1').join(' * ') || '1';
  for (const l of loads) L.push(`  ${l}`);
  for (const { j } of [...arrays, ...tailArrays]) L.push(`  const A${j} = a${j}.data;`);

  // nodes on scalars, once
  const expr = (n: LoopStep['nodes'][number]) => {
    const p = n.op.params as OpParams['elemwise'];
    const ins = n.inputs.map((v) => v.dtype as DType);
    return castTo(CPU_SCALAR[p.scalar](n.inputs.map(nameOf), p.dtype, ins), p.scalar, p.dtype, ins);
  };
  let t = 0;
  for (const n of step.invariant) {
    L.push(`  const t${t} = ${expr(n)};`);
    name.set(n.outputs[0]!, `t${t++}`);
  }

  // per-element outputs, reusing last call's buffer when the shape is unchanged, or written
  // over an input that nothing reads after this loop (each element is read before it is stored)
  const sameShape = (p: string, shape: readonly string[]) => shape.map((s, d) => `${p}.shape[${d}] === ${s}`).join(' && ') || 'true';
  const alloc = (i: number, dtype: string, shape: readonly string[]) =>
    `  const o${i} = p${i} !== null && ${sameShape(`p${i}`, shape)} ? p${i} : new NDArray(${JSON.stringify(dtype)}, [${shape.join(', ')}]);`;
  step.outputs.forEach((v, i) => {
    const j = step.inplace?.get(i);
    if (j === undefined) L.push(alloc(i, v.dtype, sizes), `  const O${i} = o${i}.data;`);
    else L.push(`  const o${i} = a${j};`, `  const O${i} = A${j};`);
  });
  const slot = new Map(outs.map((v, i) => [v, i]));

  // reductions: a local accumulator when every spanned axis is reduced, else an array
  const reds = step.reductions.map((r, i) => {
    const p = r.op.params as OpParams['reduce'];
    const full = sizes.every((s, d) => s === '1' || p.axes.includes(d));
    return { r, p, i, full };
  });
  for (const { p, i, full } of reds) {
    const reduced = p.axes.map((a) => sizes[a]!).filter((s) => s !== '1').join(' * ') || '1';
    if (p.op === 'max' || p.op === 'min') {
      L.push(`  if (${reduced} === 0) throw new RangeError("zero-size array to reduction operation ${p.op} which has no identity");`);
    }
    if (full) L.push(`  let r${i} = ${IDENTITY[p.op]};`);
    else {
      const kept = sizes.map((s, d) => (p.axes.includes(d) ? '1' : s));
      L.push(`  const R${i} = new Float64Array(${kept.filter((s) => s !== '1').join(' * ') || '1'}).fill(${IDENTITY[p.op]});`);
      // where each space axis moves in the accumulator: 0 on reduced axes
      let acc = '1';
      for (let d = nd - 1; d >= 0; d--) {
        L.push(`  const qs${i}_${d} = ${p.axes.includes(d) ? '0' : acc};`);
        if (!p.axes.includes(d) && kept[d] !== '1') acc = acc === '1' ? kept[d]! : `${acc} * ${kept[d]}`;
      }
    }
  }

  // the body: one const per node, then stores and accumulations
  const body: string[] = [];
  for (const n of step.nodes) {
    body.push(`const t${t} = ${expr(n)};`);
    name.set(n.outputs[0]!, `t${t++}`);
  }
  const stores = step.outputs.map((v, i) => `O${i}[k] = ${nameOf(v)};`);
  const folds = reds.map(({ r, p, i, full }) => accumulate(p.op, full ? `r${i}` : `R${i}[q${i}_${nd - 1}]`, nameOf(r.inputs[0]!)));

  const flat = arrays.every(({ v }) => v.broadcastable.every((b, d) => b === step.space[d])) && reds.every((x) => x.full);
  if (flat) {
    L.push(`  for (let k = 0, n = ${count}; k < n; k++) {`);
    for (const { j } of arrays) L.push(`    const x${j} = A${j}[k];`);
    for (const s of [...body, ...stores, ...folds]) L.push(`    ${s}`);
    L.push('  }');
  } else {
    // nested loops with per-input strides (0 on broadcast axes)
    for (const { v, j } of arrays) {
      let acc = '1';
      for (let d = nd - 1; d >= 0; d--) {
        if (!v.broadcastable[d]) L.push(`  const st${j}_${d} = ${acc};`);
        acc = acc === '1' ? `a${j}.shape[${d}]` : `${acc} * a${j}.shape[${d}]`;
      }
    }
    L.push('  let k = 0;');
    const pad = (d: number) => '  '.repeat(d + 1);
    for (let d = 0; d < nd; d++) {
      L.push(`${pad(d)}for (let i${d} = 0; i${d} < ${sizes[d]}; i${d}++) {`);
      for (const { v, j } of arrays) {
        const prev = d === 0 ? '0' : `p${j}_${d - 1}`;
        L.push(`${pad(d + 1)}const p${j}_${d} = ${v.broadcastable[d] ? prev : `${prev} + i${d} * st${j}_${d}`};`);
      }
      for (const { i, full } of reds) {
        if (full) continue;
        L.push(`${pad(d + 1)}const q${i}_${d} = ${d === 0 ? '0' : `q${i}_${d - 1}`} + i${d} * qs${i}_${d};`);
      }
    }
    for (const { j } of arrays) L.push(`${pad(nd)}const x${j} = A${j}[p${j}_${nd - 1}];`);
    for (const s of [...body, ...stores, ...folds]) L.push(`${pad(nd)}${s}`);
    if (step.outputs.length) L.push(`${pad(nd)}k++;`);
    for (let d = nd - 1; d >= 0; d--) L.push(`${pad(d)}}`);
  }

  // reduction results, cast from the float64 accumulators: what a later step would load from
  // the stored result is what the work after the accumulation reads
  const resultShape = (p: OpParams['reduce']) => sizes.flatMap((s, d) => (!p.axes.includes(d) ? [s] : p.keepdims ? ['1'] : []));
  const cast = (p: OpParams['reduce'], e: string) => castTo(e, 'cast', p.dtype, ['float64']);
  const epilogue = step.after.length + step.tail.length > 0;
  for (const { r, p, i: q, full } of reds) {
    const i = slot.get(r.outputs[0]!);
    if (full && epilogue) {
      L.push(`  const y${q} = ${cast(p, `r${q}`)};`);
      name.set(r.outputs[0]!, `y${q}`);
    }
    if (i === undefined) continue;
    L.push(alloc(i, p.dtype, resultShape(p)));
    if (full) L.push(`  o${i}.data[0] = ${epilogue ? `y${q}` : cast(p, `r${q}`)};`);
    else L.push(`  for (let j = 0, O = o${i}.data; j < O.length; j++) O[j] = ${cast(p, `R${q}[j]`)};`);
  }

  // size-1 work on the results, once
  for (const n of step.after) {
    const v = n.outputs[0]!;
    L.push(`  const t${t} = ${expr(n)};`);
    name.set(v, `t${t++}`);
    const i = slot.get(v);
    if (i !== undefined) L.push(alloc(i, v.dtype, v.broadcastable.map(() => '1')), `  o${i}.data[0] = ${nameOf(v)};`);
  }

  // per-element work on a partial result, in one pass over its elements
  if (step.tailOf) {
    const p = step.tailOf.op.params as OpParams['reduce'];
    const shape = resultShape(p);
    const tailLabel = JSON.stringify(step.tail.at(-1)!.op.name);
    const shapes = `[[${shape.join(', ')}], ${tailArrays.map((a) => `a${a.j}.shape`).join(', ')}]`;
    for (const { v, j } of tailArrays) {
      shape.forEach((s, d) => { if (!v.broadcastable[d]) L.push(`  if (a${j}.shape[${d}] !== ${s}) throw K.shapeMismatch(${tailLabel}, ${shapes}, ${d});`); });
    }
    for (const n of step.tail) {
      const i = slot.get(n.outputs[0]!);
      if (i !== undefined) L.push(alloc(i, n.outputs[0]!.dtype, shape), `  const O${i} = o${i}.data;`);
    }
    L.push(`  for (let e = 0, n = ${shape.filter((s) => s !== '1').join(' * ') || '1'}; e < n; e++) {`);
    for (const { r, p: rp, i: q, full } of reds) {
      if (full || !sameResultLayout(rp, p)) continue;
      L.push(`    const y${q} = ${cast(rp, `R${q}[e]`)};`);
      name.set(r.outputs[0]!, `y${q}`);
    }
    // arrays in the result's layout: those only the tail reads, and those the loop reads too
    const layout = step.tailOf.outputs[0]!.broadcastable;
    const readInTail = new Set(step.tail.flatMap((n) => n.inputs));
    const inTail = [...tailArrays, ...arrays.filter(({ v }) => readInTail.has(v) && v.broadcastable.every((b, d) => b === layout[d]))];
    for (const { j } of inTail) L.push(`    const x${j} = A${j}[e];`);
    for (const n of step.tail) {
      L.push(`    const t${t} = ${expr(n)};`);
      name.set(n.outputs[0]!, `t${t++}`);
    }
    for (const n of step.tail) {
      const i = slot.get(n.outputs[0]!);
      if (i !== undefined) L.push(`    O${i}[e] = ${nameOf(n.outputs[0]!)};`);
    }
    L.push('  }');
  }
  L.push(outs.length === 1 ? '  return o0;' : `  return [${outs.map((_, i) => `o${i}`).join(', ')}];`);
  L.push('}');
  return L.join('\n');
}
