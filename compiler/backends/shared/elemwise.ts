// Fused elementwise kernels address their inputs the same way on every device backend: one
// thread per output element at flat index `i`, each input read at its own row-major offset.

/** Whether some input broadcasts on some axes only, so the kernel needs `i`'s coordinates. */
export const needsCoords = (arrays: readonly { broadcastable: readonly boolean[] }[]): boolean =>
  arrays.some((v) => v.broadcastable.some((b) => b) && !v.broadcastable.every((b) => b));

/**
 * The flat index of an input with broadcast pattern `bc`, in an output with axis sizes `sizes`:
 * `i` when it broadcasts on no axis, `zero` when on all, else from the coordinates `coord(d)`.
 */
export function inputOffset(bc: readonly boolean[], sizes: readonly string[], coord: (d: number) => string, zero: string): string {
  if (bc.every((b) => !b)) return 'i';
  if (bc.every((b) => b)) return zero;
  // Horner over the axes this input really has: its own row-major offset
  let off = '';
  for (let d = 0; d < sizes.length; d++) {
    if (bc[d]) continue;
    off = off === '' ? coord(d) : `(${off}) * ${sizes[d]} + ${coord(d)}`;
  }
  return off;
}
