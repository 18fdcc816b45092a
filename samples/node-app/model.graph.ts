// The seed's logistic regression as a graph module: evaluated while the app is bundled, so
// the bundle gets the compiled train/predict/cost functions and the initial weights, and
// none of the compiler. Initial weights come from the same seeded draws as the JIT sample.
import { buildModel, makeData } from '../logistic-regression.ts';

export const SEED = 0;
const { w, b, train, predict, costOf } = buildModel(makeData(SEED).w0);
export { w, b, train, predict, costOf };
