// T.scan's forms: taps, several sequences and outputs, maps, goBackwards, updates of shared
// and random state, inferred shapes, the compiled loop, and the errors users meet.
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import type { Variable } from '../../compiler/graph.ts';
import type { NDArray } from '../../runtime/ndarray.ts';

const one = (o: Variable | Variable[]): Variable => {
  if (Array.isArray(o)) throw new Error('expected one output');
  return o;
};
const many = (o: Variable | Variable[]): Variable[] => {
  if (!Array.isArray(o)) throw new Error('expected a list of outputs');
  return o;
};

describe('scan: recurrences', () => {
  it('Fibonacci with taps [-2, -1] from two initial rows', () => {
    const init = T.lvector('init');
    const [fib] = T.scan({ fn: (a, b) => T.add(a, b), outputsInfo: { initial: init, taps: [-2, -1] }, nSteps: 10 });
    const f = T.fn([init], one(fib));
    expect(f([0, 1]).toArray()).toEqual([1, 2, 3, 5, 8, 13, 21, 34, 55, 89]);
    expect(f([2, 1]).toArray()).toEqual([3, 4, 7, 11, 18, 29, 47, 76, 123, 199]);
  });

  it('taps may skip steps: x[t] = x[t-3] + 1', () => {
    const init = T.dvector('init');
    const [xs] = T.scan({ fn: (back3) => T.add(back3, 1), outputsInfo: { initial: init, taps: [-3] }, nSteps: 6 });
    expect(T.fn([init], one(xs))([10, 20, 30]).toArray()).toEqual([11, 21, 31, 12, 22, 32]);
  });

  it('only the first rows of a longer initial value are the initial state', () => {
    const init = T.dvector('init');
    const [xs] = T.scan({ fn: (a, b) => T.mul(a, b), outputsInfo: { initial: init, taps: [-2, -1] }, nSteps: 3 });
    expect(T.fn([init], one(xs))([2, 3, 100, 100]).toArray()).toEqual([6, 18, 108]);
  });

  it('the step order is fn(sequences, earlier outputs per tap, non-sequences)', () => {
    const x = T.dvector('x'), s0 = T.dscalar('s0'), k = T.dscalar('k');
    const seen: string[] = [];
    const [out] = T.scan({
      fn: (...args) => { seen.push(...args.map((a) => a.name ?? '?')); return T.add(T.mul(args[1]!, args[2]!), args[0]!); },
      sequences: x, outputsInfo: s0, nonSequences: k,
    });
    expect(seen).toEqual(['x[t]', 's0[t-1]', 'k']);
    expect(T.fn([x, s0, k], one(out))([1, 2, 3], 1, 10).toArray()).toEqual([11, 112, 1123]);
  });

  it('several outputs, mixing states and maps (null in outputsInfo)', () => {
    const x = T.dvector('x');
    const [outs] = T.scan({
      fn: (xt, sum, prod) => [T.add(sum, xt), T.mul(xt, 2), T.mul(prod, xt)],
      sequences: x, outputsInfo: [T.constant(0, { dtype: 'float64' }), null, T.constant(1, { dtype: 'float64' })],
    });
    const [s, d, p] = T.fn([x], many(outs))([1, 2, 3, 4]);
    expect(s!.toArray()).toEqual([1, 3, 6, 10]);
    expect(d!.toArray()).toEqual([2, 4, 6, 8]);
    expect(p!.toArray()).toEqual([1, 2, 6, 24]);
  });

  it('a JS number as initial state is a floatX scalar', () => {
    const x = T.dvector('x');
    const [out] = T.scan({ fn: (xt, acc) => T.maximum(acc, xt), sequences: x, outputsInfo: -Infinity });
    expect(T.fn([x], one(out))([3, 1, 4, 1, 5]).toArray()).toEqual([3, 3, 4, 4, 5]);
  });

  it('a state broadcast from a scalar initial value grows to the step shape', () => {
    const x = T.dmatrix('x');
    const [acc] = T.scan({ fn: (row, s) => T.add(s, row), sequences: x, outputsInfo: T.zeros([3], { dtype: 'float64' }) });
    expect(T.fn([x], one(acc))([[1, 2, 3], [4, 5, 6]]).toArray()).toEqual([[1, 2, 3], [5, 7, 9]]);
  });

  it('the step may return its state unchanged or a non-sequence', () => {
    const x = T.dvector('x'), s0 = T.dscalar('s0'), k = T.dscalar('k');
    const [outs] = T.scan({ fn: (_xt, s, c) => [s, c], sequences: x, outputsInfo: [s0, null], nonSequences: k });
    const [a, b] = T.fn([x, s0, k], many(outs))([1, 2], 7, 9);
    expect(a!.toArray()).toEqual([7, 7]);
    expect(b!.toArray()).toEqual([9, 9]);
  });

  it('reads outer variables without nonSequences, computing them once outside the loop', () => {
    const x = T.dvector('x'), w = T.dscalar('w');
    const w2 = T.mul(w, 2);
    const [out] = T.scan({ fn: (xt) => T.mul(xt, w2), sequences: x });
    const f = T.fn([x, w], one(out));
    expect(f([1, 2, 3], 5).toArray()).toEqual([10, 20, 30]);
    const scanNode = one(out).owner!;
    expect(scanNode.inputs).toContain(w2);
  });

  it('a scan inside the step (a loop over rows, then over their elements)', () => {
    const m = T.dmatrix('m');
    const [rowSums] = T.scan({
      fn: (row) => {
        const [partial] = T.scan({ fn: (e, acc) => T.add(acc, e), sequences: row, outputsInfo: T.constant(0, { dtype: 'float64' }) });
        return T.subtensor(one(partial), -1);
      },
      sequences: m,
    });
    expect(T.fn([m], one(rowSums))([[1, 2, 3], [4, 5, 6]]).toArray()).toEqual([6, 15]);
  });
});

describe('scan: sequences and steps', () => {
  it('the shortest sequence sets the number of steps', () => {
    const a = T.dvector('a'), b = T.dvector('b');
    const [out] = T.scan({ fn: (x, y) => T.mul(x, y), sequences: [a, b] });
    const f = T.fn([a, b], one(out));
    expect(f([1, 2, 3, 4], [10, 20]).toArray()).toEqual([10, 40]);
    expect(f([1, 2], [10, 20, 30]).toArray()).toEqual([10, 40]);
  });

  it('goBackwards walks the sequences from their end', () => {
    const x = T.dvector('x'), s0 = T.dscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 10), xt), sequences: x, outputsInfo: s0, goBackwards: true });
    expect(T.fn([x, s0], one(out))([1, 2, 3], 0).toArray()).toEqual([3, 32, 321]);
  });

  it('goBackwards with nSteps starts from the last element', () => {
    const x = T.dvector('x');
    const [out] = T.scan({ fn: (xt) => T.mul(xt, 1), sequences: x, goBackwards: true, nSteps: 2 });
    expect(T.fn([x], one(out))([1, 2, 3, 4]).toArray()).toEqual([4, 3]);
  });

  it('sequence taps give x[t-1], x[t] and x[t+1]; the taps shorten the loop', () => {
    const x = T.dvector('x');
    const [out] = T.scan({ fn: (prev, cur, next) => T.add(T.add(prev, cur), next), sequences: { input: x, taps: [-1, 0, 1] } });
    expect(T.fn([x], one(out))([1, 2, 3, 4, 5]).toArray()).toEqual([6, 9, 12]);
  });

  it('nSteps may be symbolic', () => {
    const n = T.lscalar('n'), s0 = T.dscalar('s0');
    const [out] = T.scan({ fn: (s) => T.mul(s, 2), outputsInfo: s0, nSteps: n });
    const f = T.fn([n, s0], one(out));
    expect(f(4, 1).toArray()).toEqual([2, 4, 8, 16]);
    expect(f(0, 1).shape).toEqual([0]);
  });

  it('zero steps give empty stacks with the state shape', () => {
    const x = T.dmatrix('x'), h0 = T.dvector('h0');
    const [outs] = T.scan({ fn: (row, h) => [T.add(h, row), T.sum(row)], sequences: x, outputsInfo: [h0, null] });
    const [hs, sums] = T.fn([x, h0], many(outs))(T.zeros([0, 3]).eval() as never, [1, 2, 3]) as NDArray[];
    expect(hs!.shape).toEqual([0, 3]);
    expect(sums!.shape).toEqual([0]);
  });

  it('infers the stacked shapes, static where the lengths are', () => {
    const x = T.tensor('float64', 2, 'x', { shape: [7, 3] });
    const [out] = T.scan({ fn: (row, s) => T.add(s, row), sequences: x, outputsInfo: T.zeros([3], { dtype: 'float64' }) });
    expect(one(out).type.shape).toEqual([7, 3]);
    const y = T.dmatrix('y');
    const [o2] = T.scan({ fn: (row) => T.sum(row), sequences: y });
    expect(one(o2).type.shape).toEqual([null]);
    const [o3] = T.scan({ fn: (row) => T.sum(row), sequences: y, nSteps: 4 });
    expect(one(o3).type.shape).toEqual([4]);
  });
});

describe('scan: updates', () => {
  it('random draws inside the step advance the generator once per step', () => {
    const srng = new T.RandomStreams(42);
    const x = T.dvector('x');
    const [out, updates] = T.scan({ fn: (xt) => T.add(xt, srng.uniform([2])), sequences: x });
    expect(updates.size).toBe(1);
    const f = T.fn([x], one(out), { updates });
    const first = f([0, 0, 0]).toArray() as number[][], second = f([0, 0, 0]).toArray() as number[][];
    // the same generator drawn four times by hand
    const ref = new T.RandomStreams(42);
    const draw = T.fn([], ref.uniform([2]));
    const byHand = Array.from({ length: 6 }, () => draw().toArray());
    expect([...first, ...second]).toEqual(byHand);
  });

  it('without the updates passed to T.fn, the generator still advances (its default update is the loop)', () => {
    const srng = new T.RandomStreams(7);
    const x = T.dvector('x');
    const [out] = T.scan({ fn: (xt) => T.add(xt, srng.normal([])), sequences: x });
    const f = T.fn([x], one(out));
    expect(f([0, 0]).toArray()).not.toEqual(f([0, 0]).toArray());
  });

  it('a draw made outside the step is one value for every step', () => {
    const srng = new T.RandomStreams(3);
    const u = srng.uniform([]);
    const x = T.dvector('x');
    const [out, updates] = T.scan({ fn: (xt) => T.mul(xt, u), sequences: x });
    expect(updates.size).toBe(0);
    const v = T.fn([x], one(out))([1, 1, 1]).toArray() as number[];
    expect(v[0]).toBe(v[1]);
    expect(v[1]).toBe(v[2]);
  });

  it('updates returned by fn thread a shared value through the steps', () => {
    const acc = T.shared(0, { name: 'acc', dtype: 'float64' });
    const x = T.dvector('x');
    const [out, updates] = T.scan({ fn: (xt) => [T.mul(xt, 2), new Map([[acc, T.add(acc, xt)]])] as const, sequences: x });
    expect([...updates.keys()]).toEqual([acc]);
    const f = T.fn([x], one(out), { updates });
    expect(f([1, 2, 3]).toArray()).toEqual([2, 4, 6]);
    expect(acc.getValue().toArray()).toBe(6);
    f([1, 2, 3]);
    expect(acc.getValue().toArray()).toBe(12);
  });

  it('fn may return only updates', () => {
    const count = T.shared(0, { name: 'count', dtype: 'int64' });
    const [out, updates] = T.scan({ fn: () => new Map([[count, T.add(count, 1)]]), nSteps: 5 });
    expect(out).toEqual([]);
    T.fn([], [], { updates })();
    expect(count.getValue().toArray()).toBe(5);
  });

  it('a shared variable read but not updated is a non-sequence', () => {
    const w = T.shared(3, { name: 'w', dtype: 'float64' });
    const x = T.dvector('x');
    const [out, updates] = T.scan({ fn: (xt) => T.mul(xt, w), sequences: x });
    expect(updates.size).toBe(0);
    const f = T.fn([x], one(out));
    expect(f([1, 2]).toArray()).toEqual([3, 6]);
    w.setValue(4);
    expect(f([1, 2]).toArray()).toEqual([4, 8]);
  });
});

describe('scan: compiled code', () => {
  it('the step is compiled once into the function source: no graph is walked per step', () => {
    const x = T.dvector('x'), s0 = T.dscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 0.5), T.exp(xt)), sequences: x, outputsInfo: s0 });
    const f = T.fn([x, s0], one(out));
    const src = f.program.cpu!.source;
    expect(src).toMatch(/const st\d+ = \(function \(K, C\) \{/);
    expect(src).toMatch(/for \(let t = 0; t < n; t\+\+\)/);
    expect(f.program.kernels.some((k) => k.kind === 'scan')).toBe(true);
  });

  it('runs the same in every mode (DebugMode compares it with the reference loop)', () => {
    const x = T.dmatrix('x'), h0 = T.dvector('h0'), W = T.dmatrix('W');
    const [hs] = T.scan({ fn: (xt, h, w) => T.tanh(T.add(T.dot(h, w), xt)), sequences: x, outputsInfo: h0, nonSequences: W });
    const run = (f: (...a: unknown[]) => NDArray) => f([[1, 2], [3, 4], [0.5, 0.1]], [0.1, 0.2], [[0.1, 0.2], [0.3, 0.4]]).toArray();
    const ref = run(T.fn([x, h0, W] as Variable[], one(hs)));
    for (const mode of ['FAST_COMPILE', 'DebugMode', 'NanGuardMode'] as const) expect(run(T.fn([x, h0, W] as Variable[], one(hs), { mode }))).toEqual(ref);
  });

  it('debugprint lists the step graph under "Inner graphs:", as Theano does', () => {
    const x = T.dvector('x'), s0 = T.dscalar('s0');
    const [out] = T.scan({ fn: (xt, s) => T.add(T.mul(s, 0.5), T.exp(xt)), sequences: x, outputsInfo: s0 });
    expect(T.debugprint(one(out))).toBe([
      "for{cpu,scan_fn} [id A] ''",
      " |Subtensor{0} [id B] ''",
      " | |Shape [id C] ''",
      ' | | |x [id D]',
      ' |x [id D]',
      " |DimShuffle{x} [id E] ''",
      ' | |s0 [id F]',
      '',
      'Inner graphs:',
      '',
      "for{cpu,scan_fn} [id A] ''",
      " >Elemwise{add,no_inplace} [id G] ''",
      " > |Elemwise{mul,no_inplace} [id H] ''",
      ' > | |s0[t-1] [id I]',
      ' > | |TensorConstant{0.5} [id J]',
      " > |Elemwise{exp,no_inplace} [id K] ''",
      ' > | |x[t] [id L]',
    ].join('\n'));
  });

  it('profiles the loop as one kernel, Theano\'s for{cpu,scan_fn}', () => {
    const x = T.dvector('x');
    const [out] = T.scan({ fn: (xt) => T.sqr(xt), sequences: x });
    const f = T.fn([x], one(out), { profile: true });
    f([1, 2, 3]);
    expect(f.profile!.summary()).toContain('for{cpu,scan_fn}');
  });
});

describe('scan: errors', () => {
  const x = T.dvector('x');
  it('needs nSteps or a sequence', () => {
    expect(() => T.scan({ fn: (s) => s, outputsInfo: T.dscalar() })).toThrow(/give nSteps, or at least one sequence/);
  });
  it('refuses a step whose dtype does not fit its state', () => {
    expect(() => T.scan({ fn: (xt, s) => T.add(s, xt), sequences: x, outputsInfo: T.constant(0, { dtype: 'int32' }) }))
      .toThrow(/fn returns float64 for output 0 but its initial state is int32/);
  });
  it('refuses a step whose ndim does not fit its state', () => {
    expect(() => T.scan({ fn: (xt, s) => T.add(s, T.stack([xt, xt])), sequences: x, outputsInfo: T.dscalar() }))
      .toThrow(/fn returns a 1-d value for output 0, whose initial state is 0-d/);
  });
  it('counts outputs against outputsInfo', () => {
    expect(() => T.scan({ fn: (xt) => [xt, xt], sequences: x, outputsInfo: [null] })).toThrow(/fn returned 2 outputs but outputsInfo has 1 entries/);
  });
  it('refuses future taps of outputs', () => {
    expect(() => T.scan({ fn: (s) => s, outputsInfo: { initial: T.dvector(), taps: [1] }, nSteps: 2 })).toThrow(/must be negative integers/);
  });
  it('a sequence shorter than nSteps is an error at build time when both are known', () => {
    const y = T.tensor('float64', 1, 'y', { shape: [3] });
    expect(() => T.scan({ fn: (e) => e, sequences: y, nSteps: 5 })).toThrow(/sequence 0 has 3 rows, fewer than the 5 steps/);
  });
  it('and at run time otherwise', () => {
    const [out] = T.scan({ fn: (e) => T.mul(e, 2), sequences: x, nSteps: 5 });
    expect(() => T.fn([x], one(out))([1, 2])).toThrow(/scan 'scan_fn': sequence 0 has 2 rows but 5 are needed/);
  });
  it('a step whose shape changes between steps', () => {
    const m = T.dmatrix('m');
    const [out] = T.scan({ fn: (row) => T.subtensor(row, [T.slice(0, T.cast(T.sum(row), 'int64'))]), sequences: m });
    expect(() => T.fn([m], one(out))([[1, 0, 0], [1, 1, 0]])).toThrow(/step 1 made output 0 of shape \(2,\), but its rows have shape \(1,\)/);
  });
});

describe('scan: types', () => {
  it('one output is a variable, several a list', () => {
    const x = T.dvector('x');
    expectTypeOf(T.scan({ fn: (xt) => T.sin(xt), sequences: x })[0]).toEqualTypeOf<Variable>();
    expectTypeOf(T.scan({ fn: (xt) => [T.sin(xt), T.cos(xt)], sequences: x })[0]).toEqualTypeOf<Variable[]>();
    expectTypeOf(T.scan({ fn: (xt) => [T.sin(xt), new Map()] as const, sequences: x })[0]).toEqualTypeOf<Variable>();
    const [outs, updates] = T.scan({ fn: (xt) => [[T.sin(xt), T.cos(xt)], new Map()] as const, sequences: x });
    expectTypeOf(outs).toEqualTypeOf<Variable[]>();
    expectTypeOf(updates).toEqualTypeOf<T.ScanUpdates>();
  });
});
