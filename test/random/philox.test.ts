// The generator against Random123's published known-answer vectors, and the draw kernels.
import { describe, expect, it } from 'vitest';
import { philox4x32, mulhi32, deriveKey } from '../../runtime/random/philox.ts';
import { draw, unit24 } from '../../runtime/random/draw.ts';
import { RandomState } from '../../runtime/random/state.ts';

const hex = (a: Uint32Array) => Array.from(a, (x) => x.toString(16).padStart(8, '0'));

describe('Philox4x32-10', () => {
  it('matches the Random123 known-answer vectors', () => {
    const out = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, out);
    expect(hex(out)).toEqual(['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8']);
    const m = 0xffffffff;
    philox4x32(m, m, m, m, m, m, out);
    expect(hex(out)).toEqual(['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd']);
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect(hex(out)).toEqual(['d16cfe09', '94fdcceb', '5001e420', '24126ea1']);
  });

  it('mulhi32 is the exact high word', () => {
    for (const [a, b] of [[0xffffffff, 0xffffffff], [0xd2511f53, 0x12345678], [1, 0xffffffff], [65536, 65536]] as const) {
      expect(mulhi32(a, b)).toBe(Number((BigInt(a) * BigInt(b)) >> 32n));
    }
  });

  it('derived keys differ per stream', () => {
    const keys = new Set([0, 1, 2, 3].map((i) => deriveKey(234, i).join(',')));
    expect(keys.size).toBe(4);
  });
});

describe('draw kernels', () => {
  it('advance the counter by whole blocks and replay exactly from a saved state', () => {
    const s = RandomState.fromSeed(7);
    const [s1, a] = draw('uniform', s, [5], 0, 1, 'float32');
    expect(s1.getState().counter).toEqual([2, 0]);
    const [, b] = draw('uniform', s, [5], 0, 1, 'float32');
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    const [, c] = draw('uniform', s1, [5], 0, 1, 'float32');
    expect(Array.from(c.data)).not.toEqual(Array.from(a.data));
  });

  it('element i reads word i of the stream (float32 uniform)', () => {
    const s = RandomState.fromSeed(11);
    const [, u] = draw('uniform', s, [6], 0, 1, 'float32');
    const w = new Uint32Array(8);
    philox4x32(0, 0, 0, 0, s.data[0]!, s.data[1]!, w, 0);
    philox4x32(1, 0, 0, 0, s.data[0]!, s.data[1]!, w, 4);
    expect(Array.from(u.data)).toEqual(Array.from(w.slice(0, 6), (x) => Math.fround(unit24(x))));
  });

  it('checks parameters', () => {
    const s = RandomState.fromSeed(1);
    expect(() => draw('integers', s, [2], 5, 5, 'int64')).toThrow(/high \(5\) must be greater than low \(5\)/);
    expect(() => draw('binomial', s, [2], 3, 1.5, 'int64')).toThrow(/p must be in \[0, 1\]/);
    expect(() => draw('normal', s, [2], 0, -1, 'float64')).toThrow(/std must be >= 0/);
  });

  it('integers stay in [low, high) and binomial in [0, n]', () => {
    const s = RandomState.fromSeed(3);
    const [, i] = draw('integers', s, [1000], -3, 4, 'int64');
    expect(Math.min(...i.data)).toBe(-3);
    expect(Math.max(...i.data)).toBe(3);
    const [, bn] = draw('binomial', s, [1000], 5, 0.5, 'int64');
    expect(Math.min(...bn.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...bn.data)).toBeLessThanOrEqual(5);
  });
});
