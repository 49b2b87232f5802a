/**
 * Claims of the spectral-bias figures, on the published data: the residual
 * on the training points, split into the eigenspaces of the infinite-width
 * NTK Gram matrix (frequency pairs on the circle), shrinks at frequency k by
 * (1 − ηλ_k) per step, so low frequencies are learned first (Rahaman et al.
 * 2019; Basri et al. 2019).
 *
 * Tolerances (stated in the article): the measured fraction left at each
 * target frequency stays within 0.03 (3 % of its start) of (1 − ηλ_k)^n at
 * every step; within 0.05 of the gradient-flow form e^{−ηλ_k n} wherever
 * ηλ_k < 0.2 (the two forms differ by O(ηλ_k)). The general eigensolver and
 * the circulant formula give the same spectrum to 1e-8 relative.
 */
import { describe, expect, it } from 'vitest';
import { figureData } from './published-data';

interface SpectralData {
  points: number;
  target: { k: number; amplitude: number; phase: number }[];
  lr: number;
  steps: number;
  lambdaCirculant: number[];
  lambdaSymEig: number[];
  residualNorms: Record<string, number[]>;
}

describe('spectral-bias (published data)', () => {
  const d = figureData<SpectralData>('spectral-decay', 'spectral-bias');
  const ks = d.target.map((t) => t.k).sort((a, b) => a - b);
  const ratio = (k: number) => d.residualNorms[k].map((v, _, a) => v / a[0]);

  it('the eigensolver’s spectrum is the circulant one: one eigenvalue per frequency, pairs for 0 < k < N/2', () => {
    const N = d.points, lam = d.lambdaCirculant;
    const expected = [lam[0], lam[N / 2]];
    for (let k = 1; k < N / 2; k++) expected.push(lam[k], lam[k]);
    expected.sort((a, b) => b - a);
    d.lambdaSymEig.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-8 * lam[0]));
    // Eigenvalues fall with frequency over the target's range.
    for (let k = 1; k <= Math.max(...ks); k++) expect(lam[k]).toBeLessThan(lam[k - 1]);
  });

  it('each target frequency’s residual follows (1 − ηλ_k)^n within 0.03 at every step', () => {
    for (const k of ks) {
      const r = ratio(k), q = 1 - d.lr * d.lambdaCirculant[k];
      const worst = Math.max(...r.map((v, n) => Math.abs(v - q ** n)));
      expect(worst, `k = ${k}`).toBeLessThan(0.03);
    }
  });

  it('and e^{−ηλ_k n} within 0.05 where ηλ_k < 0.2', () => {
    const slow = ks.filter((k) => d.lr * d.lambdaCirculant[k] < 0.2);
    expect(slow.length).toBeGreaterThanOrEqual(2);
    for (const k of slow) {
      const r = ratio(k), a = d.lr * d.lambdaCirculant[k];
      expect(Math.max(...r.map((v, n) => Math.abs(v - Math.exp(-a * n)))), `k = ${k}`).toBeLessThan(0.05);
    }
  });

  it('lower frequencies are learned first: the step where 90 % of a component is gone grows with k', () => {
    const when = ks.map((k) => ratio(k).findIndex((v) => v < 0.1));
    when.forEach((n) => expect(n).toBeGreaterThan(0));
    for (let i = 1; i < when.length; i++) expect(when[i]).toBeGreaterThan(when[i - 1]);
  });
});
