// Profiling: f.profile counts calls and times every kernel; summary() prints Theano's report.
import { afterEach, describe, expect, it } from 'vitest';
import * as T from '../../compiler/index.ts';

afterEach(() => { T.config.profile = false; });

describe('profile', () => {
  it('counts calls and times each kernel, and prints the summary as Theano does', () => {
    const x = T.dmatrix('x'), w = T.dvector('w');
    const f = T.fn([x, w], T.tensor`sum(log(1 + exp(${x} @ ${w})))`, { profile: true, name: 'softplus_sum' });
    const data = [[1, 2], [3, 4], [5, 6]];
    for (let i = 0; i < 5; i++) f(data, [0.5, -0.5]);
    const p = f.profile!;
    expect(p.calls).toBe(5);
    expect(p.callTime).toBeGreaterThan(0);
    expect(p.runTime).toBeLessThanOrEqual(p.callTime);
    expect(p.kernelTime).toBeLessThanOrEqual(p.runTime);
    expect(Array.from(p.stepCalls)).toEqual(p.steps.map(() => 5));
    const text = p.summary();
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).toEqual(['Function profiling', '==================', '  Message: softplus_sum']);
    expect(lines[3]).toMatch(/^ {2}Time in 5 calls to Function\.__call__: \d\.\d{6}e-\d\ds$/);
    expect(lines[4]).toMatch(/^ {2}Time in Function\.fn\.__call__: \d\.\d{6}e-\d\ds \(\d+\.\d%\)$/);
    expect(lines[5]).toMatch(/^ {2}Time in thunks: \d\.\d{6}e-\d\ds \(\d+\.\d%\)$/);
    expect(text).toMatch(/ {2}Total compile time: \d\.\d{6}e-\d\ds\n {4}Number of Apply nodes: \d+\n {4}Number of kernels: \d+\n {4}Hypatia rewrite time: /);
    expect(text).toMatch(/ {7}stabilize: \d\.\d{6}e-\d\ds/);
    expect(text).toContain('Hypatia linker time (scheduling, code generation, JIT)');
    expect(text).toContain('Class\n---\n<% time> <sum %> <apply time> <time per call> <type> <#call> <#apply> <Class name>');
    expect(text).toContain('Ops\n---\n<% time> <sum %> <apply time> <time per call> <type> <#call> <#apply> <Op name>');
    expect(text).toContain('Apply\n------\n<% time> <sum %> <apply time> <time per call> <#call> <id> <Apply name>');
    // one row per kernel in the Apply table, naming its op and inputs
    expect(text).toMatch(/ {3}\d+ {3}dot\(x, w\)/);
    // softplus is fused into the sum that reads it: one loop
    expect(text).toMatch(/JS +5 +1 {3}Sum\{axis=\[0\]\}\{Composite\{softplus\(i0\)\}\}/);
    expect(text).toMatch(/JS +5 +1 {3}CAReduce/);
    expect(text).toMatch(/JS +5 +1 {3}Dot/);
    // without specialization the dot is a call into the runtime's kernel
    const g = T.fn([x, w], T.dot(x, w), { profile: true, mode: 'FAST_COMPILE' });
    g(data, [1, 1]);
    expect(g.profile!.summary()).toMatch(/K +1 +1 {3}Dot/);
    const classes = text.split('\n\n')[1]!.split('\n').slice(3, -1);
    const shares = classes.map((l) => Number(l.trim().split(/\s+/)[0]!.replace('%', '')));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
  });

  it('T.config.profile turns it on; functions without it have no profile', () => {
    const x = T.dvector('x');
    expect(T.fn([x], T.exp(x)).profile).toBeUndefined();
    T.config.profile = true;
    const f = T.fn([x], T.exp(x));
    f([1]);
    expect(f.profile!.calls).toBe(1);
    // a copy shares the program, and its calls count in the same profile
    f.copy()([2]);
    expect(f.profile!.calls).toBe(2);
  });

  it('counts calls that throw', () => {
    const x = T.dvector('x');
    const f = T.fn([x], T.exp(x), { profile: true });
    expect(() => f([[1]] as never)).toThrow();
    expect(f.profile!.calls).toBe(1);
  });
});
