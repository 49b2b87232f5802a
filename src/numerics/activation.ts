/**
 * Pointwise activations σ with first and second derivatives, applied to whole
 * row-major buffers so the per-element branch on the activation kind is hoisted
 * out of the hot loops.
 *
 * - `relu`: max(0, z); σ'(0) = 0 by convention, σ'' = 0 almost everywhere.
 * - `tanh`: for the one-hidden-layer asymptotics and smooth second derivatives.
 * - `softplus`: log(1 + e^z), a smooth ReLU (σ' = logistic, σ'' = s(1 − s)),
 *   for tests and figures that need a non-zero second derivative everywhere.
 */
export type ActivationName = 'relu' | 'tanh' | 'softplus';

export const ACTIVATIONS: readonly ActivationName[] = ['relu', 'tanh', 'softplus'];

/** h[i] = σ(z[i]) for i in [off, off + n). `h` may alias `z`. */
export function applyActivation(kind: ActivationName, z: Float64Array, h: Float64Array, off: number, n: number): void {
  const end = off + n;
  switch (kind) {
    case 'relu':
      for (let i = off; i < end; i++) { const v = z[i]; h[i] = v > 0 ? v : 0; }
      return;
    case 'tanh':
      for (let i = off; i < end; i++) h[i] = Math.tanh(z[i]);
      return;
    case 'softplus':
      for (let i = off; i < end; i++) h[i] = softplus(z[i]);
      return;
  }
}

/** d[i] = σ'(z[i]). */
export function activationDerivative(kind: ActivationName, z: Float64Array, d: Float64Array, off: number, n: number): void {
  const end = off + n;
  switch (kind) {
    case 'relu':
      for (let i = off; i < end; i++) d[i] = z[i] > 0 ? 1 : 0;
      return;
    case 'tanh':
      for (let i = off; i < end; i++) { const t = Math.tanh(z[i]); d[i] = 1 - t * t; }
      return;
    case 'softplus':
      for (let i = off; i < end; i++) d[i] = logistic(z[i]);
      return;
  }
}

/** d[i] = σ''(z[i]). */
export function activationSecondDerivative(kind: ActivationName, z: Float64Array, d: Float64Array, off: number, n: number): void {
  const end = off + n;
  switch (kind) {
    case 'relu':
      for (let i = off; i < end; i++) d[i] = 0;
      return;
    case 'tanh':
      for (let i = off; i < end; i++) { const t = Math.tanh(z[i]); d[i] = -2 * t * (1 - t * t); }
      return;
    case 'softplus':
      for (let i = off; i < end; i++) { const s = logistic(z[i]); d[i] = s * (1 - s); }
      return;
  }
}

/** Scalar σ, for closed forms and tests. */
export function activation(kind: ActivationName, z: number): number {
  switch (kind) {
    case 'relu': return z > 0 ? z : 0;
    case 'tanh': return Math.tanh(z);
    case 'softplus': return softplus(z);
  }
}

function softplus(z: number): number {
  // Stable for large |z|: log(1 + e^z) = max(z, 0) + log1p(e^{−|z|}).
  return (z > 0 ? z : 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}
