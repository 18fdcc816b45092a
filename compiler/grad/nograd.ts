// How a gradient rule says an input gets no gradient. Kept free of imports so the op table,
// the scalar ops and the gradient driver can all depend on it without cycles.
import type { Variable } from '../graph.ts';

/**
 * No gradient flows into this input, and why. `disconnected` marks inputs the output does
 * not depend on as a value (shapes, indices, fill's model): a wrt reached only through such
 * inputs is "disconnected" (T.grad raises by default). Otherwise the gradient is zero
 * (piecewise-constant ops, integer or bool outputs): the input still counts as connected.
 */
export interface NoGrad { readonly none: string; readonly disconnected?: true }

/** One entry of a gradient rule's answer: a gradient for that input, or why there is none. */
export type GradTerm = Variable | NoGrad;

export const zeroGrad = (why: string): NoGrad => ({ none: why });
export const disconnected = (why: string): NoGrad => ({ none: why, disconnected: true });
export const isNoGrad = (t: GradTerm): t is NoGrad => typeof (t as NoGrad).none === 'string';
