// Functions kernels call, in two versions: JavaScript for GPU.js's cpu mode (which runs the
// kernel as JS, in float64) and GLSL ES 3.00 for webgl2, where GPU.js's own translations fall
// short: its Math.round rounds half up, its log1p and expm1 lose small arguments, its
// Infinity is the largest float, and GLSL leaves pow of negatives, asin beyond 1 and
// comparisons with NaN undefined. Sources are strings so a minifier cannot rewrite them into
// syntax GPU.js does not parse.

export interface Helper {
  /** Argument types as GPU.js names them ('Number' is a float). */
  args: string[];
  js: string;
  glsl: string;
}

const NAN_BITS = 'uintBitsToFloat(0x7fc00000u)';
const INF_BITS = 'uintBitsToFloat(0x7f800000u)';
const NEG_INF_BITS = 'uintBitsToFloat(0xff800000u)';
const IS_NAN = (x: string) => `((floatBitsToUint(${x}) & 0x7fffffffu) > 0x7f800000u)`;

/**
 * A logarithm `f` (GLSL's `log` or `log2`) with numpy's special values, as `name`: one branch for
 * ±0, subnormals, negatives, inf and NaN (their bits are below 2^-126's or from inf's up);
 * a subnormal m * 2^-149 as f(m) - f(2^149) (`off`).
 */
const logGlsl = (name: string, f: string, off: string) => `float ${name}(float x) {
  uint u = floatBitsToUint(x);
  if (u < 0x00800000u || u >= 0x7f800000u) {
    if ((u & 0x7fffffffu) == 0u) { return ${NEG_INF_BITS}; }
    if (u < 0x00800000u) { return ${f}(float(u)) - ${off}; }
    return u == 0x7f800000u ? x : ${NAN_BITS};
  }
  return ${f}(x);
}`;

/** An odd function `f` that is x itself below 2^-12 (keeping -0), NaN at ±inf and NaN, as `name`. */
const oddGlsl = (name: string, f: string) => `float ${name}(float x) {
  uint a = floatBitsToUint(x) & 0x7fffffffu;
  if (a < 0x39800000u || a >= 0x7f800000u) { return a >= 0x7f800000u ? ${NAN_BITS} : x; }
  return ${f}(x);
}`;

/**
 * C's fmod for finite a and finite nonzero b in GLSL, exact (a remainder is representable): long
 * division of the significands, a bit a step, as many steps as the exponents differ (up to 276;
 * a few for ordinary quotients).
 * JavaScript's % is exact already.
 */
const fmodExact = (x: string) => `float ${x}(float a, float b) {
  uint sa = floatBitsToUint(a) & 0x80000000u;
  uint mx = floatBitsToUint(a) & 0x7fffffffu;
  uint my = floatBitsToUint(b) & 0x7fffffffu;
  if (mx < my) { return a; }
  int ex = int(mx >> 23u);
  int ey = int(my >> 23u);
  if (ex == 0) { ex = 1; for (int k = 0; k < 24; k++) { if (mx >= 0x800000u) { break; } mx = mx << 1u; ex -= 1; } } else { mx = (mx & 0x7fffffu) | 0x800000u; }
  if (ey == 0) { ey = 1; for (int k = 0; k < 24; k++) { if (my >= 0x800000u) { break; } my = my << 1u; ey -= 1; } } else { my = (my & 0x7fffffu) | 0x800000u; }
  for (int k = 0; k < 280; k++) {
    if (ex <= ey) { break; }
    if (mx >= my) { mx -= my; }
    mx = mx << 1u;
    ex -= 1;
  }
  if (mx >= my) { mx -= my; }
  if (mx == 0u) { return uintBitsToFloat(sa); }
  for (int k = 0; k < 24; k++) { if (mx >= 0x800000u) { break; } mx = mx << 1u; ex -= 1; }
  if (ex > 0) { return uintBitsToFloat(sa | (uint(ex) << 23u) | (mx & 0x7fffffu)); }
  return uintBitsToFloat(sa | (mx >> uint(1 - ex)));
}`;

/**
 * C's fmod (JavaScript's %) in GLSL: NaN for a NaN operand, an infinite dividend or a zero
 * divisor; an infinite divisor leaves a finite dividend as is. Special operands are tested on
 * their bits (GLSL leaves NaN and infinities undefined), the rest by the exact long division,
 * whose steps are as many as the quotient has bits: a - b * trunc(a / b) is not exact (1 % 0.1
 * gave 0, as b * 10 rounds to 1 in float32).
 * GPU.js includes only the native functions a kernel calls itself, so each helper that needs
 * fmod carries its own copy, under its own names (`f`, and `x` for the long division).
 */
const fmodC = (f: string, x: string) => `${fmodExact(x)}
float ${f}(float a, float b) {
  uint ua = floatBitsToUint(a) & 0x7fffffffu;
  uint ub = floatBitsToUint(b) & 0x7fffffffu;
  if (ua >= 0x7f800000u || ub > 0x7f800000u || ub == 0u) { return ${NAN_BITS}; }
  if (ub == 0x7f800000u) { return a; }
  return ${x}(a, b);
}`;

const N1 = ['Number'], N2 = ['Number', 'Number'];

export const HELPERS: Record<string, Helper> = {
  isnan_: {
    args: N1,
    js: 'function isnan_(x) { return x !== x ? 1 : 0; }',
    glsl: `float isnan_(float x) { return ${IS_NAN('x')} ? 1.0 : 0.0; }`,
  },
  isinf_: {
    args: N1,
    js: 'function isinf_(x) { return (x === 1 / 0 || x === -1 / 0) ? 1 : 0; }',
    glsl: 'float isinf_(float x) { return (floatBitsToUint(x) & 0x7fffffffu) == 0x7f800000u ? 1.0 : 0.0; }',
  },
  // a dummy argument: GPU.js infers nothing for calls without one
  nan_: {
    args: N1,
    js: 'function nan_(x) { return 0 / 0; }',
    glsl: `float nan_(float x) { return ${NAN_BITS}; }`,
  },
  inf_: {
    args: N1,
    js: 'function inf_(x) { return 1 / 0; }',
    glsl: `float inf_(float x) { return ${INF_BITS}; }`,
  },
  /** NaN-propagating minimum and maximum (numpy's), which GLSL's min/max are not. */
  fmin_: {
    args: N2,
    js: 'function fmin_(a, b) { if (a !== a || b !== b) { return 0 / 0; } return a < b ? a : b; }',
    glsl: `float fmin_(float a, float b) { if (${IS_NAN('a')} || ${IS_NAN('b')}) { return ${NAN_BITS}; } return a < b ? a : b; }`,
  },
  fmax_: {
    args: N2,
    js: 'function fmax_(a, b) { if (a !== a || b !== b) { return 0 / 0; } return a > b ? a : b; }',
    glsl: `float fmax_(float a, float b) { if (${IS_NAN('a')} || ${IS_NAN('b')}) { return ${NAN_BITS}; } return a > b ? a : b; }`,
  },
  /** numpy's true division, GLSL's: GPU.js's own translation of `/` may round a zero quotient's sign away. */
  tdiv_: {
    args: N2,
    js: 'function tdiv_(a, b) { return a / b; }',
    glsl: 'float tdiv_(float a, float b) { return a / b; }',
  },
  /**
   * floor(a / b) for integral a >= 0 and b > 0, exact below 2^24: GLSL's division may be off
   * by an ulp or two, which floor turns into an off-by-one that the remainder corrects.
   */
  qdiv_: {
    args: N2,
    js: 'function qdiv_(a, b) { return Math.floor(a / b); }',
    glsl: 'float qdiv_(float a, float b) { float q = floor(a / b); float r = a - q * b; if (r < 0.0) { q -= 1.0; } else if (r >= b) { q += 1.0; } return q; }',
  },
  /** Python's floor division of integers; numpy gives 0 for a zero divisor. */
  idiv_: {
    args: N2,
    js: 'function idiv_(a, b) { if (b === 0) { return 0; } return Math.floor(a / b); }',
    glsl: `float idiv_(float a, float b) {
  if (b == 0.0) { return 0.0; }
  float q = floor(a / b); float r = a - q * b;
  if (b > 0.0) { if (r < 0.0) { q -= 1.0; } else if (r >= b) { q += 1.0; } }
  else { if (r > 0.0) { q -= 1.0; } else if (r <= b) { q += 1.0; } }
  return q;
}`,
  },
  /** Python's modulo of integers (the divisor's sign); 0 for a zero divisor. */
  imod_: {
    args: N2,
    js: 'function imod_(a, b) { if (b === 0) { return 0; } return a - b * Math.floor(a / b); }',
    glsl: `float imod_(float a, float b) {
  if (b == 0.0) { return 0.0; }
  float r = a - b * floor(a / b);
  if (b > 0.0) { if (r < 0.0) { r += b; } else if (r >= b) { r -= b; } }
  else { if (r > 0.0) { r += b; } else if (r <= b) { r -= b; } }
  return r;
}`,
  },
  /**
   * Python's (numpy's) modulo of floats, the CPU backend's pyMod: C's fmod, plus the divisor where
   * their signs differ (-1 % inf = inf); a zero remainder has the divisor's sign (-1 % 1 = +0,
   * 1 % -1 = -0); NaN for a zero divisor, an infinite dividend or a NaN.
   */
  fmod_: {
    args: N2,
    js: 'function fmod_(a, b) { const r = a % b; if (r === 0) { return b < 0 ? -0 : 0; } if ((r < 0) !== (b < 0)) { return r + b; } return r; }',
    glsl: `${fmodC('fmodc_m', 'fmodx_m')}
float fmod_(float a, float b) {
  float r = fmodc_m(a, b);
  uint ur = floatBitsToUint(r);
  if ((ur & 0x7fffffffu) == 0u) { return uintBitsToFloat(floatBitsToUint(b) & 0x80000000u); }
  return ((ur ^ floatBitsToUint(b)) & 0x80000000u) != 0u ? r + b : r;
}`,
  },
  /**
   * numpy's floor division of floats, the CPU backend's pyFloorDiv: a / b at a zero divisor;
   * else (a - fmod(a, b)) / b, less one where the remainder's sign is not the divisor's
   * (-1 // inf = -1), snapped to the nearest integer (1 // 0.1 = 9); a zero quotient has a / b's
   * sign; NaN and infinities pass (inf // 1 = NaN).
   */
  fdiv_: {
    args: N2,
    js: `function fdiv_(a, b) {
  if (b === 0) { return a / b; }
  const r = a % b;
  let d = (a - r) / b;
  if (r !== 0 && (r < 0) !== (b < 0)) { d = d - 1; }
  if (d === 0) { return (a / b) * 0; }
  const f = Math.floor(d);
  return d - f > 0.5 ? f + 1 : f;
}`,
    glsl: `${fmodC('fmodc_d', 'fmodx_d')}
float fdiv_(float a, float b) {
  if ((floatBitsToUint(b) & 0x7fffffffu) == 0u) { return a / b; }
  float r = fmodc_d(a, b);
  uint ur = floatBitsToUint(r);
  float d = (a - r) / b;
  if ((ur & 0x7fffffffu) != 0u && ((ur ^ floatBitsToUint(b)) & 0x80000000u) != 0u) { d = d - 1.0; }
  uint ud = floatBitsToUint(d) & 0x7fffffffu;
  if (ud >= 0x7f800000u) { return d; }
  if (ud == 0u) { return uintBitsToFloat((floatBitsToUint(a) ^ floatBitsToUint(b)) & 0x80000000u); }
  float f = floor(d);
  return d - f > 0.5 ? f + 1.0 : f;
}`,
  },
  /**
   * C's pow, numpy's and the CPU backend's npPow: JavaScript's Math.pow but for 1 ** y = 1 (NaN
   * too) and (-1) ** ±inf = 1. GLSL's pow is undefined for a negative base, zero, infinite or NaN
   * operands: those by their bits; a negative base with an integral exponent through |a| (odd
   * exponents negate); a subnormal base through its significand (drivers may flush it).
   */
  pow_: {
    args: N2,
    js: 'function pow_(a, b) { if (a === 1 || (a === -1 && (b === 1 / 0 || b === -1 / 0))) { return 1; } return Math.pow(a, b); }',
    glsl: `float pow_(float a, float b) {
  uint sa = floatBitsToUint(a);
  uint ua = sa & 0x7fffffffu;
  uint ub = floatBitsToUint(b) & 0x7fffffffu;
  bool bpos = floatBitsToUint(b) == ub;
  if (ub == 0u || sa == 0x3f800000u) { return 1.0; }
  if (ua > 0x7f800000u || ub > 0x7f800000u) { return ${NAN_BITS}; }
  if (ub == 0x7f800000u) {
    if (ua == 0x3f800000u) { return 1.0; }
    return (ua > 0x3f800000u) == bpos ? ${INF_BITS} : 0.0;
  }
  bool whole = trunc(b) == b;
  bool odd = whole && ub < 0x4b800000u && trunc(b * 0.5) != b * 0.5;
  bool neg = sa != ua;
  if (ua == 0u || ua == 0x7f800000u) {
    float m = (ua == 0u) != bpos ? ${INF_BITS} : 0.0;
    return neg && odd ? -m : m;
  }
  if (neg && !whole) { return ${NAN_BITS}; }
  float r;
  if (ua < 0x00800000u) { r = exp2(b * (log2(float(ua)) - 149.0)); } else { r = pow(uintBitsToFloat(ua), b); }
  return neg && odd ? -r : r;
}`,
  },
  /** Integer power, exact while the result is: by squaring; negative exponents truncate to 0. */
  ipow_: {
    args: N2,
    js: 'function ipow_(a, b) { const p = Math.pow(a, b); if (p === 1 / 0 || p === -1 / 0) { return 0; } return p < 0 ? Math.ceil(p) : Math.floor(p); }',
    glsl: `float ipow_(float a, float b) {
  if (b < 0.0) {
    if (a == 1.0) { return 1.0; }
    if (a == -1.0) { return mod(b, 2.0) == 0.0 ? 1.0 : -1.0; }
    return 0.0;
  }
  float r = 1.0; float base = a; float e = b;
  for (int k = 0; k < 32; k++) {
    if (e <= 0.0) { break; }
    float h = floor(e * 0.5);
    if (e - 2.0 * h == 1.0) { r *= base; }
    base *= base; e = h;
  }
  return r;
}`,
  },
  /** numpy rounds half to even. */
  round_: {
    args: N1,
    js: 'function round_(x) { const r = Math.round(x); if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) { return r - 1; } return r; }',
    glsl: 'float round_(float x) { return roundEven(x); }',
  },
  /**
   * exp, log, trigonometric and hyperbolic functions with numpy's special values, which GLSL
   * leaves undefined and drivers miss (SwiftShader: log(0) = -88, log(-1) = 0, exp(NaN) = inf,
   * sin(-0) = +0, cosh(89) = inf): special arguments are tested on their bits, which a compiler
   * cannot fold away, on one branch that ordinary arguments skip. WebGPU's WGSL helpers
   * (compiler/backends/webgpu/helpers.ts) do the same. A helper cannot call another of ours
   * (GPU.js includes only what a kernel calls itself), so each is whole. JavaScript's Math
   * functions have these values already: cpu mode calls them as they are.
   */
  exp_: {
    args: N1,
    js: 'function exp_(x) { return Math.exp(x); }',
    glsl: `float exp_(float x) { return ${IS_NAN('x')} ? x : exp(x); }`,
  },
  /**
   * log and log2: -inf at ±0, NaN below zero and at NaN, inf at inf; a subnormal argument through
   * its significand (m * 2^-149), as drivers read its exponent field as is (log(1e-38) was -87.41).
   */
  log_: {
    args: N1,
    js: 'function log_(x) { return Math.log(x); }',
    glsl: logGlsl('log_', 'log', '103.27893'),
  },
  log2_: {
    args: N1,
    js: 'function log2_(x) { return Math.log2(x); }',
    glsl: logGlsl('log2_', 'log2', '149.0'),
  },
  /**
   * log(1 + x): x's series below 2^-6 (the driver's log near 1 is off by ~2^-24 absolute, 5e-5
   * relative at x = 1e-3); above, Goldberg's log(u) * (x / (u - 1)), u = 1 + x, whose rounding
   * cancels (the quotient first: log(u) * x overflowed at 3e38). Special values are log's at u.
   */
  log1p_: {
    args: N1,
    js: 'function log1p_(x) { return Math.log1p(x); }',
    glsl: `float log1p_(float x) {
  if ((floatBitsToUint(x) & 0x7fffffffu) < 0x3c800000u) { return x * (1.0 - x * (0.5 - x * (0.33333334 - x * (0.25 - x * 0.2)))); }
  float u = 1.0 + x;
  uint b = floatBitsToUint(u);
  if (b - 1u >= 0x7f7fffffu) { return b == 0u ? ${NEG_INF_BITS} : (b == 0x7f800000u ? u : ${NAN_BITS}); }
  return log(u) * (x / (u - 1.0));
}`,
  },
  /**
   * exp(x) - 1: x's series below 2^-6 (exp and log near 0 and 1 are off by ~2^-24 absolute), and
   * NaN as it is (exp(NaN) is inf); above, Kahan's (u - 1) * (x / log(u)), u = e^x (not
   * (u - 1) * x / log(u), which overflows from x ~ 84 while the result is finite up to 88.7).
   */
  expm1_: {
    args: N1,
    js: 'function expm1_(x) { return Math.expm1(x); }',
    glsl: `float expm1_(float x) {
  uint a = floatBitsToUint(x) & 0x7fffffffu;
  if (a < 0x3c800000u || a > 0x7f800000u) {
    return a > 0x7f800000u ? x : x * (1.0 + x * (0.5 + x * (0.16666667 + x * (0.041666668 + x * 0.008333334))));
  }
  float u = exp(x);
  float m = u - 1.0;
  if (m == -1.0 || (floatBitsToUint(u) & 0x7fffffffu) == 0x7f800000u) { return m; }
  return m * (x / log(u));
}`,
  },
  /**
   * sin and tan: x itself below 2^-12 (x -+ x^3/6 or x^3/3 rounds to x there), keeping -0, which
   * drivers drop; NaN at ±inf and NaN. Their error past 2^24 is the driver's (float32 argument
   * reduction: SwiftShader's sin, cos and tan of ±3e38 are 1).
   */
  sin_: { args: N1, js: 'function sin_(x) { return Math.sin(x); }', glsl: oddGlsl('sin_', 'sin') },
  tan_: { args: N1, js: 'function tan_(x) { return Math.tan(x); }', glsl: oddGlsl('tan_', 'tan') },
  cos_: {
    args: N1,
    js: 'function cos_(x) { return Math.cos(x); }',
    glsl: `float cos_(float x) { return (floatBitsToUint(x) & 0x7fffffffu) >= 0x7f800000u ? ${NAN_BITS} : cos(x); }`,
  },
  /**
   * sinh: x's series below 2^-6 (GLSL's (e^x - e^-x) / 2 cancels there; -0 stays -0), NaN as is;
   * from |x| = 88, where e^|x| overflows before e^|x| / 2 does (finite up to 89.4), as
   * (e^(|x|/2) / 2) * e^(|x|/2). cosh the same from 88 (and NaN, which GLSL's cosh made inf).
   */
  sinh_: {
    args: N1,
    js: 'function sinh_(x) { return Math.sinh(x); }',
    glsl: `float sinh_(float x) {
  uint a = floatBitsToUint(x) & 0x7fffffffu;
  if (a < 0x3c800000u || a >= 0x42b00000u) {
    if (a > 0x7f800000u) { return x; }
    if (a < 0x3c800000u) { float s = x * x; return x * (1.0 + s * (0.16666667 + s * 0.008333334)); }
    float h = exp(0.5 * abs(x));
    float r = (0.5 * h) * h;
    return a != floatBitsToUint(x) ? -r : r;
  }
  return sinh(x);
}`,
  },
  cosh_: {
    args: N1,
    js: 'function cosh_(x) { return Math.cosh(x); }',
    glsl: `float cosh_(float x) {
  uint a = floatBitsToUint(x) & 0x7fffffffu;
  if (a >= 0x42b00000u) {
    if (a > 0x7f800000u) { return x; }
    float h = exp(0.5 * abs(x));
    return (0.5 * h) * h;
  }
  return cosh(x);
}`,
  },
  /**
   * tanh: GLSL's, through exponentials, overflows to inf / inf past |x| ~ 44, and in float32 it is
   * ±1 from 10 on, so the argument is clamped there; NaN first, as GLSL's clamp of NaN is
   * undefined; x's series below 2^-6, where (e^2x - 1) / (e^2x + 1) cancels (SwiftShader's
   * tanh(1e-3) was 4.6e-5 off, relatively) and ±0 stays as it is.
   */
  tanh_: {
    args: N1,
    js: 'function tanh_(x) { return Math.tanh(x); }',
    glsl: `float tanh_(float x) {
  uint a = floatBitsToUint(x) & 0x7fffffffu;
  if (a < 0x3c800000u || a > 0x7f800000u) {
    float s = x * x;
    return a > 0x7f800000u ? x : x * (1.0 - s * (0.33333334 - s * 0.13333334));
  }
  return tanh(clamp(x, -10.0, 10.0));
}`,
  },
  /** Wrap-around of narrow integers into [-m/2, m/2) and [0, m): divisions by powers of 2 are exact. */
  wrapS_: {
    args: N2,
    js: 'function wrapS_(x, m) { return x - m * Math.floor((x + m / 2) / m); }',
    glsl: 'float wrapS_(float x, float m) { return x - m * floor((x + m * 0.5) / m); }',
  },
  wrapU_: {
    args: N2,
    js: 'function wrapU_(x, m) { return x - m * Math.floor(x / m); }',
    glsl: 'float wrapU_(float x, float m) { return x - m * floor(x / m); }',
  },
  /** Integer bitwise ops: JS's are on int32, GLSL ES 3.00 has them on int. */
  band_: { args: N2, js: 'function band_(a, b) { return a & b; }', glsl: 'float band_(float a, float b) { return float(int(a) & int(b)); }' },
  bor_: { args: N2, js: 'function bor_(a, b) { return a | b; }', glsl: 'float bor_(float a, float b) { return float(int(a) | int(b)); }' },
  bxor_: { args: N2, js: 'function bxor_(a, b) { return a ^ b; }', glsl: 'float bxor_(float a, float b) { return float(int(a) ^ int(b)); }' },
};

/** Helpers a kernel source calls, found by name: `name(`. */
export function helpersIn(source: string): string[] {
  return Object.keys(HELPERS).filter((h) => source.includes(`${h}(`));
}
