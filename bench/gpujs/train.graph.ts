// The seed's float32 logistic-regression training step (784 features) as a graph module: the
// startup benchmark bundles it with the build plugin, whose programs carry every kernel both as
// GPU.js JavaScript and as GLSL translated at build time.
import * as T from 'hypatia';

const FEATS = 784, LR = 0.1, L2 = 0.01;

const x = T.fmatrix('x');
const y = T.fvector('y');
export const w = T.shared(new Float32Array(FEATS), { name: 'w' });
const b = T.shared(T.asarray(0, { dtype: 'float32' }), { name: 'b' });
const z = T.tensor`(${x} @ ${w}) + ${b}`;
const prediction = T.tensor`1 / (1 + exp(-${z})) > 0.5`;
const xent = T.tensor`${y} * softplus(-${z}) + (1 - ${y}) * softplus(${z})`;
const cost = T.tensor`mean(${xent}) + ${L2} * sum(${w} ** 2)`;
const [gw, gb] = T.grad(cost, [w, b]);
export const train = T.fn([x, y], [prediction, xent], { updates: [[w, T.tensor`${w} - ${LR} * ${gw}`], [b, T.tensor`${b} - ${LR} * ${gb}`]] });
