/**
 * One draw of the one-hidden-layer network f(x, w) = Σ b_i tanh(a_i x)
 * (a_i ~ N(0, 1), b_i ~ N(0, 1/m), no biases; `oneLayerNet` in numerics) and
 * the three quantities of the asymptotics figures at a fixed input x.
 * Same measurement as numerics' `oneLayerStats`, but it also returns the
 * weights and the Lanczos convergence flag, so tests can compare the norm with
 * the closed form and the figure can record that every norm converged.
 */
import { initParams, lanczosExtremes, norm2, oneLayerNet, vjp, type LanczosOptions, type LinearOperator, type Rng } from '../../src/numerics';

/**
 * v ↦ ∇²_w f(x, w)·v for this network, in O(m) with no allocation per call.
 * It is Pearlmutter's R-op written out for f = Σ b_i σ(a_i x), σ = tanh
 * (the article's Hessian entries: ∂²y/∂a_i² = b_i σ''(a_i x) x²,
 * ∂²y/∂a_i∂b_i = σ'(a_i x) x, ∂²y/∂b² = 0):
 *   (Hv)_{a_i} = b_i σ''(a_i x) x² v_{a_i} + σ'(a_i x) x v_{b_i},   (Hv)_{b_i} = σ'(a_i x) x v_{a_i}.
 * Why not numerics' generic `outputHessianOperator`: it records a tape per
 * call, which costs ~100× more at m = 2000 and dominated the figure's time;
 * tests check the two agree to rounding.
 */
export function oneLayerHessianOperator(params: Float64Array, x: number): LinearOperator {
  const m = params.length / 2;
  if (!Number.isInteger(m)) throw new RangeError(`oneLayerHessianOperator: params must hold 2m numbers, got ${params.length}`);
  const ab = new Float64Array(m), aa = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const t = Math.tanh(params[i] * x), d1 = 1 - t * t; // σ' = 1 − tanh², σ'' = −2 tanh · σ'
    ab[i] = d1 * x;
    aa[i] = params[m + i] * (-2 * t * d1) * x * x;
  }
  return (v, out) => {
    for (let i = 0; i < m; i++) {
      const va = v[i];
      out[i] = aa[i] * va + ab[i] * v[m + i];
      out[m + i] = ab[i] * va;
    }
  };
}

export interface OneLayerSample {
  width: number;
  /** Flat weights: a = params[0 … m−1], b = params[m … 2m−1]. */
  params: Float64Array;
  /** ‖∇_w y‖₂ (exact reverse mode). */
  gradNorm: number;
  /** ‖∇²_w y‖₂ from Lanczos on exact Hessian-vector products (never a dense matrix). */
  hessianNorm: number;
  /** κ = ‖∇²y‖ / ‖∇y‖². */
  kappa: number;
  lanczosIterations: number;
  converged: boolean;
}

/** Draws a network of the given width from `rng` (weights, then the Lanczos start vector) and measures it at x. */
export function oneLayerSample(width: number, x: number, rng: Rng, lanczos?: LanczosOptions): OneLayerSample {
  const net = oneLayerNet(width);
  const params = initParams(net, rng);
  const gradNorm = norm2(vjp(net, params, Float64Array.of(x), [1]));
  const h = lanczosExtremes(oneLayerHessianOperator(params, x), net.size, rng, lanczos);
  return {
    width, params, gradNorm, hessianNorm: h.norm, kappa: h.norm / (gradNorm * gradNorm),
    lanczosIterations: h.iterations, converged: h.converged,
  };
}
