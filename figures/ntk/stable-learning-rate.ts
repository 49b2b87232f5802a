/**
 * A learning rate capped below the gradient-descent stability bound of the
 * loss ½‖y − ȳ‖² near initialisation.
 *
 * Why: linearised at w0, one GD step maps the residual u = y − ȳ to
 * (I − lr·Θ)u with Θ = ∇y ∇yᵀ the NTK Gram matrix, so GD converges iff
 * lr < 2/λ_max(Θ). With LeCun initialisation Θ grows ∝ width (see
 * src/numerics/README.md), so the original's lr = 10⁻³ — stable for its
 * PyTorch-default init, whose weights have a third of our variance — is above
 * the bound for m = 1000 here: in the published weight-matrices data (its
 * `runs[].ntkEigenvalues`, seed 1000) λ_max = 4129.6, so 2/λ_max = 4.84·10⁻⁴,
 * and training at 10⁻³ oscillates instead of converging. Capping at a
 * fraction of the bound (0.9 there: lr = 4.36·10⁻⁴) keeps the published rate
 * wherever it is stable (m = 10, 100: λ_max = 20.9, 257.8) and stays just
 * inside the bound where it is not.
 */
import { modelNtk, symEig, type Model } from '../../src/numerics';

export interface StableRate {
  /** The learning rate to use: min(lr, fraction · 2/λ_max). */
  lr: number;
  /** True when the requested rate was lowered. */
  capped: boolean;
  /** Eigenvalues of Θ(w0) on the data, descending. */
  eigenvalues: number[];
  /** 2/λ_max. */
  bound: number;
}

/** min(lr, fraction · 2/λ_max) for the largest eigenvalue `lambdaMax` of the NTK Gram matrix. */
export function capLearningRate(lr: number, lambdaMax: number, fraction: number): { lr: number; capped: boolean; bound: number } {
  if (!(lr > 0)) throw new RangeError(`capLearningRate: lr must be positive, got ${lr}`);
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`capLearningRate: fraction must be in (0, 1), got ${fraction}`);
  if (!(lambdaMax >= 0)) throw new RangeError(`capLearningRate: lambdaMax must be ≥ 0, got ${lambdaMax}`);
  const bound = lambdaMax > 0 ? 2 / lambdaMax : Infinity;
  const cap = fraction * bound;
  return lr <= cap ? { lr, capped: false, bound } : { lr: cap, capped: true, bound };
}

/** The capped rate for a model (α = 1, half-sse loss) on the data inputs xs, from its NTK at the current parameters. */
export function stableLearningRate(model: Model, xs: Float64Array, lr: number, fraction: number): StableRate {
  const n = xs.length;
  const { values } = symEig(modelNtk(model, xs), n);
  const eigenvalues = Array.from(values);
  return { ...capLearningRate(lr, eigenvalues[0], fraction), eigenvalues };
}
