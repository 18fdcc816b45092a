// The namespace generated CPU code receives as `K`.
export * from './kernels.ts';
export * from './helpers.ts';
export { resolveIndex } from './index-template.ts';
export * from './scan.ts';
export { NDArray, sizeOf } from '../ndarray.ts';
export { draw, advance } from '../random/draw.ts';
export { roundF16 } from '../float16.ts';
