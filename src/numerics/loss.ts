/**
 * Training losses on model outputs y against targets ȳ (n points).
 * - 'half-sse': L = ½‖y − ȳ‖², the article's loss.
 * - 'mse-alpha2': L = mean((y − ȳ)²) / α², the original code's "normalised"
 *   loss, which makes time scales comparable across output scales α.
 */
export type LossKind = 'half-sse' | 'mse-alpha2';

export function lossValue(kind: LossKind, y: ArrayLike<number>, target: ArrayLike<number>, alpha = 1): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) { const e = y[i] - target[i]; s += e * e; }
  return kind === 'half-sse' ? 0.5 * s : s / (target.length * alpha * alpha);
}

/** out[i] = ∂L/∂y_i. Returns out. */
export function lossGradient(kind: LossKind, y: ArrayLike<number>, target: ArrayLike<number>, alpha = 1, out: Float64Array = new Float64Array(target.length)): Float64Array {
  const s = kind === 'half-sse' ? 1 : 2 / (target.length * alpha * alpha);
  for (let i = 0; i < target.length; i++) out[i] = s * (y[i] - target[i]);
  return out;
}
