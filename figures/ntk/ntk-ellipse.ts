/**
 * The NTK of a two-point dataset as an ellipse in the output plane.
 *
 * Near the targets, gradient flow on the outputs is u̇ = −Θ u with u = y − ȳ
 * (Θ the 2×2 kernel), and the loss-like quadratic uᵀΘu is constant on ellipses
 * centred on ȳ. Its level set uᵀΘu = c has semi-axes along Θ's eigenvectors
 * v_i of length sqrt(c/λ_i): long where the kernel is weak (slow directions),
 * short where it is strong. This is the picture of the original article
 * (R. V. Dwaraknath, "Understanding the Neural Tangent Kernel", 2019); its code
 * drew lengths 30/λ_i instead, which exaggerates the aspect ratio.
 */
import { symEig2 } from '../../src/numerics';

export interface EllipseShape {
  /** Semi-axis along the first eigenvector (the larger eigenvalue λ1: the short axis). */
  rx: number;
  /** Semi-axis along the second eigenvector (λ2: the long axis). */
  ry: number;
  /** Angle of the first eigenvector from the +y1 axis, radians. */
  angle: number;
  /** λ1 ≥ λ2. */
  values: [number, number];
}

/** Level set uᵀ K u = c of a symmetric positive definite 2×2 K = [[k11, k12], [k12, k22]]. */
export function levelSetEllipse(k11: number, k12: number, k22: number, c: number): EllipseShape {
  const { values, vectors } = symEig2(k11, k12, k22);
  if (!(values[1] > 0)) throw new RangeError(`ntk ellipse: kernel is not positive definite (eigenvalues ${values[0]}, ${values[1]})`);
  const [v1] = vectors;
  return { rx: Math.sqrt(c / values[0]), ry: Math.sqrt(c / values[1]), angle: Math.atan2(v1[1], v1[0]), values };
}

/**
 * The level c at which the largest of the given kernels' long semi-axes,
 * sqrt(c/λ_min), equals `semiAxis`: one c for every network and frame, so
 * sizes stay comparable between networks and over training.
 */
export function levelForSemiAxis(kernels: ReadonlyArray<ArrayLike<number>>, semiAxis: number): number {
  let lMin = Infinity;
  for (const K of kernels) lMin = Math.min(lMin, symEig2(K[0], K[1], K[3]).values[1]);
  if (!(lMin > 0)) throw new RangeError(`ntk ellipse: a kernel is not positive definite (λ_min = ${lMin})`);
  return semiAxis * semiAxis * lMin;
}

/** ‖A − B‖_F / ‖B‖_F for equal-length arrays (the relative change of a kernel). */
export function relativeFrobenius(A: ArrayLike<number>, B: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < B.length; i++) { const d = A[i] - B[i]; num += d * d; den += B[i] * B[i]; }
  return Math.sqrt(num / den);
}
