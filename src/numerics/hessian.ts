/**
 * Convenience wrappers: the Hessian of the network output at one input as an
 * operator, its spectral norm by Lanczos, and (small networks only) its dense
 * matrix for a heatmap.
 */
import { denseFromOperator, DENSE_HESSIAN_MAX_DIM } from './denseHessian';
import { outputHvp } from './hvp';
import { lanczosExtremes, type LanczosOptions, type LanczosResult, type LinearOperator } from './lanczos';
import type { Mlp } from './mlp';
import type { Rng } from './rng';

/** v ↦ ∇²_w f(x, w) v as a LinearOperator. */
export function outputHessianOperator(net: Mlp, params: Float64Array, x: number): LinearOperator {
  const xs = Float64Array.of(x), one = [1];
  return (v, out) => { outputHvp(net, params, xs, one, v, out); };
}

/** ‖∇²_w f(x, w)‖₂ (and extreme eigenvalues) by Lanczos on exact HVPs. */
export function outputHessianNorm(net: Mlp, params: Float64Array, x: number, rng: Rng, options?: LanczosOptions): LanczosResult {
  return lanczosExtremes(outputHessianOperator(net, params, x), net.size, rng, options);
}

/** Dense p×p ∇²_w f(x, w), row-major; refuses p > maxDim (default 2048). */
export function denseOutputHessian(net: Mlp, params: Float64Array, x: number, maxDim = DENSE_HESSIAN_MAX_DIM): Float64Array {
  return denseFromOperator(outputHessianOperator(net, params, x), net.size, maxDim);
}
