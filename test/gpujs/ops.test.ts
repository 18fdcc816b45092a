// Every op kind and every scalar op on GPU.js (its cpu mode, in Node) against the CPU backend.
// The same cases run in webgl2 in headless Chromium (browser.test.ts). Each case also translates
// its kernels to GLSL, as the build plugin does: Node has no WebGL2, so they run through GPU.js.
import { describe, expect, it } from 'vitest';
import type { OpKind } from '../../compiler/ops/params.ts';
import type { ScalarOpName } from '../../compiler/ops/scalar.ts';
import { OP_CASES, SCALAR_CASES } from './cases.ts';
import { checkOpCase, checkScalarCase, precompiled } from './check.ts';

precompiled.check = true;
precompiled.runner = false;

describe('every op kind on GPU.js (cpu mode) matches the CPU backend', () => {
  for (const kind of Object.keys(OP_CASES) as OpKind[]) {
    // a kind with no cases yet (scan, ifelse) would be an empty suite, which vitest fails
    if (OP_CASES[kind].length === 0) continue;
    describe(kind, () => {
      for (const c of OP_CASES[kind]) it(c.name, async () => expect(await checkOpCase(c)).toBeNull());
    });
  }
});

describe('every scalar op on GPU.js (cpu mode) matches the CPU backend', () => {
  for (const name of Object.keys(SCALAR_CASES) as ScalarOpName[]) {
    SCALAR_CASES[name].forEach((c, k) => {
      it(`${name} #${k} (${c.dtypes.join(', ')})`, async () => expect(await checkScalarCase(name, c)).toBeNull());
    });
  }
});
