// Modes: FAST_RUN, FAST_COMPILE, DebugMode (catches a wrong rewrite and a wrong kernel),
// NanGuardMode (NaN, infinities, huge values), and how T.config picks them.
import { afterEach, describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';
import { compiledOf } from '../../compiler/function.ts';
import { CANONICALIZE } from '../../compiler/rewrite/canonicalize.ts';
import { elem } from '../../compiler/rewrite/rule.ts';
import { CPU_SCALAR } from '../../compiler/backends/cpu/scalar.ts';
import { expectClose } from './helpers.ts';

const saved = { mode: T.config.mode, optimizer: T.config.optimizer };
afterEach(() => { T.config.mode = saved.mode; T.config.optimizer = saved.optimizer; });

describe('FAST_RUN and FAST_COMPILE', () => {
  it('FAST_COMPILE only merges and folds, and fuses nothing; both give the same numbers', () => {
    const x = T.dmatrix('x');
    const out = T.tensor`log(1 + exp(${x})) * 2 + 0`;
    const fast = T.fn([x], out), slow = T.fn([x], out, { mode: 'FAST_COMPILE' });
    expect(compiledOf(fast)!.rewrites.events.map((e) => e.rule)).toContain('softplus');
    expect(compiledOf(slow)!.rewrites.events.map((e) => e.rule)).not.toContain('softplus');
    expect(fast.program.cpu!.kernels).toHaveLength(1);
    expect(slow.program.cpu!.kernels.length).toBeGreaterThan(1);
    const data = [[0.5, -1, 3], [2, 0, -0.25]];
    expectClose(fast(data), slow(data), 1e-15);
  });

  it('T.config.mode and T.config.optimizer choose the default', () => {
    const x = T.dvector('x');
    T.config.mode = 'FAST_COMPILE';
    expect(compiledOf(T.fn([x], T.neg(T.neg(x))))!.mode).toBe('FAST_COMPILE');
    T.config.mode = 'FAST_RUN';
    T.config.optimizer = 'None';
    expect(compiledOf(T.fn([x], T.neg(T.neg(x))))!.rewrites.events).toEqual([]);
    T.config.optimizer = 'fast_run';
    expect(compiledOf(T.fn([x], T.neg(T.neg(x))))!.rewrites.events.map((e) => e.rule)).toEqual(['neg_neg']);
    expect(() => { (T.config as { optimizer: string }).optimizer = 'fast'; }).toThrow(/config.optimizer: expected one of/);
  });

  it('an unknown mode is refused', () => {
    const x = T.dvector('x');
    expect(() => T.fn([x], x, { mode: 'FAST' as never })).toThrow(/unknown mode "FAST"/);
  });
});

describe('DebugMode', () => {
  it('runs a training step with gradients and updates without complaint', () => {
    const x = T.dmatrix('x'), y = T.dvector('y');
    const w = T.shared(new Float64Array([0.5, -0.25, 1]), { name: 'w' }), b = T.shared(0.1, { name: 'b' });
    const p = T.tensor`1 / (1 + exp(-(${x} @ ${w}) - ${b}))`;
    const xent = T.tensor`-${y} * log(${p}) - (1 - ${y}) * log(1 - ${p})`;
    const [gw, gb] = T.grad(T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`, [w, b]);
    const updates = [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]] as const;
    const f = T.fn([x, y], [T.tensor`${p} > 0.5`, xent], { updates, mode: 'DebugMode' });
    const data = [[1, 2, 3], [-1, 0.5, 2], [0, 0, 1], [3, -2, 1]];
    for (let i = 0; i < 3; i++) f(data, [1, 0, 1, 0]);
    expect(w.getValue().toArray()).not.toEqual([0.5, -0.25, 1]);
  });

  it('names the node a wrong rewrite changed, with its template position', () => {
    const wrong = elem('sqrt', 'wrong_sqrt', ([a]) => T.mul(a!, 0.5));
    CANONICALIZE.push(wrong);
    try {
      const x = T.dvector('x');
      const f = T.fn([x], T.tensor`sqrt(${x}) + 1`, { mode: 'DebugMode' });
      expect(() => f([4, 9])).toThrow(/DebugMode: the optimized graph computes a different value for Elemwise\{sqrt,no_inplace\}\n  sqrt\(\$\{x\}\) \+ 1\n  \^~~~[^]*element 1 is 4.5 instead of 3 \(after rewrite 'wrong_sqrt'; now computed by \(x \* TensorConstant\{0.5\}\)\)/);
    } finally {
      CANONICALIZE.splice(CANONICALIZE.indexOf(wrong), 1);
    }
  });

  it('names the kernel that disagrees with the reference evaluation', () => {
    const right = CPU_SCALAR.tanh;
    CPU_SCALAR.tanh = ([a]) => `(Math.tanh(${a}) + 1e-3)`;
    try {
      const x = T.dvector('x');
      const f = T.fn([x], T.tensor`tanh(${x}) * 3`, { mode: 'DebugMode' });
      expect(() => f([0.5])).toThrow(/DebugMode: fused kernel 0 \(tanh, mul\) disagrees with the reference evaluation of Elemwise\{mul,no_inplace\}[^]*element 0 is 1.389/);
    } finally {
      CPU_SCALAR.tanh = right;
    }
  });
});

describe('NanGuardMode', () => {
  const x = T.dvector('x');

  it('names the node inside a fused kernel that made a NaN, and its inputs', () => {
    const f = T.fn([x], T.tensor`exp(${x}) * log(${x} - 1)`, { mode: 'NanGuardMode' });
    expect(f([3]).toArray()).toEqual([Math.exp(3) * Math.log(2)]);
    expect(() => f([3, 0.5])).toThrow(/NanGuardMode: NaN \(NaN at element 1\) in the output of Elemwise\{log,no_inplace\}\n  exp\(\$\{x\}\) \* log\(\$\{x\} - 1\)\n {14}\^~~\n  input 0: \(x - TensorConstant\{1\}\) = float64 \(2,\): min -0.5, max 2/);
  });

  it('raises on infinities and on values above 1e10', () => {
    const e = T.fn([x], T.exp(x), { mode: 'NanGuardMode' });
    expect(() => e([1000])).toThrow(/an infinite value \(Infinity at element 0\) in the output of Elemwise\{exp,no_inplace\}/);
    const big = T.fn([x], T.mul(x, 1e6), { mode: 'NanGuardMode' });
    expect(big([1e3]).toArray()).toEqual([1e9]);
    expect(() => big([1e5])).toThrow(/a value above 10000000000 in magnitude \(100000000000 at element 0\) in the output of Elemwise\{mul,no_inplace\}/);
  });

  it('raises on a NaN input before anything runs', () => {
    const f = T.fn([x], T.sum(x), { mode: 'NanGuardMode' });
    expect(() => f([1, NaN])).toThrow(/NaN \(NaN at element 1\) in input 0 'x' before any node ran/);
  });

  it('checks kernels that are not elementwise too', () => {
    const m = T.dmatrix('m');
    const f = T.fn([m, x], T.dot(m, x), { mode: 'NanGuardMode' });
    expect(() => f([[1e6, 1e6]], [1e5, 1e5])).toThrow(/\(200000000000 at element 0\) in the output of dot\n  input 0: m = float64 \(1, 2\): min 1000000, max 1000000\n  input 1: x/);
  });
});
