// runtime/load.ts: a serialized program with its kernel factory behaves as the JIT function.
import { describe, expect, it } from 'vitest';
import * as T from 'hypatia';
import { type CpuFactory, type NDArray, type Program, SharedContainer, asarray, loadFunction, sharedVariable } from 'hypatia/runtime';

// the test stands in for the bundler here: it turns the source into the function a
// generated module would contain as code
const factoryOf = (p: Program) => new Function(`return ${p.cpu!.source}`)() as CpuFactory;

describe('loadFunction', () => {
  it('runs a program from its JSON form with fresh state', () => {
    const x = T.dvector('x');
    const w = T.shared(new Float64Array([1, 2, 3]), { name: 'w' });
    const k = T.dscalar('k');
    const f = T.fn([x, T.In(k, { value: 10 })], T.tensor`${x} * ${w} + ${k}`, { updates: [[w, T.tensor`${w} + 1`]] });
    const program = JSON.parse(JSON.stringify(f.program)) as Program;
    const state = sharedVariable('w', { dtype: 'float64', shape: [3], data: [1, 2, 3] });
    const loaded = loadFunction(program, [state], factoryOf(f.program));
    const g = (...args: unknown[]) => loaded(...args) as NDArray;
    expect(g([1, 1, 1]).toArray()).toEqual(f([1, 1, 1]).toArray());
    expect(state.getValue().toArray()).toEqual(w.getValue().toArray());
    expect(g([1, 1, 1], { k: 0 }).toArray()).toEqual(f([1, 1, 1], { k: 0 }).toArray());
  });

  it('refuses a program of an unknown version before running anything', () => {
    const x = T.dscalar('x');
    const f = T.fn([x], T.tensor`${x} * 2`);
    let ran = false;
    const factory: CpuFactory = () => { ran = true; return () => []; };
    expect(() => loadFunction({ ...f.program, version: 2 }, [], factory)).toThrow(/format version 2 is not supported by this runtime/);
    expect(ran).toBe(false);
    expect(new SharedContainer('s', asarray(1)).getValue().toArray()).toBe(1);
  });
});
