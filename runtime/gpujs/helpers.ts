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
const IS_NAN = (x: string) => `((floatBitsToUint(${x}) & 0x7fffffffu) > 0x7f800000u)`;

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
  /** Python's modulo of floats: JS's remainder moved to the divisor's sign. */
  fmod_: {
    args: N2,
    js: 'function fmod_(a, b) { const r = a % b; if (r !== 0 && (r < 0) !== (b < 0)) { return r + b; } return r; }',
    glsl: `float fmod_(float a, float b) {
  if (b == 0.0) { return ${NAN_BITS}; }
  float r = a - b * trunc(a / b);
  if (r != 0.0 && (r < 0.0) != (b < 0.0)) { return r + b; }
  return r;
}`,
  },
  /** a ** b with JS's rules where GLSL's pow is undefined (a < 0, a = 0, b = 0). */
  pow_: {
    args: N2,
    js: 'function pow_(a, b) { return Math.pow(a, b); }',
    glsl: `float pow_(float a, float b) {
  if (b == 0.0) { return 1.0; }
  if (${IS_NAN('a')} || ${IS_NAN('b')}) { return ${NAN_BITS}; }
  if (a == 0.0) { return b > 0.0 ? 0.0 : ${INF_BITS}; }
  if (a < 0.0) {
    if (b != floor(b)) { return ${NAN_BITS}; }
    float p = exp2(b * log2(-a));
    return mod(b, 2.0) == 1.0 ? -p : p;
  }
  return exp2(b * log2(a));
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
  /** log(1 + x) without losing small x (Goldberg: the rounding of 1 + x cancels). */
  log1p_: {
    args: N1,
    js: 'function log1p_(x) { return Math.log1p(x); }',
    glsl: 'float log1p_(float x) { float u = 1.0 + x; if (u == 1.0) { return x; } return log(u) * x / (u - 1.0); }',
  },
  /** exp(x) - 1 without losing small x (Kahan). */
  expm1_: {
    args: N1,
    js: 'function expm1_(x) { return Math.expm1(x); }',
    glsl: `float expm1_(float x) {
  float u = exp(x);
  if (u == 1.0) { return x; }
  float m = u - 1.0;
  if (m == -1.0 || (floatBitsToUint(u) & 0x7fffffffu) == 0x7f800000u) { return m; }
  return m * x / log(u);
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
