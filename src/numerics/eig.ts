/**
 * Symmetric eigendecompositions: a closed form for 2×2 (the ellipses figure
 * needs one per snapshot) and ml-matrix for larger matrices.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

export interface Eigen2 {
  /** λ1 ≥ λ2. */
  values: [number, number];
  /** Unit eigenvectors, vectors[i] for values[i]. */
  vectors: [[number, number], [number, number]];
}

/** Eigen-decomposition of [[a, b], [b, d]]. */
export function symEig2(a: number, b: number, d: number): Eigen2 {
  const mean = 0.5 * (a + d), half = 0.5 * (a - d);
  const r = Math.hypot(half, b);
  const l1 = mean + r, l2 = mean - r;
  // Angle of the first eigenvector: tan 2θ = 2b / (a − d), well conditioned via atan2.
  const theta = 0.5 * Math.atan2(b, half);
  const c = Math.cos(theta), s = Math.sin(theta);
  return { values: [l1, l2], vectors: [[c, s], [-s, c]] };
}

export interface EigenN {
  /** Descending eigenvalues. */
  values: Float64Array;
  /** n×n row-major; column i is the unit eigenvector of values[i]. */
  vectors: Float64Array;
}

/** Eigen-decomposition of a symmetric n×n row-major matrix (via ml-matrix). */
export function symEig(A: ArrayLike<number>, n: number): EigenN {
  if (A.length !== n * n) throw new RangeError(`symEig: expected ${n * n} entries, got ${A.length}`);
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, 0.5 * (A[i * n + j] + A[j * n + i]));
  const e = new EigenvalueDecomposition(M, { assumeSymmetric: true });
  const vals = e.realEigenvalues, V = e.eigenvectorMatrix;
  const order = vals.map((_, i) => i).sort((i, j) => vals[j] - vals[i]);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = vals[src];
    for (let i = 0; i < n; i++) vectors[i * n + dst] = V.get(i, src);
  });
  return { values, vectors };
}

/**
 * u(t) = e^{−H t} u(0) for symmetric PSD H (n×n row-major): the linearised
 * gradient-flow residual of the kernel regime.
 */
export function linearFlow(H: ArrayLike<number>, n: number, u0: ArrayLike<number>, t: number): Float64Array {
  const { values, vectors } = symEig(H, n);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let c = 0;
    for (let i = 0; i < n; i++) c += vectors[i * n + k] * u0[i];
    c *= Math.exp(-values[k] * t);
    for (let i = 0; i < n; i++) out[i] += c * vectors[i * n + k];
  }
  return out;
}
