/**
 * The two Gaussian expectations every ReLU kernel recursion needs, in closed
 * form (the arc-cosine kernels of degree 1 and 0, Cho & Saul 2009). For a
 * centred Gaussian pair (u, u') with variances k11, k22 and covariance k12,
 * and cos θ = k12 / √(k11 k22):
 *
 *   E[relu(u) relu(u')]   = √(k11 k22) (sin θ + (π − θ) cos θ) / (2π)
 *   E[1{u > 0} 1{u' > 0}] = (π − θ) / (2π)
 *
 * Tests check both against Monte Carlo.
 */

export interface ArcCosine {
  /** E[relu(u) relu(u')]. */
  relu: number;
  /** E[relu'(u) relu'(u')] = P(u > 0, u' > 0). */
  step: number;
}

export function arcCosine(k11: number, k22: number, k12: number): ArcCosine {
  const s = Math.sqrt(k11 * k22);
  if (!(s > 0)) return { relu: 0, step: k11 > 0 || k22 > 0 ? 0.25 : 0 };
  // Clamp: rounding can push |cos θ| a hair past 1 on the diagonal.
  const c = Math.max(-1, Math.min(1, k12 / s));
  const t = Math.acos(c);
  return { relu: (s * (Math.sin(t) + (Math.PI - t) * c)) / (2 * Math.PI), step: (Math.PI - t) / (2 * Math.PI) };
}
