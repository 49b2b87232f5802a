/**
 * A dense Hessian assembled column by column from Hessian-vector products,
 * ONLY for small networks (the heatmap of a ~10–20-unit network). Large
 * dimensions are refused: everything else must use HVPs directly.
 */
import type { LinearOperator } from './lanczos';

export const DENSE_HESSIAN_MAX_DIM = 2048;

/** dim×dim row-major symmetric matrix (symmetrised: ½(H + Hᵀ)) with columns H e_j. */
export function denseFromOperator(apply: LinearOperator, dim: number, maxDim = DENSE_HESSIAN_MAX_DIM): Float64Array {
  if (dim > maxDim) throw new RangeError(`denseFromOperator: refusing a dense ${dim}×${dim} matrix (limit ${maxDim}); use Hessian-vector products`);
  const H = new Float64Array(dim * dim), e = new Float64Array(dim), col = new Float64Array(dim);
  for (let j = 0; j < dim; j++) {
    e[j] = 1;
    apply(e, col);
    e[j] = 0;
    for (let i = 0; i < dim; i++) H[i * dim + j] = col[i];
  }
  for (let i = 0; i < dim; i++) for (let j = 0; j < i; j++) {
    const s = 0.5 * (H[i * dim + j] + H[j * dim + i]);
    H[i * dim + j] = s; H[j * dim + i] = s;
  }
  return H;
}
