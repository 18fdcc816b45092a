// Scalar ops whose result is already a value of the output dtype when every operand has that
// dtype (exact, or 0/1): backends need not round (float32, float16) or wrap after them.
import type { ScalarOpName } from '../../ops/scalar.ts';

export const EXACT_SCALAR_OPS: ReadonlySet<ScalarOpName> = new Set<ScalarOpName>([
  'neg', 'abs', 'minimum', 'maximum', 'switch', 'clip', 'second', 'identity', 'floor', 'ceil', 'round', 'trunc',
  'lt', 'le', 'gt', 'ge', 'eq', 'neq', 'isnan', 'isinf', 'sgn',
]);
