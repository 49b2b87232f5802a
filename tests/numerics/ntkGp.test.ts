/**
 * The infinite-width predictions (src/numerics/ntkGp.ts) against closed forms
 * and Monte Carlo: limits t = 0 and t → ∞, the schedules' gains, the
 * eigen-decomposition they rest on, and the predictive mean and variance
 * against the sample moments of kernelPrediction over f0 drawn from the NNGP.
 */
import { describe, expect, it } from 'vitest';
import {
  circulantEigenvalues, createRng, createShallow, fourierComponentNorms, gradientDescentSteps, gradientFlow, kernelGain,
  kernelPrediction, ntkGpMoments, shallowKernels, symEig,
} from '../../src/numerics';
import { maxAbs, maxAbsDiff } from './helpers';

const net = createShallow({ width: 1, biasStd: 0.6 });
const X = Float64Array.from([-1.8, -1, -0.2, 0.5, 1.3, 2]);
const Ys = Float64Array.from([0.4, -0.3, 0.9, 0.2, -0.6, 0.1]);
const T = Float64Array.from([-2.2, -0.6, 0.5, 1.7]);
const N = X.length;

function kernels() {
  const xx = shallowKernels(net, X, X), tx = shallowKernels(net, T, X), tt = shallowKernels(net, T, T);
  return { thetaXX: xx.ntk, thetaTX: tx.ntk, kXX: xx.nngp, kTX: tx.nngp, kTT: T.map((_, i) => tt.nngp[i * T.length + i]), ys: Ys };
}

describe('eigen-decomposition of a Gram matrix', () => {
  it('reconstructs the matrix: U diag(λ) Uᵀ = Θ and Uᵀ U = I', () => {
    const { thetaXX } = kernels(), { values, vectors } = symEig(thetaXX, N);
    const R = new Float64Array(N * N), I = new Float64Array(N * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let k = 0; k < N; k++) {
      R[i * N + j] += vectors[i * N + k] * values[k] * vectors[j * N + k];
      I[i * N + j] += vectors[k * N + i] * vectors[k * N + j];
    }
    expect(maxAbsDiff(R, thetaXX)).toBeLessThan(1e-12 * maxAbs(thetaXX));
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) expect(Math.abs(I[i * N + j] - (i === j ? 1 : 0))).toBeLessThan(1e-12);
  });

  it('on equally spaced points of the circle the NTK Gram matrix is circulant: eigenvalues are the DFT of a row, eigenvectors sinusoids', () => {
    const M = 16, circ = createShallow({ width: 1, inputDim: 2, biasStd: 0.5 });
    const pts = new Float64Array(2 * M);
    for (let i = 0; i < M; i++) { pts[2 * i] = Math.cos((2 * Math.PI * i) / M); pts[2 * i + 1] = Math.sin((2 * Math.PI * i) / M); }
    const { ntk } = shallowKernels(circ, pts, pts);
    const lam = circulantEigenvalues(ntk.subarray(0, M));
    const eig = symEig(ntk, M);
    // Every frequency 1 … M/2 − 1 is a pair of equal eigenvalues; 0 and M/2 are single.
    const expected = [lam[0], lam[M / 2]];
    for (let k = 1; k < M / 2; k++) expected.push(lam[k], lam[k]);
    expected.sort((a, b) => b - a);
    expect(maxAbsDiff(eig.values, expected)).toBeLessThan(1e-12 * lam[0]);
    // A sampled cosine of frequency 3 is an eigenvector with eigenvalue λ_3, and lives only at k = 3.
    const u = Float64Array.from({ length: M }, (_, i) => Math.cos((2 * Math.PI * 3 * i) / M));
    const Cu = new Float64Array(M);
    for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) Cu[i] += ntk[i * M + j] * u[j];
    expect(maxAbsDiff(Cu, u.map((v) => lam[3] * v))).toBeLessThan(1e-12 * lam[0]);
    const comps = fourierComponentNorms(u);
    expect(comps[3]).toBeCloseTo(Math.sqrt(M / 2), 12);
    expect(maxAbs(comps.filter((_, k) => k !== 3))).toBeLessThan(1e-12);
  });
});

describe('schedules', () => {
  it('gains are (1 − D(λ))/λ, with the right λ → 0 limit', () => {
    for (const s of [gradientFlow(0.1, 37), gradientDescentSteps(0.1, 37)]) {
      for (const l of [1e-3, 0.5, 3, 15]) expect(s.gain(l)).toBeCloseTo((1 - s.residual(l)) / l, 12);
      expect(s.gain(0)).toBeCloseTo(3.7, 12);
      expect(s.gain(1e-14)).toBeCloseTo(3.7, 10);
    }
    // Small steps: gradient descent approaches gradient flow at the same time ηn.
    expect(Math.abs(gradientDescentSteps(1e-4, 37000).residual(2) - gradientFlow(1e-4, 37000).residual(2))).toBeLessThan(1e-4);
  });

  it('kernelGain at t → ∞ is Θ⁻¹', () => {
    const { thetaXX } = kernels(), G = kernelGain(thetaXX, N, gradientFlow(1, 1e9));
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += G[i * N + k] * thetaXX[k * N + j];
      expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-8);
    }
  });
});

describe('NTK-GP predictive moments (Lee et al. 2019)', () => {
  it('at t = 0 are the prior: mean 0, variance K(x, x)', () => {
    const k = kernels(), g = ntkGpMoments(k, gradientFlow(0.1, 0));
    expect(maxAbs(g.mean)).toBe(0);
    expect(maxAbsDiff(g.variance, k.kTT)).toBeLessThan(1e-14);
  });

  it('at t → ∞ interpolate: at the training inputs mean = Y and variance = 0', () => {
    const k = kernels(), xx = shallowKernels(net, X, X);
    const g = ntkGpMoments({ ...k, thetaTX: xx.ntk, kTX: xx.nngp, kTT: X.map((_, i) => xx.nngp[i * N + i]) }, gradientFlow(1, 1e9));
    expect(maxAbsDiff(g.mean, Ys)).toBeLessThan(1e-8);
    expect(maxAbs(g.variance)).toBeLessThan(1e-8);
  });

  it('equal the sample mean and variance of f_t over 20000 initial functions f0 ~ GP(0, K), within 4.5 standard errors', () => {
    const k = kernels(), sched = gradientDescentSteps(0.05, 60);
    // Joint prior of f0 on [X; T]: Cholesky of the NNGP Gram matrix.
    const all = Float64Array.from([...X, ...T]), A = all.length, C = shallowKernels(net, all, all).nngp;
    const L = new Float64Array(A * A);
    for (let i = 0; i < A; i++) for (let j = 0; j <= i; j++) {
      let s = C[i * A + j];
      for (let q = 0; q < j; q++) s -= L[i * A + q] * L[j * A + q];
      L[i * A + j] = i === j ? Math.sqrt(Math.max(s, 1e-14)) : s / L[j * A + j];
    }
    const rng = createRng(2), R = 20000, nT = T.length;
    const s1 = new Float64Array(nT), s2 = new Float64Array(nT), g = new Float64Array(A), f = new Float64Array(A);
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < A; i++) g[i] = rng.normal();
      f.fill(0);
      for (let i = 0; i < A; i++) for (let j = 0; j <= i; j++) f[i] += L[i * A + j] * g[j];
      const ft = kernelPrediction({ thetaXX: k.thetaXX, thetaTX: k.thetaTX, ys: Ys, f0X: f.subarray(0, N), f0T: f.subarray(N) }, sched);
      for (let t = 0; t < nT; t++) { s1[t] += ft[t]; s2[t] += ft[t] * ft[t]; }
    }
    const gp = ntkGpMoments(k, sched);
    for (let t = 0; t < nT; t++) {
      const m = s1[t] / R, v = s2[t] / R - m * m;
      expect(Math.abs(m - gp.mean[t]), `mean at ${T[t]}`).toBeLessThan(4.5 * Math.sqrt(v / R));
      // SE of a Gaussian sample variance: v √(2/R).
      expect(Math.abs(v - gp.variance[t]), `variance at ${T[t]}`).toBeLessThan(4.5 * gp.variance[t] * Math.sqrt(2 / R));
    }
  });
});
