// Automatic differentiation: T.grad, T.jacobian, T.hessian.
export { grad, type GradOptions, type GradOf, type DisconnectedPolicy } from './grad.ts';
export { jacobian, hessian } from './jacobian.ts';
export type { NoGrad, GradTerm } from './nograd.ts';
