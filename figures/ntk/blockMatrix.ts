/**
 * Block-row permutation for the Hessian heatmap: P·M where P swaps the first
 * `k` rows of an n×n row-major matrix with the remaining n − k (for the
 * one-layer Hessian, k = m turns the (a, b) block rows into (b, a), which
 * makes the matrix lower triangular).
 */
export function swapBlockRows(M: Float64Array, n: number, k: number): Float64Array {
  if (M.length !== n * n) throw new RangeError(`swapBlockRows: expected ${n}×${n} = ${n * n} entries, got ${M.length}`);
  if (!(Number.isInteger(k) && k >= 0 && k <= n)) throw new RangeError(`swapBlockRows: k must be an integer in [0, ${n}], got ${k}`);
  const out = new Float64Array(n * n);
  // Rows k … n−1 go to the top, rows 0 … k−1 below them.
  out.set(M.subarray(k * n, n * n), 0);
  out.set(M.subarray(0, k * n), (n - k) * n);
  return out;
}
