/**
 * Claims of the Hessian heatmap, checked on the published matrix (assembled
 * from exact Hessian-vector products): with parameters ordered (a, b),
 * the b–b block is exactly zero, the a–b and a–a blocks are diagonal (their
 * off-diagonal entries exactly zero: unit i involves only a_i and b_i, and
 * the R-op multiplies by exact zeros), and the diagonals are the article's
 * closed forms b_i tanh''(a_i x) x² and tanh'(a_i x) x (to rounding, 1e-12).
 * Also: the matrix with its block rows swapped is lower triangular.
 */
import { describe, expect, it } from 'vitest';
import { figureData } from './published-data';

interface HessianData { units: number; x: number; a: number[]; b: number[]; hessian: number[][] }

const data = () => figureData<HessianData>('hessian-heatmap', 'hessian');

describe('hessian-heatmap (published data)', () => {
  it('is a small 2m×2m symmetric matrix (m between 4 and 32)', () => {
    const d = data(), n = 2 * d.units;
    expect(d.units).toBeGreaterThanOrEqual(4);
    expect(d.units).toBeLessThanOrEqual(32);
    expect(d.hessian).toHaveLength(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(d.hessian[i][j]).toBe(d.hessian[j][i]);
  });
  it('b–b block is exactly zero; a–a and a–b blocks are diagonal (off-diagonal entries exactly zero)', () => {
    const d = data(), m = d.units, H = d.hessian;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) {
      expect(Math.abs(H[m + i][m + j])).toBe(0);
      if (i !== j) {
        expect(Math.abs(H[i][j])).toBe(0);
        expect(Math.abs(H[i][m + j])).toBe(0);
      }
    }
  });
  it('the diagonals are b_i tanh″(a_i x) x² (a–a) and tanh′(a_i x) x (a–b), and the mixed ones are not small', () => {
    const d = data(), m = d.units, H = d.hessian, x = d.x;
    let largestMixed = 0;
    for (let i = 0; i < m; i++) {
      const t = Math.tanh(d.a[i] * x), s = 1 - t * t;
      expect(H[i][i]).toBeCloseTo(d.b[i] * -2 * t * s * x * x, 12);
      expect(H[i][m + i]).toBeCloseTo(s * x, 12);
      largestMixed = Math.max(largestMixed, Math.abs(H[i][m + i]));
    }
    // The a–b entries are O(1): with m ≥ 4 draws of a ~ N(0, 1), some |a_i x| is small and tanh′ ≈ 1.
    expect(largestMixed).toBeGreaterThan(0.5 * Math.abs(x));
  });
  it('with its block rows swapped the matrix is lower triangular', () => {
    const d = data(), m = d.units, n = 2 * m;
    const P = [...d.hessian.slice(m), ...d.hessian.slice(0, m)];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(Math.abs(P[i][j])).toBe(0);
  });
});
