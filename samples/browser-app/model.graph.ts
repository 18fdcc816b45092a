// The seed's logistic regression, compiled while the page is bundled: for WebGPU in float32,
// with CPU twins for browsers without WebGPU (build.ts picks the backends and floatX; this file
// only says floatX). The training set lives in shared variables, so on WebGPU it is uploaded
// once and each training step sends nothing to the device.
import * as T from 'hypatia';
import { Random } from '../lib/random.ts';
import { FEATS } from '../node-app/data.ts';

export const SEED = 0;
export const STEPS = 300;

const floatX = T.config.floatX;
// main.ts fills these with the data it draws; empty until then
export const dataX = T.shared(T.asarray([], { dtype: floatX, shape: [0, FEATS] }), { name: 'dataX' });
export const dataY = T.shared(T.asarray([], { dtype: floatX, shape: [0] }), { name: 'dataY' });

const x = T.matrix('x');
const y = T.vector('y');
// drawn at build time: the page starts from these weights without a generator of its own
export const w = T.shared(T.asarray(new Random(SEED + 1).randn(FEATS), { dtype: floatX }), { name: 'w' });
const b = T.shared(0, { name: 'b' });

const z = T.tensor`${x} @ ${w} + ${b}`;
// cross-entropy in its stable form: -log(p) = softplus(-z), -log(1 - p) = softplus(z)
const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`;
const [gw, gb] = T.grad(cost, [w, b]);
const givens = [[x, dataX], [y, dataY]] as const;

export const train = T.fn([], [], {
  updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]],
  givens,
  name: 'train',
});
export const predict = T.fn([], T.tensor`${z} > 0`, { givens: [[x, dataX]], name: 'predict' });
export const costOf = T.fn([], cost, { givens, name: 'costOf' });
