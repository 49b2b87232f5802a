import { describe, expect, it } from 'vitest';
import { normCdf } from '../../src/numerics/analyticNtk';
import { linearFlow, symEig, symEig2 } from '../../src/numerics/eig';
import { createRng } from '../../src/numerics/rng';
import { fitLine, loglogSlope } from '../../src/numerics/slope';
import { linspace, relativeChange } from '../../src/numerics/vector';

describe('symmetric eigendecomposition', () => {
  it('2×2 closed form satisfies A v = λ v with unit, orthogonal vectors and matches ml-matrix', () => {
    const rng = createRng(4);
    for (let t = 0; t < 200; t++) {
      const a = 3 * rng.normal(), b = t % 10 === 0 ? 0 : rng.normal(), d = t % 7 === 0 ? a : 3 * rng.normal();
      const { values, vectors } = symEig2(a, b, d);
      expect(values[0]).toBeGreaterThanOrEqual(values[1]);
      for (let k = 0; k < 2; k++) {
        const [x, y] = vectors[k];
        expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
        expect(a * x + b * y).toBeCloseTo(values[k] * x, 10);
        expect(b * x + d * y).toBeCloseTo(values[k] * y, 10);
      }
      expect(vectors[0][0] * vectors[1][0] + vectors[0][1] * vectors[1][1]).toBeCloseTo(0, 12);
      const ref = symEig([a, b, b, d], 2).values;
      expect(values[0]).toBeCloseTo(ref[0], 10);
      expect(values[1]).toBeCloseTo(ref[1], 10);
    }
  });

  it('n×n: A V = V Λ with descending eigenvalues', () => {
    const rng = createRng(5), n = 6, A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) A[i * n + j] = A[j * n + i] = rng.normal();
    const { values, vectors } = symEig(A, n);
    for (let k = 0; k < n; k++) {
      if (k > 0) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += A[i * n + j] * vectors[j * n + k];
        expect(s).toBeCloseTo(values[k] * vectors[i * n + k], 10);
      }
    }
  });
});

describe('linearFlow u(t) = e^{−Ht} u(0)', () => {
  it('starts at u0, solves du/dt = −Hu and is a semigroup', () => {
    const H = [3, 1, 1, 2], u0 = [1, -2];
    expect(Array.from(linearFlow(H, 2, u0, 0))).toEqual([expect.closeTo(1, 12), expect.closeTo(-2, 12)]);
    const t = 0.7, h = 1e-5;
    const u = linearFlow(H, 2, u0, t), up = linearFlow(H, 2, u0, t + h), um = linearFlow(H, 2, u0, t - h);
    for (let i = 0; i < 2; i++) {
      const du = (up[i] - um[i]) / (2 * h);
      expect(du).toBeCloseTo(-(H[2 * i] * u[0] + H[2 * i + 1] * u[1]), 7);
    }
    const twice = linearFlow(H, 2, linearFlow(H, 2, u0, 0.3), 0.4);
    expect(twice[0]).toBeCloseTo(u[0], 12);
    expect(twice[1]).toBeCloseTo(u[1], 12);
  });
});

describe('least squares', () => {
  it('recovers an exact line and an exact power law', () => {
    const x = [1, 2, 4, 7], y = x.map((v) => 2.5 * v - 1);
    const f = fitLine(x, y);
    expect(f.slope).toBeCloseTo(2.5, 12);
    expect(f.intercept).toBeCloseTo(-1, 12);
    expect(f.r2).toBeCloseTo(1, 12);
    const m = [5, 20, 100, 2000], g = m.map((v) => 3 * v ** -0.75);
    const p = loglogSlope(m, g);
    expect(p.slope).toBeCloseTo(-0.75, 12);
    expect(10 ** p.intercept).toBeCloseTo(3, 10);
  });

  it('matches the textbook slope on noisy data', () => {
    const x = [0, 1, 2, 3, 4], y = [1, 3, 2, 5, 4];
    // Σ(x−2)(y−3) = 4 + 0 + 0 + 2 + 2 = 8, Σ(x−2)² = 10.
    expect(fitLine(x, y).slope).toBeCloseTo(0.8, 12);
  });
});

describe('helpers', () => {
  it('normCdf matches tabulated values', () => {
    expect(normCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normCdf(-3)).toBeCloseTo(0.0013498980316300946, 15);
    expect(normCdf(-6) / 9.865876450376946e-10).toBeCloseTo(1, 12);
    expect((1 - normCdf(7)) / 1.279812543885835e-12).toBeCloseTo(1, 3); // 1 − Φ(7) loses digits to rounding near 1
    expect(normCdf(-7) / 1.279812543885835e-12).toBeCloseTo(1, 12);
  });
  it('linspace and relativeChange', () => {
    const g = linspace(-5, 5, 1001);
    expect(g[0]).toBe(-5); expect(g[1000]).toBe(5); expect(g[500]).toBeCloseTo(0, 14);
    expect(relativeChange([3, 4], [0, 5])).toBeCloseTo(Math.sqrt(10) / 5, 14);
  });
});
