/**
 * The one-hidden-layer model of the asymptotics figures,
 * f(x, w) = Σ_i b_i tanh(a_i x), no biases, a_i ~ N(0, 1), b_i ~ N(0, 1/m).
 * It is exactly our Mlp with depth 1, tanh, no biases and LeCun init
 * (fan-ins 1 and m), so the generic gradient code is reused.
 * Parameter layout: a = params[0 … m−1], b = params[m … 2m−1].
 */
import { vjp } from './backprop';
import type { LinearOperator } from './lanczos';
import { createMlp, initParams, type Mlp } from './mlp';
import type { Rng } from './rng';
import { norm2 } from './vector';

export function oneLayerNet(width: number): Mlp {
  return createMlp({ depth: 1, width, activation: 'tanh', bias: false });
}

/**
 * v ↦ ∇²_w f(x, w)·v for this network in O(m), no allocation per call: the
 * R-operator written out for f = Σ b_i σ(a_i x), σ = tanh, whose Hessian
 * entries are ∂²y/∂a_i² = b_i σ''(a_i x) x², ∂²y/∂a_i∂b_i = σ'(a_i x) x and
 * ∂²y/∂b² = 0:
 *   (Hv)_{a_i} = b_i σ''(a_i x) x² v_{a_i} + σ'(a_i x) x v_{b_i},   (Hv)_{b_i} = σ'(a_i x) x v_{a_i}.
 * Why not the generic `outputHessianOperator`: it records a tape per call;
 * at m = 2000 this is ~100× cheaper, which is what made the asymptotics figure
 * fast. Tests check the two agree to rounding.
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

/**
 * ‖∇²_w f(x, w)‖₂ exactly, in O(m). No coupling between units: ∂²y/∂a_i∂a_j,
 * ∂²y/∂a_i∂b_j (i ≠ j) and every ∂²y/∂b∂b vanish, so after pairing (a_i, b_i)
 * the Hessian is block diagonal with one 2×2 block per unit,
 *   [[p_i, q_i], [q_i, 0]],  p_i = b_i σ''(a_i x) x²,  q_i = σ'(a_i x) x
 * (the entries of `oneLayerHessianOperator`). A block's eigenvalues are
 * (p ± √(p² + 4q²))/2, so its norm is (|p| + √(p² + 4q²))/2 and the
 * Hessian's norm is the largest over units. Why not Lanczos: the top of this
 * spectrum is a tight cluster (every unit with a_i x ≈ 0 has a norm ≈ |x|),
 * so a few dozen Lanczos steps stop short of the top and bias the norm low.
 */
export function oneLayerHessianNorm(params: Float64Array, x: number): { norm: number; unit: number } {
  const m = params.length / 2;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`oneLayerHessianNorm: params must hold 2m numbers, got ${params.length}`);
  let norm = 0, unit = 0;
  for (let i = 0; i < m; i++) {
    const t = Math.tanh(params[i] * x), d1 = 1 - t * t;
    const p = params[m + i] * (-2 * t * d1) * x * x, q = d1 * x;
    const n = 0.5 * (Math.abs(p) + Math.hypot(p, 2 * q));
    if (n > norm) { norm = n; unit = i; }
  }
  return { norm, unit };
}

export interface OneLayerStats {
  width: number;
  /** The drawn weights: a = params[0 … m−1], b = params[m … 2m−1]. */
  params: Float64Array;
  /** ‖∇_w y‖₂ (exact reverse mode). */
  gradNorm: number;
  /** ‖∇²_w y‖₂, exact (closed-form 2×2 block norms, see `oneLayerHessianNorm`). */
  hessianNorm: number;
  /** κ = ‖∇²y‖ / ‖∇y‖² */
  kappa: number;
}

/** Draws a network of the given width from `rng` and measures it at x. */
export function oneLayerStats(width: number, x: number, rng: Rng): OneLayerStats {
  const net = oneLayerNet(width);
  const params = initParams(net, rng);
  const gradNorm = norm2(vjp(net, params, Float64Array.of(x), [1]));
  const { norm } = oneLayerHessianNorm(params, x);
  return { width, params, gradNorm, hessianNorm: norm, kappa: norm / (gradNorm * gradNorm) };
}
