// The seed's logistic regression, compiled while the page is bundled. Which backend the
// kernels are for is the build's choice (see build.ts), not this file's.
import * as T from 'hypatia';
import { Random } from '../lib/random.ts';
import { FEATS } from '../node-app/data.ts';

export const SEED = 0;
export const STEPS = 300;

const x = T.dmatrix('x');
const y = T.dvector('y');
// drawn at build time: the page starts from these weights without a generator of its own
const w = T.shared(new Random(SEED + 1).randn(FEATS), { name: 'w' });
const b = T.shared(0, { name: 'b' });

const z = T.tensor`${x} @ ${w} + ${b}`;
// cross-entropy in its stable form: -log(p) = softplus(-z), -log(1 - p) = softplus(z)
const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
const cost = T.tensor`mean(${xent}) + 0.01 * sum(${w} ** 2)`;
const [gw, gb] = T.grad(cost, [w, b]);

export const train = T.fn([x, y], [], {
  updates: [[w, T.tensor`${w} - 0.1 * ${gw}`], [b, T.tensor`${b} - 0.1 * ${gb}`]],
  name: 'train',
});
export const predict = T.fn([x], T.tensor`${z} > 0`, { name: 'predict' });
export const costOf = T.fn([x, y], cost, { name: 'costOf' });
