/**
 * The closed-form Hessian norm of the one-hidden-layer network against two
 * oracles that do not use the closed form: a dense eigensolve of the Hessian
 * assembled from the generic R-op (`denseOutputHessian`), and Lanczos on the
 * O(m) operator, whose Ritz values can only undershoot the true norm.
 */
import { describe, expect, it } from 'vitest';
import { symEig } from '../../src/numerics/eig';
import { denseOutputHessian } from '../../src/numerics/hessian';
import { lanczosExtremes } from '../../src/numerics/lanczos';
import { initParams } from '../../src/numerics/mlp';
import { oneLayerHessianNorm, oneLayerHessianOperator, oneLayerNet, oneLayerStats } from '../../src/numerics/oneLayer';
import { createRng } from '../../src/numerics/rng';

describe('oneLayerHessianNorm', () => {
  it.each([1, 2, 7, 30, 120])('equals the dense eigensolve of the generic Hessian (m = %i)', (m) => {
    const rng = createRng(100 + m), net = oneLayerNet(m);
    for (const x of [0.37, -1.3, 2.6]) {
      const w = initParams(net, rng);
      // Larger b than at init too, so the a–a diagonal (p_i) matters for which unit wins.
      if (m === 7) for (let i = m; i < 2 * m; i++) w[i] *= 8;
      const H = denseOutputHessian(net, w, x);
      const ev = symEig(H, 2 * m).values;
      const dense = Math.max(Math.abs(ev[0]), Math.abs(ev[2 * m - 1]));
      const { norm, unit } = oneLayerHessianNorm(w, x);
      expect(Math.abs(norm - dense)).toBeLessThan(1e-12 * dense);
      expect(unit).toBeGreaterThanOrEqual(0);
      expect(unit).toBeLessThan(m);
    }
  });
  it('is never below Lanczos, and 40 Lanczos steps fall short of it at large m (the bias it removes)', () => {
    const rng = createRng(5);
    let shortfall = 0;
    for (const m of [800, 2000]) {
      const w = initParams(oneLayerNet(m), rng), x = 0.9;
      const exact = oneLayerHessianNorm(w, x).norm;
      const lz = lanczosExtremes(oneLayerHessianOperator(w, x), 2 * m, rng, { maxIter: 40, tol: 1e-3 }).norm;
      expect(lz).toBeLessThanOrEqual(exact * (1 + 1e-12));
      expect(exact - lz).toBeLessThan(1e-2 * exact);
      shortfall = Math.max(shortfall, (exact - lz) / exact);
    }
    expect(shortfall).toBeGreaterThan(1e-5);
  });
  it('rejects a parameter vector of odd length', () => {
    expect(() => oneLayerHessianNorm(new Float64Array(3), 1)).toThrow(RangeError);
  });
  it('oneLayerStats reports the exact norm, the exact gradient norm and κ', () => {
    const rng = createRng(11);
    for (const m of [5, 60]) {
      const x = 0.3 + rng.uniform();
      const s = oneLayerStats(m, x, rng);
      expect(s.hessianNorm).toBe(oneLayerHessianNorm(s.params, x).norm);
      let g2 = 0;
      for (let i = 0; i < m; i++) { const t = Math.tanh(s.params[i] * x); g2 += t * t + (s.params[m + i] * (1 - t * t) * x) ** 2; }
      expect(s.gradNorm).toBeCloseTo(Math.sqrt(g2), 12);
      expect(s.kappa).toBeCloseTo(s.hessianNorm / s.gradNorm ** 2, 14);
    }
  });
});
