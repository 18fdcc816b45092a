// Inputs for WebGPU tests: seeded, small, float32 unless said otherwise.
import { seededInputs } from '../backends/op-cases.ts';

export { arr } from '../backends/op-cases.ts';
export const { rand, pos, ints } = seededInputs(77);
