// Random draws: Philox4x32-10 in 32-bit integer arithmetic, each element reading the same
// generator words the CPU draw reads (runtime/random/draw.ts), so uniform and integer draws
// are bit-identical across backends; normal draws differ by float32 rounding of log/cos.
// float16 draws follow the CPU's formula: uniform ones take 11 bits of the word (so none
// rounds up to the high end) and round the float32 value to binary16, bit-identical too;
// normal ones are the float32 draw rounded.
import type { DType } from '../../../../runtime/dtype.ts';
import type { Distribution } from '../../../../runtime/random/draw.ts';
import { RANDOM } from '../../../../runtime/webgpu/layout.ts';
import { Params, binding, cast, kernel, linearMain, put } from '../wgsl.ts';

const PHILOX = `fn mulhi(a: u32, b: u32) -> u32 {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let lo = a0 * b0;
  let mid1 = a1 * b0 + (lo >> 16u);
  let mid2 = a0 * b1 + (mid1 & 0xffffu);
  return a1 * b1 + (mid1 >> 16u) + (mid2 >> 16u);
}
fn philox(c: vec4<u32>, k: vec2<u32>) -> vec4<u32> {
  var x = c; var key = k;
  for (var r = 0; r < 10; r = r + 1) {
    let hi0 = mulhi(0xd2511f53u, x.x); let lo0 = 0xd2511f53u * x.x;
    let hi1 = mulhi(0xcd9e8d57u, x.z); let lo1 = 0xcd9e8d57u * x.z;
    x = vec4<u32>(hi1 ^ x.y ^ key.x, lo1, hi0 ^ x.w ^ key.y, lo0);
    key = key + vec2<u32>(0x9e3779b9u, 0xbb67ae85u);
  }
  return x;
}
fn unit24(x: u32) -> f32 { return f32(x >> 8u) * 5.9604644775390625e-8; }`;

export function renderRandom(dist: Distribution, d: DType): string {
  const P = new Params(RANDOM.count);
  const word = `fn word(w: u32) -> u32 {
  let blk = w / 4u;
  let lo = ${P.u(RANDOM.c0)} + blk;
  let hi = ${P.u(RANDOM.c1)} + select(0u, 1u, lo < blk);
  return philox(vec4<u32>(lo, hi, 0u, 0u), vec2<u32>(${P.u(RANDOM.k0)}, ${P.u(RANDOM.k1)}))[w % 4u];
}`;
  const w0 = `i * ${P.u(RANDOM.lanes)}`;
  let value: string;
  switch (dist) {
    case 'uniform': {
      // u * range and + low each round to f32, as the CPU's Math.fround of each
      const u = d === 'float16' ? `(f32(word(${w0}) >> 21u) * 0.00048828125)` : `unit24(word(${w0}))`;
      value = `  let v = ${u} * ${P.f(RANDOM.b)} + ${P.f(RANDOM.a)};`;
      break;
    }
    case 'normal':
      value = `  let u1 = 1.0 - unit24(word(${w0}));
  let u2 = unit24(word(${w0} + 1u));
  let v = ${P.f(RANDOM.a)} + ${P.f(RANDOM.b)} * sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);`;
      break;
    case 'integers':
      // range 0 stands for 2^32, where the word itself is the offset
      value = `  let x = word(${w0});
  let range = ${P.u(RANDOM.range)};
  let v = bitcast<i32>(${P.u(RANDOM.a)} + select(mulhi(x, range), x, range == 0u));`;
      break;
    case 'binomial':
      // u < p exactly as in float64: (x >> 8) < ceil(p * 2^24), precomputed as the threshold b
      value = `  var c = 0i;
  for (var t = 0u; t < ${P.u(RANDOM.a)}; t = t + 1u) {
    if ((word(${w0} + t) >> 8u) < ${P.u(RANDOM.b)}) { c = c + 1i; }
  }
  let v = c;`;
      break;
  }
  const from: DType = dist === 'uniform' || dist === 'normal' ? 'float32' : 'int32';
  const body = `  if (i >= ${P.u(RANDOM.n)}) { return; }\n${value}\n  o[i] = ${put(cast('v', from, d), d)};`;
  return kernel(P, [binding(1, 'o', d, true)], `${PHILOX}\n${word}\n${linearMain(body)}`);
}
