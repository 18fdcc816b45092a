// argmax/argmin along one axis (or the flattened array): (value, index) pairs combined so the
// first extreme wins and a NaN beats everything, as numpy. Serial or one workgroup per lane.
import type { DType } from '../../../../runtime/dtype.ts';
import { ARGREDUCE } from '../../../../runtime/webgpu/layout.ts';
import { Params, WORKGROUP, binding, el, kernel, linearMain, wt } from '../wgsl.ts';
import type { ReduceStrategy } from './reduce.ts';

function better(op: 'argmax' | 'argmin', d: DType): string {
  const t = wt(d);
  const cmp = op === 'argmax' ? '>' : '<';
  const nan = t === 'f32'
    ? `  let na = isnan_(va); let nb = isnan_(vb);
  if (na && nb) { return ib < ia; }
  if (na) { return false; }
  if (nb) { return true; }\n`
    : '';
  return `/** Does (vb, ib) win over (va, ia)? */
fn better(va: ${t}, ia: u32, vb: ${t}, ib: u32) -> bool {
${nan}  if (vb ${cmp} va) { return true; }
  return vb == va && ib < ia;
}`;
}

export function renderArgReduce(op: 'argmax' | 'argmin', d: DType, strategy: ReduceStrategy): string {
  const P = new Params(ARGREDUCE.count);
  const t = wt(d);
  const binds = [binding(1, 'a', d), binding(2, 'o', 'int32', true)];
  const at = (k: string) => el('a', `(lane / inner * m + ${k}) * inner + lane % inner`, d);
  const head = `  let m = ${P.u(ARGREDUCE.m)};\n  let inner = ${P.u(ARGREDUCE.inner)};`;
  if (strategy === 'serial') {
    const body = `  if (i >= ${P.u(ARGREDUCE.n)}) { return; }
  let lane = i;
${head}
  var bv: ${t} = ${at('0u')};
  var bi = 0u;
  for (var k = 1u; k < m; k = k + 1u) {
    let v = ${at('k')};
    if (better(bv, bi, v, k)) { bv = v; bi = k; }
  }
  o[i] = i32(bi);`;
    return kernel(P, binds, `${better(op, d)}\n${linearMain(body)}`);
  }
  const body = `${better(op, d)}
var<workgroup> shv: array<${t}, ${WORKGROUP}>;
var<workgroup> shi: array<u32, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lane = wid.x + wid.y * nwg.x;
  let valid = lane < ${P.u(ARGREDUCE.n)};
${head}
  let end = select(0u, m, valid);
  // invocations past the end hold a copy of element 0, which never beats itself
  var bv: ${t} = ${at('0u')};
  var bi = 0u;
  for (var k = lid; k < end; k = k + ${WORKGROUP}u) {
    let v = ${at('k')};
    if (better(bv, bi, v, k) || k == lid) { bv = v; bi = k; }
  }
  shv[lid] = bv; shi[lid] = bi;
  workgroupBarrier();
  for (var s = ${WORKGROUP / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s && better(shv[lid], shi[lid], shv[lid + s], shi[lid + s])) { shv[lid] = shv[lid + s]; shi[lid] = shi[lid + s]; }
    workgroupBarrier();
  }
  if (lid == 0u && valid) { o[lane] = i32(shi[0]); }
}`;
  return kernel(P, binds, body);
}
