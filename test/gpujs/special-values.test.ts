// Every float scalar op on GPU.js (its cpu mode, in Node) at special values against the CPU
// backend; the grid, the plans and the comparison are in special.ts, which the browser page
// (browser.test.ts) also runs in webgl2, on GPU.js's GLSL and on the precompiled kernels'.
// cpu mode computes in float64 and rounds each output to float32, as the CPU backend does for
// float32, and stores NaN and -0 as they are (Float32Array), so every special value is exact here.
import { describe, expect, it } from 'vitest';
import { SCALAR_OPS } from '../../compiler/ops/scalar.ts';
import { PLANS, checkSpecial, specialChecks } from './special.ts';

describe('float scalar ops on GPU.js (cpu mode) at special values match the CPU backend', () => {
  it('every scalar op has a plan', () => {
    expect(Object.keys(SCALAR_OPS).filter((n) => !(n in PLANS))).toEqual([]);
  });
  // an op the plan excludes (bitwise ops, casts GPU.js cannot store) says why in PLANS; no test
  for (const { label, name, plan } of specialChecks()) {
    it(label, async () => {
      const bad = await checkSpecial(name, plan);
      expect(bad, `${bad.length} ${label} results differ on GPU.js (cpu mode)`).toEqual([]);
    });
  }
});
