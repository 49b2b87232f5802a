import { describe, expect, it } from 'vitest';
import { reluNtkInfinite } from '../../src/numerics/analyticNtk';
import { jacobianRows } from '../../src/numerics/backprop';
import { symEig } from '../../src/numerics/eig';
import { createMlp, initParams } from '../../src/numerics/mlp';
import { ntkCross, ntkGram } from '../../src/numerics/ntk';
import { createRng } from '../../src/numerics/rng';
import { dot } from '../../src/numerics/vector';

const fro = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));

describe('empirical NTK', () => {
  it.each([
    { depth: 1, width: 9, activation: 'relu' as const, bias: true },
    { depth: 2, width: 12, activation: 'tanh' as const, bias: false },
    { depth: 3, width: 7, activation: 'softplus' as const, bias: true },
  ])('equals the Gram matrix of the feature maps and is symmetric PSD ($depth × $width $activation)', (spec) => {
    const net = createMlp(spec), w = initParams(net, createRng(spec.width));
    const xs = Float64Array.of(-2.5, -1, 0, 0.3, 1.7, 4);
    const N = xs.length, p = net.size;
    const K = ntkGram(net, w, xs), J = jacobianRows(net, w, xs);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      const g = dot(J.subarray(i * p, (i + 1) * p), J.subarray(j * p, (j + 1) * p));
      expect(Math.abs(K[i * N + j] - g)).toBeLessThan(1e-10 * (1 + Math.abs(g)));
      expect(K[i * N + j]).toBe(K[j * N + i]);
    }
    const ev = symEig(K, N).values;
    expect(ev[N - 1]).toBeGreaterThan(-1e-10 * ev[0]);
    const C = ntkCross(net, w, xs.subarray(0, 4), xs.subarray(4));
    expect(C[1 * 2 + 1]).toBeCloseTo(K[1 * N + 5], 10);
  });
});

describe('analytic infinite-width ReLU NTK', () => {
  it('has the closed-form diagonal L·½(x² + 1/3)/2^(L−1)', () => {
    // Σ₂(x, x) = E[relu(ax + b)²] = ½(x² + 1/3) for a ~ N(0,1), b ~ U(−1,1); each ReLU layer then
    // halves Σ and has Σ̇ = ½ on the diagonal, so Θ_{L+1} = L·Σ₂/2^(L−1).
    const xs = [-3, -0.2, 0, 1, 2.5];
    for (const L of [1, 2, 3, 4]) {
      const K = reluNtkInfinite(xs, { depth: L });
      xs.forEach((x, i) => expect(K[i * xs.length + i]).toBeCloseTo((L * 0.5 * (x * x + 1 / 3)) / 2 ** (L - 1), 6));
    }
  });

  it('first-layer quadrature agrees with Monte Carlo (depth 1: Θ∞ = E[relu(ax+b) relu(ax′+b)])', () => {
    const rng = createRng(8), n = 400_000, pairs = [[-2, 0.5], [0.3, 1.2], [-1, 1], [0.05, -0.07]];
    const K = reluNtkInfinite(pairs.flat(), { depth: 1 });
    pairs.forEach(([x, y], k) => {
      let s = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        const a = rng.normal(), b = 2 * rng.uniform() - 1;
        const v = Math.max(a * x + b, 0) * Math.max(a * y + b, 0);
        s += v; s2 += v * v;
      }
      const mean = s / n, se = Math.sqrt((s2 / n - mean * mean) / n);
      expect(Math.abs(K[(2 * k) * 8 + 2 * k + 1] - mean)).toBeLessThan(5 * se + 1e-6);
    });
  });

  it('without biases reduces to the arc-cosine kernel (depth 1: |x||x′|/2 for equal signs, 0 otherwise)', () => {
    const K = reluNtkInfinite([2, 0.5, -1], { depth: 1, bias: false });
    expect(K[1]).toBeCloseTo(0.5, 12);
    expect(K[2]).toBeCloseTo(0, 12);
  });

  it('is approached by Θ_emp/m as the width grows (depth 2)', () => {
    // Θ_emp/m fluctuates around Θ∞ with relative spread O(1/√m) (measured ≈ 0.3–0.5 at m = 50 and
    // ≈ 0.05 at m = 1000); first-layer and bias terms add only O(1/m). Over 6 seeds:
    // the mean error must fall by more than 2.5× (√20 ≈ 4.5 expected) from m = 50 to 1000, be
    // below 0.12 at m = 1000, and the seed-averaged kernel must be within 6 % of Θ∞.
    const xs = Float64Array.of(-2, -0.5, 0.5, 1, 3);
    const K = reluNtkInfinite(xs, { depth: 2 });
    const errAt = (m: number) => {
      const mean = new Float64Array(K.length);
      let err = 0;
      for (let s = 0; s < 6; s++) {
        const net = createMlp({ depth: 2, width: m }), w = initParams(net, createRng(500 + s));
        const G = ntkGram(net, w, xs).map((v) => v / m);
        err += fro(G.map((v, i) => v - K[i])) / fro(K) / 6;
        G.forEach((v, i) => (mean[i] += v / 6));
      }
      return { err, meanErr: fro(mean.map((v, i) => v - K[i])) / fro(K) };
    };
    const small = errAt(50), large = errAt(1000);
    expect(large.err).toBeLessThan(small.err / 2.5);
    expect(large.err).toBeLessThan(0.12);
    expect(large.meanErr).toBeLessThan(0.06);
  });
});
