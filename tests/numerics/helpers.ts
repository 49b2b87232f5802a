/** Shared oracles for the numerics tests: central finite differences. */
import { forwardBatch } from '../../src/numerics/forward';
import { vjp } from '../../src/numerics/backprop';
import type { Mlp } from '../../src/numerics/mlp';

/** ∂/∂w_i of Σ_n c_n f(x_n, w) by central differences, for the listed indices. */
export function fdGradient(net: Mlp, w: Float64Array, xs: Float64Array, cot: number[], indices: number[], h = 1e-6): number[] {
  const p = Float64Array.from(w);
  const F = () => { const y = forwardBatch(net, p, xs); let s = 0; for (let n = 0; n < xs.length; n++) s += cot[n] * y[n]; return s; };
  return indices.map((i) => {
    const w0 = p[i];
    p[i] = w0 + h; const a = F();
    p[i] = w0 - h; const b = F();
    p[i] = w0;
    return (a - b) / (2 * h);
  });
}

/** H·v by central differences of the exact gradient along v. */
export function fdHvp(net: Mlp, w: Float64Array, xs: Float64Array, cot: number[], v: Float64Array, h = 1e-5): Float64Array {
  const plus = vjp(net, w.map((x, i) => x + h * v[i]), xs, cot);
  const minus = vjp(net, w.map((x, i) => x - h * v[i]), xs, cot);
  return plus.map((x, i) => (x - minus[i]) / (2 * h));
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
