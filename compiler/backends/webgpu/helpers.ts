// WGSL functions kernels may call (numpy semantics WGSL lacks: floor division, Python's
// modulo, pow of negative bases, log1p/expm1, NaN-propagating min/max, rounding to binary16, and
// the CPU backend's special values where WGSL lets drivers assume that no NaN or infinity occurs:
// tested on their bits, which drivers cannot fold away), emitted only when used.

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
  // C's fmod: NaN for a NaN operand, an infinite dividend or a zero divisor; an infinite divisor
  // leaves a finite dividend as is; else the exact long division of fmod_. Not a - b * trunc(a / b):
  // when a / b rounds up to an integer (1 / 0.1f is 10) that loses the whole remainder (1 % 0.1f
  // is 0.099999994, and 1 // 0.1f is 9, in numpy).
  fmodf_: `fn fmodf_(a: f32, b: f32) -> f32 {
  let ua = bitcast<u32>(a) & 0x7fffffffu;
  let ub = bitcast<u32>(b) & 0x7fffffffu;
  if (ua >= 0x7f800000u || ub > 0x7f800000u || ub == 0u) { return nan_(); }
  if (ub == 0x7f800000u) { return a; }
  return fmod_(a, b);
}`,
  // numpy's (Python's) modulo, the CPU backend's pyMod: fmod, plus the divisor where their signs
  // differ (then -1 % inf = inf); a zero remainder has the divisor's sign (-1 % 1 = +0, 1 % -1 = -0).
  pymod_f: `fn pymod_f(a: f32, b: f32) -> f32 {
  let r = fmodf_(a, b);
  let ur = bitcast<u32>(r);
  if ((ur & 0x7fffffffu) == 0u) { return bitcast<f32>(bitcast<u32>(b) & 0x80000000u); }
  return select(r, r + b, ((ur ^ bitcast<u32>(b)) & 0x80000000u) != 0u);
}`,
  // C's fmod for finite a and finite nonzero b, exact (a remainder is representable): long
  // division of the significands, a bit a step, as many steps as the exponents differ (up to 277).
  fmod_: `fn fmod_(a: f32, b: f32) -> f32 {
  let sa = bitcast<u32>(a) & 0x80000000u;
  var mx = bitcast<u32>(a) & 0x7fffffffu;
  var my = bitcast<u32>(b) & 0x7fffffffu;
  if (mx < my) { return a; }
  var ex = i32(mx >> 23u);
  var ey = i32(my >> 23u);
  if (ex == 0) { let s = countLeadingZeros(mx) - 8u; mx = mx << s; ex = 1 - i32(s); } else { mx = (mx & 0x7fffffu) | 0x800000u; }
  if (ey == 0) { let s = countLeadingZeros(my) - 8u; my = my << s; ey = 1 - i32(s); } else { my = (my & 0x7fffffu) | 0x800000u; }
  loop {
    if (ex <= ey) { break; }
    if (mx >= my) { mx = mx - my; }
    mx = mx << 1u;
    ex = ex - 1;
  }
  if (mx >= my) { mx = mx - my; }
  if (mx == 0u) { return bitcast<f32>(sa); }
  let s = countLeadingZeros(mx) - 8u;
  mx = mx << s;
  ex = ex - i32(s);
  if (ex > 0) { return bitcast<f32>(sa | (u32(ex) << 23u) | (mx & 0x7fffffu)); }
  return bitcast<f32>(sa | (mx >> u32(1 - ex)));
}`,
  // numpy's floor_divide, the CPU backend's pyFloorDiv: a / b at a zero divisor; else (a - fmod) / b,
  // less one where the remainder's sign is not the divisor's (-1 // inf = -1), snapped to the
  // nearest integer; a zero quotient has a / b's sign; NaN and inf pass (inf // 1 = NaN).
  floordiv_f: `fn floordiv_f(a: f32, b: f32) -> f32 {
  if ((bitcast<u32>(b) & 0x7fffffffu) == 0u) { return a / b; }
  let r = fmodf_(a, b);
  let ur = bitcast<u32>(r);
  var d = (a - r) / b;
  if ((ur & 0x7fffffffu) != 0u && ((ur ^ bitcast<u32>(b)) & 0x80000000u) != 0u) { d = d - 1.0; }
  let ud = bitcast<u32>(d) & 0x7fffffffu;
  if (ud >= 0x7f800000u) { return d; }
  if (ud == 0u) { return bitcast<f32>((bitcast<u32>(a) ^ bitcast<u32>(b)) & 0x80000000u); }
  let f = floor(d);
  return select(f, f + 1.0, d - f > 0.5);
}`,
  // C's pow, numpy's and the CPU backend's npPow (1 ** y = 1, NaN too; (-1) ** ±inf = 1): WGSL's
  // pow is undefined for a negative base, zero, infinite or NaN operands. Special operands by
  // their bits; a negative base with an integral exponent through |a| (odd exponents negate);
  // a subnormal base through its significand, as drivers read the exponent field as is.
  pow_f: `fn pow_f(a: f32, b: f32) -> f32 {
  let sa = bitcast<u32>(a);
  let ua = sa & 0x7fffffffu;
  let ub = bitcast<u32>(b) & 0x7fffffffu;
  let bpos = bitcast<u32>(b) == ub;
  if (ub == 0u || sa == 0x3f800000u) { return 1.0; }
  if (ua > 0x7f800000u || ub > 0x7f800000u) { return nan_(); }
  if (ub == 0x7f800000u) {
    if (ua == 0x3f800000u) { return 1.0; }
    return select(0.0, inf_(), (ua > 0x3f800000u) == bpos);
  }
  let whole = trunc(b) == b;
  let odd = whole && ub < 0x4b800000u && trunc(b * 0.5) != b * 0.5;
  let neg = sa != ua;
  if (ua == 0u || ua == 0x7f800000u) {
    let m = select(0.0, inf_(), (ua == 0u) != bpos);
    return select(m, -m, neg && odd);
  }
  if (neg && !whole) { return nan_(); }
  var r: f32;
  if (ua < 0x00800000u) { r = exp2(b * (log2(f32(ua)) - 149.0)); } else { r = pow(bitcast<f32>(ua), b); }
  return select(r, -r, neg && odd);
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
  // log and log2 with numpy's special values, which drivers miss (SwiftShader: log(0) = -88,
  // log(-1) = 0, log(NaN) = 89): -inf at ±0, NaN below zero and at NaN, inf at inf. A subnormal
  // argument goes through its significand (m * 2^-149), as both drivers read its exponent field
  // as is (log(1e-38) was off by 0.08).
  log_: `fn log_(x: f32) -> f32 {
  let u = bitcast<u32>(x);
  let sub = u < 0x00800000u;
  return logsp_(x, log(select(x, f32(u), sub)) - select(0.0, 103.27893, sub));
}`,
  log2_: `fn log2_(x: f32) -> f32 {
  let u = bitcast<u32>(x);
  let sub = u < 0x00800000u;
  return logsp_(x, log2(select(x, f32(u), sub)) - select(0.0, 149.0, sub));
}`,
  logsp_: `fn logsp_(x: f32, r: f32) -> f32 {
  let u = bitcast<u32>(x);
  if ((u & 0x7fffffffu) == 0u) { return -inf_(); }
  if (u >= 0x7f800000u) { return select(nan_(), x, u == 0x7f800000u); }
  return r;
}`,
  // log1p and expm1 through the exact difference u - 1 (Kahan), as WGSL has neither. log1p's
  // special values are log's at u = 1 + x (-1 -> -inf, below -1 NaN, inf -> inf), and the
  // quotient comes first so that a large x does not overflow log(u) * x (log1p(3e38) was inf).
  log1p_: `fn log1p_(x: f32) -> f32 {
  let u = 1.0 + x;
  if (u == 1.0) { return x; }
  let b = bitcast<u32>(u);
  if (b == 0u || b >= 0x7f800000u) { return logsp_(u, 0.0); }
  return log(u) * (x / (u - 1.0));
}`,
  // expm1 is x itself below 2^-24 (x + x^2/2 rounds to x; lavapipe's exp(-1e-38) is 1 - 2^-24,
  // which made expm1(-1e-38) -6e-8) and at NaN (SwiftShader's exp(NaN) is inf); um * (x / log(u)),
  // not um * x / log(u), which overflows from x ~ 84 while the result is finite up to 88.7
  expm1_: `fn expm1_(x: f32) -> f32 {
  let a = bitcast<u32>(x) & 0x7fffffffu;
  if (a < 0x33800000u || a > 0x7f800000u) { return x; }
  let u = exp(x);
  if (u == 1.0) { return x; }
  let um = u - 1.0;
  if (um == -1.0) { return -1.0; }
  if (isinf_(u)) { return u; }
  return um * (x / log(u));
}`,
  // sinh and cosh past |x| = 88, where e^|x| overflows before e^|x| / 2 does (finite up to 89.4):
  // e^|x| / 2 as (e^(|x|/2) / 2) * e^(|x|/2), on that branch only. NaN stays NaN (SwiftShader's
  // cosh(NaN) is inf); sinh(x) = x below 2^-12 (odd_), keeping -0 (lavapipe's sinh(-0) is +0).
  sinh_: `fn sinh_(x: f32) -> f32 {
  let a = bitcast<u32>(x) & 0x7fffffffu;
  if (a >= 0x42b00000u && a <= 0x7f800000u) {
    let h = exp(0.5 * abs(x));
    let r = (0.5 * h) * h;
    return select(r, -r, a != bitcast<u32>(x));
  }
  return odd_(sinh(x), x);
}`,
  cosh_: `fn cosh_(x: f32) -> f32 {
  let a = bitcast<u32>(x) & 0x7fffffffu;
  if (a > 0x7f800000u) { return x; }
  if (a >= 0x42b00000u) {
    let h = exp(0.5 * abs(x));
    return (0.5 * h) * h;
  }
  return cosh(x);
}`,
  // An odd function's value r at x, or x itself where |x| < 2^-12 (there f(x) = x +- x^3/3 or
  // less rounds to x) and where x is NaN: ±0 keeps its sign, which drivers drop (SwiftShader's
  // sin, tan and tanh of -0 are +0).
  odd_: 'fn odd_(r: f32, x: f32) -> f32 { let a = bitcast<u32>(x) & 0x7fffffffu; return select(r, x, a < 0x39800000u || a > 0x7f800000u); }',
  // ±inf and NaN (trigonometric functions of them are NaN)
  nonfinite_: 'fn nonfinite_(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) >= 0x7f800000u; }',
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
const NEEDS: Record<string, string[]> = {
  fmodf_: ['nan_', 'fmod_'], pymod_f: ['fmodf_'], floordiv_f: ['fmodf_'], pow_f: ['nan_', 'inf_'], log_: ['logsp_'], log2_: ['logsp_'], logsp_: ['nan_', 'inf_'],
  log1p_: ['logsp_'], expm1_: ['isinf_'], sinh_: ['odd_'],
  fmin_: ['nan_', 'isnan_'], fmax_: ['nan_', 'isnan_'],
};

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
