/**
 * Claim of `init-functions`: with LeCun initialisation the outputs of randomly
 * initialised networks are O(1) — their variance at each x matches the exact
 * finite-width variance (x² + 1/3)/4 + 1/(2m) — and the 100 networks are
 * different functions.
 */
import { describe, expect, it } from 'vitest';
import { figureData } from './published-data';

interface InitData { networks: number; width: number; x: number[]; mean: number[]; std: number[]; exactVariance: number[]; values: number[][] }

describe('init-functions', () => {
  const d = figureData<InitData>('init-functions', 'init-functions');

  it('sample variance of f(x) at x = −4, −2, 0, 2, 4 is O(1) and within sampling error of the exact variance', () => {
    for (const x of [-4, -2, 0, 2, 4]) {
      const i = d.x.indexOf(x);
      expect(i).toBeGreaterThanOrEqual(0);
      const v = d.std[i] ** 2;
      expect(v).toBeGreaterThan(0.05);
      expect(v).toBeLessThan(10);
      // 100 draws: the sample variance has a relative sd of about √(2/99) ≈ 0.14 for Gaussian
      // outputs; [0.6, 1.6] is roughly ±3 sd.
      expect(v / d.exactVariance[i]).toBeGreaterThan(0.6);
      expect(v / d.exactVariance[i]).toBeLessThan(1.6);
      // The mean is 0 by symmetry: within 4 standard errors.
      expect(Math.abs(d.mean[i])).toBeLessThan((4 * d.std[i]) / Math.sqrt(d.networks));
    }
  });

  it('the networks are different functions: every pair differs by more than 0.01 somewhere', () => {
    expect(d.values).toHaveLength(d.networks);
    let closest = Infinity;
    for (let a = 0; a < d.values.length; a++) {
      for (let b = a + 1; b < d.values.length; b++) {
        closest = Math.min(closest, Math.max(...d.values[a].map((v, n) => Math.abs(v - d.values[b][n]))));
      }
    }
    expect(closest).toBeGreaterThan(0.01);
  });
});
