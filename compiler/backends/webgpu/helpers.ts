// WGSL functions kernels may call (numpy semantics WGSL lacks: floor division, Python's
// modulo, pow of negative bases, log1p/expm1, NaN-propagating min/max, rounding to binary16),
// emitted only when used.

/** Helpers a kernel may call; only those named in its body are emitted. */
const HELPERS: Record<string, string> = {
  nan_: 'fn nan_() -> f32 { return bitcast<f32>(NAN_BITS); }',
  inf_: 'fn inf_() -> f32 { return bitcast<f32>(INF_BITS); }',
  isnan_: 'fn isnan_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }',
  isinf_: 'fn isinf_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }',
  floordiv_i: `fn floordiv_i(a: i32, b: i32) -> i32 {
  if (b == 0i) { return 0i; }
  let q = a / b;
  return select(q, q - 1i, (a % b != 0i) && ((a < 0i) != (b < 0i)));
}`,
  pymod_i: `fn pymod_i(a: i32, b: i32) -> i32 {
  if (b == 0i) { return 0i; }
  let r = a % b;
  return select(r, r + b, r != 0i && ((r < 0i) != (b < 0i)));
}`,
  pymod_f: `fn pymod_f(a: f32, b: f32) -> f32 {
  let r = a - b * trunc(a / b);
  return select(r, r + b, r != 0.0 && ((r < 0.0) != (b < 0.0)));
}`,
  // WGSL's pow is undefined for a negative base: numpy's is defined for integral exponents
  pow_f: `fn pow_f(a: f32, b: f32) -> f32 {
  if (b == 0.0) { return 1.0; }
  if (a >= 0.0) { return pow(a, b); }
  if (trunc(b) != b) { return nan_(); }
  let r = pow(-a, b);
  return select(r, -r, trunc(b * 0.5) != b * 0.5);
}`,
  pow_i: `fn pow_i(a: i32, b: i32) -> i32 {
  if (b < 0i) { return select(select(0i, select(1i, -1i, (b & 1i) != 0i), a == -1i), 1i, a == 1i); }
  var r = 1i; var x = a; var e = b;
  loop { if (e == 0i) { break; } if ((e & 1i) != 0i) { r = r * x; } x = x * x; e = e >> 1u; }
  return r;
}`,
  pow_u: `fn pow_u(a: u32, b: u32) -> u32 {
  var r = 1u; var x = a; var e = b;
  loop { if (e == 0u) { break; } if ((e & 1u) != 0u) { r = r * x; } x = x * x; e = e >> 1u; }
  return r;
}`,
  // log1p and expm1 through the exact difference u - 1 (Kahan), as WGSL has neither
  log1p_: `fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  return log(u) * x / (u - 1.0);
}`,
  expm1_: `fn expm1_(x: f32) -> f32 {
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um = u - 1.0;
  if (um == -1.0) { return -1.0; }
  if (isinf_(u)) { return u; }
  return um * x / log(u);
}`,
  // float16 values live in f32 lanes. quantizeToF16 is not used: its result is indeterminate
  // past binary16's finite range, it may flush subnormals to zero, and WGSL lets it round either
  // way. This is roundF16 (runtime/float16.ts) on the bits: nearest, ties to even, |x| >= 65520
  // to ±inf, NaN kept, subnormals (multiples of 2^-24) through the half-to-even builtin round.
  round16_: `fn round16_(x: f32) -> f32 {
  let xb = bitcast<u32>(x);
  let xa = xb & 0x7fffffffu;
  let xs = xb & 0x80000000u;
  if (xa > 0x7f800000u) { return x; }
  if (xa >= 0x477ff000u) { return bitcast<f32>(xs | 0x7f800000u); }
  if (xa < 0x38800000u) { return bitcast<f32>(xs | bitcast<u32>(round(bitcast<f32>(xa) * 16777216.0) * 5.9604644775390625e-8)); }
  return bitcast<f32>(xs | ((xa + 0xfffu + ((xa >> 13u) & 1u)) & 0xffffe000u));
}`,
  fmin_: 'fn fmin_(a: f32, b: f32) -> f32 { return select(select(b, a, a < b), nan_(), isnan_(a) || isnan_(b)); }',
  fmax_: 'fn fmax_(a: f32, b: f32) -> f32 { return select(select(b, a, a > b), nan_(), isnan_(a) || isnan_(b)); }',
};
/** Helpers that call other helpers. */
const NEEDS: Record<string, string[]> = { pow_f: ['nan_'], expm1_: ['isinf_'], fmin_: ['nan_', 'isnan_'], fmax_: ['nan_', 'isnan_'] };

/** The helper functions (and the bit patterns they read) a body refers to. */
export function helpersFor(body: string): string {
  const used = new Set<string>();
  const add = (h: string) => {
    if (used.has(h)) return;
    for (const d of NEEDS[h] ?? []) add(d);
    used.add(h);
  };
  for (const h of Object.keys(HELPERS)) if (new RegExp(`\\b${h}\\(`).test(body)) add(h);
  const out: string[] = [];
  // private variables, not constants: WGSL rejects NaN and infinity in constant expressions
  if (used.has('nan_')) out.push('var<private> NAN_BITS: u32 = 0x7fc00000u;');
  if (used.has('inf_')) out.push('var<private> INF_BITS: u32 = 0x7f800000u;');
  for (const h of Object.keys(HELPERS)) if (used.has(h)) out.push(HELPERS[h]!);
  return out.join('\n');
}
