// Stable sort and argsort of lanes along one axis, NaN last, with bitonic networks. Ties
// break on the original position, which makes the (unstable) network stable. Lanes up to
// BITONIC_MAX elements sort in workgroup memory in one dispatch; longer ones in global memory,
// one dispatch per stage of the network (log2(n)^2 / 2 of them), between an init and an output pass.
import type { DType } from '../../../../runtime/dtype.ts';
import { SORT } from '../../../../runtime/webgpu/layout.ts';
import { Params, WORKGROUP, binding, computeDType, el, kernel, linearMain, put, wt } from '../wgsl.ts';

/** Keys and positions of one lane in workgroup memory: 2 x 8 KiB, within the 16 KiB default. */
export const BITONIC_MAX = 2048;

function less(d: DType): string {
  const t = wt(d);
  const body = t === 'f32' ? 'return a < b || (isnan_(b) && !isnan_(a));' : 'return a < b;';
  return `fn less(a: ${t}, b: ${t}) -> bool { ${body} }`;
}

const at = (k: string) => `(lane / inner * n + ${k}) * inner + lane % inner`;

const PAD = 'const PAD = 0xffffffffu;';

/** Positions past the lane's end (PAD) sort after everything. */
function before(d: DType): string {
  const t = wt(d);
  return `fn before(ka: ${t}, ia: u32, kb: ${t}, ib: u32) -> bool {
  if (ia == PAD) { return false; }
  if (ib == PAD) { return true; }
  if (less(ka, kb)) { return true; }
  if (less(kb, ka)) { return false; }
  return ia < ib;
}`;
}

/** Global network, first pass: each lane's keys and positions, padded to pow2 (PAD after the end). */
export function renderSortInit(d: DType): string {
  const P = new Params(SORT.count);
  const body = `  let P2 = ${P.u(SORT.pow2)};
  if (i >= ${P.u(SORT.lanes)} * P2) { return; }
  let n = ${P.u(SORT.n)};
  let inner = ${P.u(SORT.inner)};
  let lane = i / P2;
  let k = i % P2;
  if (k < n) { keys[i] = ${el('a', at('k'), d)}; pos[i] = k; } else { pos[i] = 0xffffffffu; }`;
  return kernel(P, [binding(1, 'a', d), binding(2, 'keys', computeDType(d), true), binding(3, 'pos', 'uint32', true)], linearMain(body));
}

/** Global network, one stage: compare-exchange of t and t ^ stride within blocks of `size`. */
export function renderSortStage(d: DType): string {
  const P = new Params(SORT.count);
  const body = `  let P2 = ${P.u(SORT.pow2)};
  if (i >= ${P.u(SORT.lanes)} * P2) { return; }
  let t = i % P2;
  let l = t ^ ${P.u(SORT.stride)};
  if (l <= t) { return; }
  let a = i;
  let b = i - t + l;
  let up = (t & ${P.u(SORT.size)}) == 0u;
  let swap = select(before(keys[a], pos[a], keys[b], pos[b]), before(keys[b], pos[b], keys[a], pos[a]), up);
  if (swap) {
    let k = keys[a]; keys[a] = keys[b]; keys[b] = k;
    let q = pos[a]; pos[a] = pos[b]; pos[b] = q;
  }`;
  return kernel(P, [binding(1, 'keys', computeDType(d), true), binding(2, 'pos', 'uint32', true)], `${less(d)}
${PAD}
${before(d)}
${linearMain(body)}`);
}

/** Global network, last pass: the sorted keys (or their positions) back in the lane's layout. */
export function renderSortOut(d: DType, arg: boolean): string {
  const P = new Params(SORT.count);
  const body = `  let n = ${P.u(SORT.n)};
  if (i >= ${P.u(SORT.lanes)} * n) { return; }
  let inner = ${P.u(SORT.inner)};
  let lane = i / n;
  let k = i % n;
  let src = lane * ${P.u(SORT.pow2)} + k;
  o[${at('k')}] = ${arg ? 'i32(pos[src])' : put('keys[src]', d)};`;
  const binds = arg ? [binding(1, 'pos', 'uint32'), binding(2, 'o', 'int32', true)] : [binding(1, 'keys', computeDType(d)), binding(2, 'o', d, true)];
  return kernel(P, binds, linearMain(body));
}

/** One workgroup per lane, the whole network in workgroup memory. */
export function renderSort(d: DType, arg: boolean): string {
  const P = new Params(SORT.count);
  const t = wt(d);
  const outType: DType = arg ? 'int32' : d;
  const binds = [binding(1, 'a', d), binding(2, 'o', outType, true)];
  const result = (key: string, pos: string) => (arg ? `i32(${pos})` : key);
  const head = `  let n = ${P.u(SORT.n)};\n  let inner = ${P.u(SORT.inner)};`;
  const body = `${less(d)}
${PAD}
${before(d)}
var<workgroup> keys: array<${t}, ${BITONIC_MAX}>;
var<workgroup> pos: array<u32, ${BITONIC_MAX}>;
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let lane = wid.x + wid.y * nwg.x;
  let valid = lane < ${P.u(SORT.lanes)};
${head}
  let P2 = ${P.u(SORT.pow2)};
  for (var k = lid; k < P2; k = k + ${WORKGROUP}u) {
    if (valid && k < n) { keys[k] = ${el('a', at('k'), d)}; pos[k] = k; } else { pos[k] = PAD; }
  }
  workgroupBarrier();
  for (var size = 2u; size <= P2; size = size << 1u) {
    for (var stride = size >> 1u; stride > 0u; stride = stride >> 1u) {
      for (var t = lid; t < P2; t = t + ${WORKGROUP}u) {
        let l = t ^ stride;
        if (l > t) {
          let up = (t & size) == 0u;
          let swap = select(before(keys[t], pos[t], keys[l], pos[l]), before(keys[l], pos[l], keys[t], pos[t]), up);
          if (swap) {
            let kt = keys[t]; keys[t] = keys[l]; keys[l] = kt;
            let pt = pos[t]; pos[t] = pos[l]; pos[l] = pt;
          }
        }
      }
      workgroupBarrier();
    }
  }
  if (valid) {
    for (var k = lid; k < n; k = k + ${WORKGROUP}u) { o[${at('k')}] = ${put(result('keys[k]', 'pos[k]'), outType)}; }
  }
}`;
  return kernel(P, binds, body);
}
