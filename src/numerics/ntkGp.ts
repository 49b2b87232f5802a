/**
 * What an infinitely wide network trained by gradient descent on
 * ½‖f(X) − Y‖² predicts, from its kernels alone (Lee et al. 2019, "Wide
 * Neural Networks of Any Depth Evolve as Linear Models Under Gradient
 * Descent", §2.3–2.4). The residual on the training set evolves linearly,
 * r_t = D(Θ) r_0, with D(Θ) = e^{−ηΘt} under gradient flow or (I − ηΘ)^n
 * after n steps of size η. Writing G = Θ⁻¹ (I − D(Θ)):
 *
 *   one network      f_t(x) = f_0(x) + Θ(x, X) G (Y − f_0(X))
 *   over inits       μ_t(x) = Θ(x, X) G Y
 *                    Σ_t(x, x) = K(x, x) + Θ(x, X) G K(X, X) G Θ(X, x) − 2 Θ(x, X) G K(X, x)
 *
 * since f_0 is a centred Gaussian process with covariance K (the NNGP kernel).
 * G is formed from the eigen-decomposition of Θ(X, X), with the λ → 0 limit
 * taken analytically, so a nearly singular Gram matrix is harmless.
 */
import { symEig } from './eig';

/** How a residual eigen-component with kernel eigenvalue λ evolves. */
export interface Schedule {
  /** The fraction D(λ) left. */
  residual(lambda: number): number;
  /** (1 − D(λ)) / λ, finite as λ → 0. */
  gain(lambda: number): number;
}

/** Gradient flow for time t with learning rate η: D(λ) = e^{−ηλt}. */
export function gradientFlow(lr: number, t: number): Schedule {
  const s = lr * t;
  return {
    residual: (l) => Math.exp(-s * l),
    gain: (l) => (l > 0 ? -Math.expm1(-s * l) / l : s),
  };
}

/** n steps of gradient descent with learning rate η: D(λ) = (1 − ηλ)^n. */
export function gradientDescentSteps(lr: number, steps: number): Schedule {
  return {
    residual: (l) => (1 - lr * l) ** steps,
    gain: (l) => {
      if (!(l > 0)) return lr * steps;
      const q = 1 - lr * l;
      // −expm1(n·log1p(−ηλ)) keeps precision for small ηλ; the power handles q ≤ 0.
      return (q > 0 ? -Math.expm1(steps * Math.log1p(-lr * l)) : 1 - q ** steps) / l;
    },
  };
}

/** G = Θ⁻¹(I − D(Θ)) for an n×n symmetric Θ (row-major). */
export function kernelGain(theta: ArrayLike<number>, n: number, schedule: Schedule): Float64Array {
  const { values, vectors } = symEig(theta, n);
  const G = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const g = schedule.gain(Math.max(0, values[k]));
    for (let i = 0; i < n; i++) {
      const ui = vectors[i * n + k] * g;
      for (let j = 0; j < n; j++) G[i * n + j] += ui * vectors[j * n + k];
    }
  }
  return G;
}

/** T×N matrix Θ(x, X) G: the weights by which the residual on X moves the prediction at x. */
function transfer(thetaTX: ArrayLike<number>, G: Float64Array, T: number, N: number): Float64Array {
  const W = new Float64Array(T * N);
  for (let t = 0; t < T; t++) for (let k = 0; k < N; k++) {
    const a = thetaTX[t * N + k];
    if (a === 0) continue;
    for (let j = 0; j < N; j++) W[t * N + j] += a * G[k * N + j];
  }
  return W;
}

/** One network's kernel prediction f_t(x) = f_0(x) + Θ(x, X) G (Y − f_0(X)) at T points. */
export function kernelPrediction(
  a: { thetaXX: ArrayLike<number>; thetaTX: ArrayLike<number>; ys: ArrayLike<number>; f0X: ArrayLike<number>; f0T: ArrayLike<number> },
  schedule: Schedule,
): Float64Array {
  const N = a.ys.length, T = a.f0T.length;
  const W = transfer(a.thetaTX, kernelGain(a.thetaXX, N, schedule), T, N);
  const out = Float64Array.from(a.f0T);
  for (let t = 0; t < T; t++) for (let j = 0; j < N; j++) out[t] += W[t * N + j] * (a.ys[j] - a.f0X[j]);
  return out;
}

export interface GpMoments {
  mean: Float64Array;
  variance: Float64Array;
}

/** Mean and variance over random initialisations at T test points (Lee et al. 2019, eq. 16). */
export function ntkGpMoments(
  a: { thetaXX: ArrayLike<number>; thetaTX: ArrayLike<number>; kXX: ArrayLike<number>; kTX: ArrayLike<number>; kTT: ArrayLike<number>; ys: ArrayLike<number> },
  schedule: Schedule,
): GpMoments {
  const N = a.ys.length, T = a.kTT.length;
  const W = transfer(a.thetaTX, kernelGain(a.thetaXX, N, schedule), T, N);
  const mean = new Float64Array(T), variance = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let mu = 0, quad = 0, cross = 0;
    for (let i = 0; i < N; i++) {
      const wi = W[t * N + i];
      mu += wi * a.ys[i];
      cross += wi * a.kTX[t * N + i];
      let row = 0;
      for (let j = 0; j < N; j++) row += a.kXX[i * N + j] * W[t * N + j];
      quad += wi * row;
    }
    mean[t] = mu;
    // Rounding can leave a tiny negative where the posterior pins f to the data.
    variance[t] = Math.max(0, a.kTT[t] + quad - 2 * cross);
  }
  return { mean, variance };
}
