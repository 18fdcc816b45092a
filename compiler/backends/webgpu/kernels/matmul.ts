// Batched strided matrix product: with 16x16 tiles staged in workgroup memory, or one
// invocation per output element for thin products (matrix-vector), where tiles would sit
// mostly empty. dot (every ndim pairing), batched_dot and tensordot all reduce to it.
import type { DType } from '../../../../runtime/dtype.ts';
import { MATMUL } from '../../../../runtime/webgpu/layout.ts';
import { Params, binding, el, kernel, linearMain, put, widen, wrap, wt, zero } from '../wgsl.ts';

export const TILE = 16;

export function renderMatmul(a: DType, b: DType, out: DType): string {
  const P = new Params(MATMUL.count);
  const u = (k: keyof typeof MATMUL) => P.u(MATMUL[k]);
  const t = wt(out);
  const body = `var<workgroup> As: array<array<${t}, ${TILE}>, ${TILE}>;
var<workgroup> Bs: array<array<${t}, ${TILE}>, ${TILE}>;
@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  let M = ${u('M')}; let N = ${u('N')}; let K = ${u('K')};
  let row = wid.y * ${TILE}u + lid.y;
  let col = wid.x * ${TILE}u + lid.x;
  let aBase = wid.z * ${u('aB')} + row * ${u('aM')};
  let bBase = wid.z * ${u('bB')} + col * ${u('bN')};
  var acc: ${t} = ${zero(out)};
  for (var t0 = 0u; t0 < K; t0 = t0 + ${TILE}u) {
    let ka = t0 + lid.x;
    let kb = t0 + lid.y;
    // zero padding past the edges: both factors of a padded k are 0, so it adds nothing
    As[lid.y][lid.x] = select(${zero(out)}, ${widen(el('A', `aBase + ka * ${u('aK')}`, a), a, out)}, row < M && ka < K);
    Bs[lid.y][lid.x] = select(${zero(out)}, ${widen(el('B', `bBase + kb * ${u('bK')}`, b), b, out)}, kb < K && col < N);
    workgroupBarrier();
    for (var k = 0u; k < ${TILE}u; k = k + 1u) { acc = acc + As[lid.y][k] * Bs[k][lid.x]; }
    workgroupBarrier();
  }
  if (row < M && col < N) { C[wid.z * ${u('cB')} + row * ${u('cM')} + col * ${u('cN')}] = ${put(wrap('acc', out), out)}; }
}`;
  return kernel(P, [binding(1, 'A', a), binding(2, 'B', b), binding(3, 'C', out, true)], body);
}

export function renderMatmulSerial(a: DType, b: DType, out: DType): string {
  const P = new Params(MATMUL.count);
  const u = (k: keyof typeof MATMUL) => P.u(MATMUL[k]);
  const body = `  let M = ${u('M')}; let N = ${u('N')}; let K = ${u('K')};
  if (i >= ${u('total')}) { return; }
  let mn = M * N;
  let z = i / mn;
  let row = (i % mn) / N;
  let col = i % N;
  let aBase = z * ${u('aB')} + row * ${u('aM')};
  let bBase = z * ${u('bB')} + col * ${u('bN')};
  var acc: ${wt(out)} = ${zero(out)};
  for (var k = 0u; k < K; k = k + 1u) {
    acc = acc + ${widen(el('A', `aBase + k * ${u('aK')}`, a), a, out)} * ${widen(el('B', `bBase + k * ${u('bK')}`, b), b, out)};
  }
  C[z * ${u('cB')} + row * ${u('cM')} + col * ${u('cN')}] = ${put(wrap('acc', out), out)};`;
  return kernel(P, [binding(1, 'A', a), binding(2, 'B', b), binding(3, 'C', out, true)], linearMain(body));
}
