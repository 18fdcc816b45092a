// runtime/load.ts: a serialized program with its kernel factory behaves as the JIT function.
import { describe, expect, it } from 'vitest';
import * as T from 'hypatia';
import {
  type CpuFactory, type Program, NDArray, RandomState, SharedContainer, asarray, loadFunction, randomStateVariable, randomStreams, sharedVariable,
} from 'hypatia/runtime';

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

describe('generator states and streams in the runtime', () => {
  it('a generator state stays a RandomState whatever hands it a value, and only states go in', () => {
    const c = randomStateVariable('rng', { dtype: 'uint32', shape: [4], data: [1, 2, 3, 0] });
    expect(c.getValue()).toBeInstanceOf(RandomState);
    // what a kernel's update or a device readback hands back: plain uint32 words
    c.value = new NDArray('uint32', [4], new Uint32Array([5, 6, 7, 0]));
    expect((c.getValue() as RandomState).getState()).toEqual({ key: [5, 6], counter: [7, 0] });
    c.pulled(new NDArray('uint32', [4], new Uint32Array([5, 6, 8, 0])));
    expect((c.getValue({ borrow: true }) as RandomState).getState().counter).toEqual([8, 0]);
    c.setValue(new Uint32Array([9, 9, 0, 0]));
    expect(c.getValue()).toBeInstanceOf(RandomState);
    expect(() => c.setValue(new Uint32Array([1, 2, 3]))).toThrow(/shared variable 'rng': a generator state is 4 uint32 words/);
    expect((c.getValue() as RandomState).getState().key).toEqual([9, 9]);
    // other containers are untouched by this
    expect(new SharedContainer('u', new NDArray('uint32', [4])).holdsRandomState).toBe(false);
  });

  it('a stream handle reseeds each state from its derived seed, as the build-time object does', () => {
    const srng = new T.RandomStreams(1);
    const u = srng.uniform([2]), n = srng.normal([2]);
    const handle = randomStreams([u.rng, n.rng].map((r) => randomStateVariable(r.name!, { dtype: 'uint32', shape: [4], data: [0, 0, 9, 9] })));
    srng.seed(42);
    handle.seed(42);
    expect(handle.rngs.map((r) => (r.getValue() as RandomState).getState())).toEqual([u.rng.getValue().getState(), n.rng.getValue().getState()]);
    expect(handle.stateUpdates.map(([s, update]) => [s, update])).toEqual([[handle.rngs[0], null], [handle.rngs[1], null]]);
    expect(() => handle.seed(1.5)).toThrow(/seed: expected an integer/);
  });
});
