/**
 * The one-hidden-layer model of the asymptotics figures,
 * f(x, w) = Σ_i b_i tanh(a_i x), no biases, a_i ~ N(0, 1), b_i ~ N(0, 1/m).
 * It is exactly our Mlp with depth 1, tanh, no biases and LeCun init
 * (fan-ins 1 and m), so the generic gradient and HVP code is reused.
 * Parameter layout: a = params[0 … m−1], b = params[m … 2m−1].
 */
import { vjp } from './backprop';
import { outputHessianNorm } from './hessian';
import type { LanczosOptions } from './lanczos';
import { createMlp, initParams, type Mlp } from './mlp';
import type { Rng } from './rng';
import { norm2 } from './vector';

export function oneLayerNet(width: number): Mlp {
  return createMlp({ depth: 1, width, activation: 'tanh', bias: false });
}

export interface OneLayerStats {
  width: number;
  /** ‖∇_w y‖₂ */
  gradNorm: number;
  /** ‖∇²_w y‖₂ (Lanczos on exact HVPs) */
  hessianNorm: number;
  /** κ = ‖∇²y‖ / ‖∇y‖² */
  kappa: number;
}

/** Draws a fresh network of the given width from `rng` and measures it at input x. */
export function oneLayerStats(width: number, x: number, rng: Rng, options?: LanczosOptions): OneLayerStats {
  const net = oneLayerNet(width);
  const w = initParams(net, rng);
  const gradNorm = norm2(vjp(net, w, Float64Array.of(x), [1]));
  const hessianNorm = outputHessianNorm(net, w, x, rng, options).norm;
  return { width, gradNorm, hessianNorm, kappa: hessianNorm / (gradNorm * gradNorm) };
}
