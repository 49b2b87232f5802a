/**
 * The one-parameter toy model of the original post's "output scale" section
 * (R. V. Dwaraknath, "Understanding the Neural Tangent Kernel", 2019):
 *
 *   f(x, w) = α g(x, w),   g(x, w) = (w x + w² x + sin(e^{0.1 w})) (w − w0),   w0 = 0.4.
 *
 * The factor (w − w0) makes f(x, w0) = 0 for every α: the model starts at zero
 * output, so scaling it by α changes its slope at w0 but not its value there.
 * The linearisation at w0 is f_lin(w) = α g'(w0) (w − w0).
 *
 * Normalised loss (fitting target ȳ at input x): L(w) = (ȳ − f(x, w))² / α² = (ȳ/α − g(w))².
 * Its linearised version L_lin(w) = (ȳ/α − g'(w0)(w − w0))² is minimised at
 *   u_lin = w_lin − w0 = ȳ / (α g'(w0))          (∝ 1/α: the minimiser approaches w0).
 * The true minimiser solves g(w*) = ȳ/α. Expanding g(w0 + u) = g' u + g'' u²/2 + O(u³) gives
 *   w* − w_lin ≈ −(g''/(2g')) u_lin²              (∝ 1/α²: absolute gap between minimisers),
 *   (w* − w_lin)/u_lin ≈ −(g''/(2g')) u_lin        (∝ 1/α: gap relative to the distance travelled),
 *   |f(w_lin) − ȳ| = α|g(w_lin) − g' u_lin| ≈ ȳ² |g''| / (2 α g'²)   (∝ 1/α: model error where training ends),
 * and the lazy-training ratio κ = |f(w0) − ȳ| |f''(w0)| / f'(w0)² = ȳ |g''(w0)| / (α g'(w0)²) ∝ 1/α.
 * (Derivatives are with respect to w at fixed x; g'' at w0 is 2 p'(w0), see below.)
 */

export const W0 = 0.4;

/** p(w) = w x + w² x + sin(e^{0.1 w}) and its first two derivatives. */
function p(x: number, w: number): [number, number, number] {
  const e = Math.exp(0.1 * w), s = Math.sin(e), c = Math.cos(e);
  return [
    w * x + w * w * x + s,
    x + 2 * w * x + 0.1 * e * c,
    2 * x + 0.01 * e * c - 0.01 * e * e * s,
  ];
}

/** g(x, w) = p(w)(w − w0) (the model at α = 1). */
export function g(x: number, w: number): number {
  return p(x, w)[0] * (w - W0);
}

/** ∂g/∂w = p'(w)(w − w0) + p(w). */
export function dg(x: number, w: number): number {
  const [v, d1] = p(x, w);
  return d1 * (w - W0) + v;
}

/** ∂²g/∂w² = p''(w)(w − w0) + 2 p'(w). */
export function d2g(x: number, w: number): number {
  const [, d1, d2] = p(x, w);
  return d2 * (w - W0) + 2 * d1;
}

/** The model f(x, w) = α g(x, w). */
export function model(alpha: number, x: number, w: number): number {
  return alpha * g(x, w);
}

/** Its linearisation at w0: α g'(x, w0)(w − w0). */
export function linearised(alpha: number, x: number, w: number): number {
  return alpha * dg(x, W0) * (w - W0);
}

/** Normalised loss (ȳ − f)²/α². */
export function loss(alpha: number, x: number, yBar: number, w: number): number {
  const r = yBar - model(alpha, x, w);
  return (r * r) / (alpha * alpha);
}

/** Normalised loss of the linearised model. */
export function linearisedLoss(alpha: number, x: number, yBar: number, w: number): number {
  const r = yBar - linearised(alpha, x, w);
  return (r * r) / (alpha * alpha);
}

export interface LinearisationError {
  alpha: number;
  /** Minimiser of the linearised loss, w0 + ȳ/(α g'(w0)). */
  wLin: number;
  /** Minimiser of the true loss nearest w0 (root of g(w) = ȳ/α by Newton from wLin). */
  wTrue: number;
  /** |wTrue − wLin| (∝ 1/α²). */
  minimiserGap: number;
  /** |wTrue − wLin| / |wLin − w0| (∝ 1/α). */
  relativeGap: number;
  /** |f(wLin) − ȳ|: how far the true model is from the target where linearised training stops (∝ 1/α). */
  modelErrorAtLinMin: number;
  /** κ = ȳ |g''(w0)| / (α g'(w0)²) (∝ 1/α). */
  kappa: number;
}

/** The linearisation-error measures at one α (see the file comment for their derivation). */
export function linearisationError(alpha: number, x: number, yBar: number): LinearisationError {
  const g1 = dg(x, W0), g2 = d2g(x, W0);
  if (g1 === 0) throw new Error('toy model: zero slope at w0');
  const wLin = W0 + yBar / (alpha * g1);
  let w = wLin;
  for (let it = 0; it < 50; it++) {
    const step = (g(x, w) - yBar / alpha) / dg(x, w);
    w -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(w))) break;
  }
  const gap = Math.abs(w - wLin);
  return {
    alpha,
    wLin,
    wTrue: w,
    minimiserGap: gap,
    relativeGap: gap / Math.abs(wLin - W0),
    modelErrorAtLinMin: Math.abs(model(alpha, x, wLin) - yBar),
    kappa: (yBar * Math.abs(g2)) / (alpha * g1 * g1),
  };
}

/** α log-spaced from 1 to 10^maxExponent over `frames` values (like numpy.logspace(0, maxExponent, frames)). */
export function alphaSchedule(frames: number, maxExponent: number): Float64Array {
  const a = new Float64Array(frames);
  for (let k = 0; k < frames; k++) a[k] = 10 ** (frames === 1 ? 0 : (maxExponent * k) / (frames - 1));
  return a;
}

export { linspace } from '../../src/numerics';
