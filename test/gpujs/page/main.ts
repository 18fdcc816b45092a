// A page that runs the GPU.js op suite in webgl2 (GPU.js bundled from its browser build and
// handed to the runtime), each case against the CPU backend in the same page. The test reads
// `window.hypatiaGpuJs`.
import { GPU } from 'gpu.js';
import type { OpKind } from '../../../compiler/ops/params.ts';
import type { ScalarOpName } from '../../../compiler/ops/scalar.ts';
import { getGpu, setGpuJs, type GpuJsClass } from '../../../runtime/gpujs/gpu.ts';
import { OP_CASES, SCALAR_CASES } from '../cases.ts';
import { checkOpCase, checkScalarCase, precompiled } from '../check.ts';
import { semantics } from './semantics.ts';
import { checkSpecial, specialChecks } from '../special.ts';
import { type TrainResult, trainBoth } from './train.ts';

export interface PageResult {
  mode?: string; ran?: number; failures?: string[]; semantics?: string[]; train?: TrainResult;
  /** The same with kernels translated to GLSL at build time, on the runtime's own WebGL2 runner. */
  semanticsPrecompiled?: string[]; trainPrecompiled?: TrainResult;
  /** Outputs of the cases compared, and how many of them are bit-identical to GPU.js's. */
  precompiledOutputs?: number; precompiledIdentical?: number;
  /** Float scalar ops at special values (../special.ts): the results that differ from the CPU's, on GPU.js's GLSL and on the precompiled kernels'. */
  special?: string[]; specialPrecompiled?: string[];
  error?: string; done: boolean;
}
declare global { interface Window { hypatiaGpuJs?: PageResult } }

const verbose = new URLSearchParams(location.search).has('verbose');

async function main(): Promise<PageResult> {
  setGpuJs(GPU as unknown as GpuJsClass);
  const mode = (await getGpu()).mode;
  // every case also runs with its kernels translated to GLSL, on the runtime's own WebGL2 runner
  precompiled.check = true;
  precompiled.runner = mode === 'webgl2';
  const failures: string[] = [];
  let ran = 0;
  const run = async (name: string, check: () => Promise<string | null>) => {
    ran++;
    const t0 = performance.now();
    try {
      const d = await check();
      if (d) failures.push(`${name}: ${d}`);
    } catch (e) {
      failures.push(`${name}: threw ${(e as Error).message}`);
    }
    if (verbose) console.log(`${name}: ${Math.round(performance.now() - t0)} ms`);
  };
  for (const kind of Object.keys(OP_CASES) as OpKind[]) {
    for (const c of OP_CASES[kind]) await run(`${kind} / ${c.name}`, () => checkOpCase(c));
  }
  for (const name of Object.keys(SCALAR_CASES) as ScalarOpName[]) {
    for (const [k, c] of SCALAR_CASES[name].entries()) await run(`${name} #${k} (${c.dtypes.join(', ')})`, () => checkScalarCase(name, c));
  }
  const special: string[] = [], specialPrecompiled: string[] = [];
  for (const { label, name, plan } of specialChecks()) {
    for (const [pre, out] of [[false, special], [true, specialPrecompiled]] as const) {
      try {
        out.push(...(await checkSpecial(name, plan, pre, mode === 'webgl2')));
      } catch (e) {
        out.push(`${label}: threw ${(e as Error).message}`);
      }
    }
  }
  return {
    mode, special, specialPrecompiled, ran, failures, semantics: await semantics(false), train: await trainBoth(200),
    semanticsPrecompiled: await semantics(true), trainPrecompiled: await trainBoth(200, true),
    precompiledOutputs: precompiled.outputs, precompiledIdentical: precompiled.identical, done: true,
  };
}

main().then((r) => { window.hypatiaGpuJs = r; }, (e: unknown) => { window.hypatiaGpuJs = { error: String((e as Error)?.stack ?? e), done: true }; });
