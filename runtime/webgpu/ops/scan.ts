// A scan on the device. Every step of a loop launches the same kernels on buffers of the same
// shapes, so the step graph is encoded once (step 0, recorded) and its commands replayed for
// the other steps, all in the call's command stream with no readback in between. Between
// steps, buffer copies move the rows: sequence row t into the step's input, each tap's earlier
// state into its input, and the step's results into row t of the stacked outputs.
//
// A state's history lives in its stacked output (row t is step t), or when no one reads the
// stack in a ring of lookback + 1 rows; taps reaching before step 0 read the initial rows.
//
// Rows are sized per dtype. With float16 packed (2 bytes an element) a row of odd length is not
// a whole number of 4-byte words, which buffer copies need; rather than a half-copy kernel
// (half-copy.ts) per row and step, such rows live padded to whole words while the loop runs:
// a sequence is copied into padded rows before step 0, and a stacked state or map is built in
// padded rows and copied into its dense output after the last step (one strided half copy
// each), so every copy between steps stays a buffer copy. Only taps reaching before step 0
// read the dense initial rows directly (a half copy each, in the first steps only).
import { sizeOf } from '../../ndarray.ts';
import type { GpuStep } from '../code.ts';
import { BYTES } from '../storage.ts';
import type { Command } from '../encoding.ts';
import { type Runner, type SlotValue, shapeStr } from './runner.ts';

type S = Extract<GpuStep, { op: 'scan' }>;

const lookback = (taps: readonly number[]) => -Math.min(...taps);
/** Bytes rounded up to whole 4-byte words: a row's stride while the loop runs. */
const words = (bytes: number) => Math.ceil(bytes / 4) * 4;
/** Temp sites (per step) of padded sequences and maps; states use their index. */
const SEQ_SITE = 256, MAP_SITE = 512;
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
      const row = shape.slice(1), bytes = sizeOf(row) * c.elemBytes(x);
      return { row, bytes, stride: words(bytes), buf: c.buffer(x) };
    });
    const states = s.inits.map((x, i) => {
      const shape = c.shape(x), back = lookback(s.taps[i]!);
      if (shape.length === 0 || shape[0]! < back) throw new RangeError(`${where}: the initial state of output ${i} has ${shape.length === 0 ? 'no rows' : `${shape[0]} rows`} but ${back} are needed`);
      const row = shape.slice(1), bytes = sizeOf(row) * c.elemBytes(x);
      return { row, bytes, stride: words(bytes), back, init: c.buffer(x), history: null as GPUBuffer | null, ring: s.stacked[i] === null };
    });
    // the row of a state's history that step u wrote
    const at = (i: number, u: number) => {
      const st = states[i]!;
      return (st.ring ? u % (st.back + 1) : u) * st.stride;
    };

    const body = c.body(s.body);
    const fed: { index: number; buf: GPUBuffer; bytes: number }[] = [];
    body.begin((index): SlotValue => {
      const role = s.roles[index]!;
      if (role.kind === 'nonseq') {
        const outer = s.nonSeqs[role.k]!;
        return { shape: c.shape(outer), host: c.peekHost(outer), buf: null, lazy: () => c.buffer(outer) };
      }
      const { row, bytes, stride } = role.kind === 'seq' ? seqs[role.j]! : states[role.i]!;
      // whole words: a padded row is copied in with its spare half
      const buf = body.inputBuffer(index, stride);
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

    // sequences of rows that are not whole words: their first n rows padded
    seqs.forEach((q, j) => {
      if (q.stride === q.bytes) return;
      const padded = c.temp(SEQ_SITE + j, n * q.stride);
      c.copyRows(q.buf, 0, q.bytes, padded, 0, q.stride, q.bytes, n);
      q.buf = padded;
    });

    let cmds: Command[] = [];
    let results: { buf: GPUBuffer; bytes: number }[] = [];
    const maps: { from: GPUBuffer; to: GPUBuffer; bytes: number; stride: number; slot: number; row: readonly number[] }[] = [];
    for (let t = 0; t < n; t++) {
      s.roles.forEach((role, index) => {
        const dst = input.get(index);
        if (dst === undefined) return;
        if (role.kind === 'seq') {
          const q = seqs[role.j]!;
          c.copyAt(q.buf, t * q.stride, dst, 0, q.stride);
        } else if (role.kind === 'tap') {
          const st = states[role.i]!, u = t + role.k;
          if (u >= 0) c.copyAt(st.history!, at(role.i, u), dst, 0, st.stride);
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
          // a stacked state of padded rows is built in a temp and copied out after the loop
          st.history = y != null && st.stride === st.bytes ? c.output(y, [n, ...st.row]) : c.temp(i, Math.max(BYTES, (st.ring ? st.back + 1 : n) * st.stride));
          return { buf: body.buffer(r), bytes: st.stride };
        });
        s.maps.forEach((m, j) => {
          const r = s.mapResults[j];
          if (m === null || r == null) return;
          const slot = s.body.results[r]!;
          const row = body.shape(slot), bytes = sizeOf(row) * c.elemBytes(m), stride = words(bytes);
          const to = stride === bytes ? c.output(m, [n, ...row]) : c.temp(MAP_SITE + j, n * stride);
          maps.push({ from: body.buffer(slot), to, bytes, stride, slot: m, row });
        });
      } else c.replay(cmds);
      // a body result's buffer holds whole words, so a padded row takes its spare half along
      results.forEach((r, i) => c.copyAt(r.buf, 0, states[i]!.history!, at(i, t), r.bytes));
      for (const m of maps) c.copyAt(m.from, 0, m.to, t * m.stride, m.stride);
    }
    states.forEach((st, i) => {
      const f = s.finals[i], y = s.stacked[i];
      if (f != null) c.copyAt(st.history!, at(i, n - 1), c.output(f, st.row), 0, st.stride);
      if (y != null && st.stride !== st.bytes) c.copyRows(st.history!, 0, st.stride, c.output(y, [n, ...st.row]), 0, st.bytes, st.bytes, n);
    });
    for (const m of maps) if (m.stride !== m.bytes) c.copyRows(m.to, 0, m.stride, c.output(m.slot, [n, ...m.row]), 0, m.bytes, m.bytes, n);
  },
};
