// A scan on the device. Every step of a loop launches the same kernels on buffers of the same
// shapes, so the step graph is encoded once (step 0, recorded) and its commands replayed for
// the other steps, all in the call's command stream with no readback in between. Between
// steps, buffer copies move the rows: sequence row t into the step's input, each tap's earlier
// state into its input, and the step's results into row t of the stacked outputs.
//
// A state's history lives in its stacked output (row t is step t), or when no one reads the
// stack in a ring of lookback + 1 rows; taps reaching before step 0 read the initial rows.
import { sizeOf } from '../../ndarray.ts';
import type { GpuStep } from '../code.ts';
import { BYTES } from '../storage.ts';
import type { Command } from '../encoding.ts';
import { type Runner, type SlotValue, shapeStr } from './runner.ts';

type S = Extract<GpuStep, { op: 'scan' }>;

const lookback = (taps: readonly number[]) => -Math.min(...taps);
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, d) => n === b[d]);

export const scan: Runner<S> = {
  hostNeeds: (s) => [s.n, ...s.hostNonSeqs.map((k) => s.nonSeqs[k]!)],
  async run(s, c) {
    const where = `scan '${s.name}'`;
    const n = c.scalar(s.n);
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`${where}: the number of steps must be a non-negative integer, got ${n}`);
    const seqs = s.seqs.map((x, j) => {
      const shape = c.shape(x);
      if (shape.length === 0 || shape[0]! < n) throw new RangeError(`${where}: sequence ${j} has ${shape.length === 0 ? 'no rows' : `${shape[0]} rows`} but ${n} are needed`);
      const row = shape.slice(1);
      return { row, bytes: sizeOf(row) * BYTES, buf: c.buffer(x) };
    });
    const states = s.inits.map((x, i) => {
      const shape = c.shape(x), back = lookback(s.taps[i]!);
      if (shape.length === 0 || shape[0]! < back) throw new RangeError(`${where}: the initial state of output ${i} has ${shape.length === 0 ? 'no rows' : `${shape[0]} rows`} but ${back} are needed`);
      const row = shape.slice(1);
      return { row, bytes: sizeOf(row) * BYTES, back, init: c.buffer(x), history: null as GPUBuffer | null, ring: s.stacked[i] === null };
    });
    // the row of a state's history that step u wrote
    const at = (i: number, u: number) => {
      const st = states[i]!;
      return (st.ring ? u % (st.back + 1) : u) * st.bytes;
    };

    const body = c.body(s.body);
    const fed: { index: number; buf: GPUBuffer; bytes: number }[] = [];
    body.begin((index): SlotValue => {
      const role = s.roles[index]!;
      if (role.kind === 'nonseq') {
        const outer = s.nonSeqs[role.k]!;
        return { shape: c.shape(outer), host: c.peekHost(outer), buf: null, lazy: () => c.buffer(outer) };
      }
      const { row, bytes } = role.kind === 'seq' ? seqs[role.j]! : states[role.i]!;
      const buf = body.inputBuffer(index, bytes);
      fed.push({ index, buf, bytes });
      return { shape: row, host: null, buf };
    });
    const input = new Map(fed.map((f) => [f.index, f.buf]));

    if (n === 0) {
      states.forEach((st, i) => {
        const y = s.stacked[i], f = s.finals[i];
        if (y != null) c.output(y, [0, ...st.row]);
        if (f != null) c.copyAt(st.init, (st.back - 1) * st.bytes, c.output(f, st.row), 0, st.bytes);
      });
      s.maps.forEach((m, j) => { if (m !== null) c.output(m, [0, ...s.mapRows[j]!]); });
      return;
    }

    let cmds: Command[] = [];
    let results: { buf: GPUBuffer; bytes: number }[] = [];
    const maps: { from: GPUBuffer; to: GPUBuffer; bytes: number }[] = [];
    for (let t = 0; t < n; t++) {
      s.roles.forEach((role, index) => {
        const dst = input.get(index);
        if (dst === undefined) return;
        if (role.kind === 'seq') {
          const q = seqs[role.j]!;
          c.copyAt(q.buf, t * q.bytes, dst, 0, q.bytes);
        } else if (role.kind === 'tap') {
          const st = states[role.i]!, u = t + role.k;
          if (u >= 0) c.copyAt(st.history!, at(role.i, u), dst, 0, st.bytes);
          else c.copyAt(st.init, (st.back + u) * st.bytes, dst, 0, st.bytes);
        }
      });
      if (t === 0) {
        const rec = c.record();
        try {
          await body.run();
        } finally {
          c.stopRecording(rec);
        }
        cmds = rec;
        results = states.map((st, i) => {
          const r = s.body.results[i]!;
          const shape = body.shape(r);
          if (!same(shape, st.row)) {
            throw new RangeError(`${where}: step 0 made output ${i} of shape ${shapeStr(shape)}, but its rows have shape ${shapeStr(st.row)}; ` +
              'a step must return values of the same shape every time (and the shape of its initial state)');
          }
          const y = s.stacked[i];
          st.history = y != null ? c.output(y, [n, ...st.row]) : c.temp(i, Math.max(BYTES, (st.back + 1) * st.bytes));
          return { buf: body.buffer(r), bytes: st.bytes };
        });
        s.maps.forEach((m, j) => {
          const r = s.mapResults[j];
          if (m === null || r == null) return;
          const slot = s.body.results[r]!;
          const row = body.shape(slot), bytes = sizeOf(row) * BYTES;
          maps.push({ from: body.buffer(slot), to: c.output(m, [n, ...row]), bytes });
        });
      } else c.replay(cmds);
      results.forEach((r, i) => c.copyAt(r.buf, 0, states[i]!.history!, at(i, t), r.bytes));
      for (const m of maps) c.copyAt(m.from, 0, m.to, t * m.bytes, m.bytes);
    }
    states.forEach((st, i) => {
      const f = s.finals[i];
      if (f != null) c.copyAt(st.history!, at(i, n - 1), c.output(f, st.row), 0, st.bytes);
    });
  },
};
