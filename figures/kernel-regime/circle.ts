/**
 * The spectral-bias experiment: inputs on the unit circle, where the
 * infinite-width kernel depends only on the angle between two points, so on
 * equally spaced points its Gram matrix is circulant and its eigenvectors
 * are exactly sines and cosines (src/numerics/circulant.ts; Basri et al.
 * 2019). The target is a sum of a few of them.
 */
import { createShallow, type ShallowNet } from '../../src/numerics';

/** Points (cos θ, sin θ), row-major N×2, for θ_i = 2π i / N. */
export function circlePoints(n: number): { theta: Float64Array; xs: Float64Array } {
  const theta = Float64Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
  const xs = new Float64Array(2 * n);
  theta.forEach((t, i) => { xs[2 * i] = Math.cos(t); xs[2 * i + 1] = Math.sin(t); });
  return { theta, xs };
}

/**
 * σ_w = √2 undoes the 1/√d of the input layer for d = 2, so the
 * pre-activation covariance is cos(θ − θ') + σ_b²; σ_b > 0 keeps the odd
 * frequencies ≥ 3 in the kernel (without bias their eigenvalues vanish).
 */
export function circleNetwork(width: number, biasStd: number): ShallowNet {
  return createShallow({ width, inputDim: 2, weightStd: Math.SQRT2, biasStd });
}

export interface Sinusoid {
  k: number;
  amplitude: number;
  phase: number;
}

export const sinusoids = (terms: readonly Sinusoid[]) => (theta: number): number =>
  terms.reduce((s, t) => s + t.amplitude * Math.cos(t.k * theta + t.phase), 0);
