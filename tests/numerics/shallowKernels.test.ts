/**
 * Infinite-width kernels of the shallow network, against Monte Carlo:
 * the arc-cosine expectations against sampled Gaussian pairs, the NNGP
 * kernel against the covariance of many random networks, and the NTK
 * against the empirical kernel of one very wide network. Tolerances are
 * 4–5 standard errors of each estimate (stated per test).
 */
import { describe, expect, it } from 'vitest';
import { arcCosine, createRng, symEig, createShallow, initShallow, shallowForward, shallowKernels, shallowNtk } from '../../src/numerics';

describe('arc-cosine kernels', () => {
  it.each([[1, 1, 0.3], [2, 0.5, -0.6], [1.5, 1.5, 1.5], [1, 2, 0]])('match Monte Carlo for k11=%f, k22=%f, k12=%f', (k11, k22, k12) => {
    const rng = createRng(7), S = 200_000;
    // u = √k11 g1, u' = (k12/√k11) g1 + √(k22 − k12²/k11) g2.
    const a = Math.sqrt(k11), b = k12 / a, c = Math.sqrt(Math.max(0, k22 - b * b));
    let sr = 0, sr2 = 0, ss = 0;
    for (let i = 0; i < S; i++) {
      const g1 = rng.normal(), g2 = rng.normal(), u = a * g1, v = b * g1 + c * g2;
      const r = Math.max(0, u) * Math.max(0, v);
      sr += r; sr2 += r * r; ss += u > 0 && v > 0 ? 1 : 0;
    }
    const mr = sr / S, se = Math.sqrt((sr2 / S - mr * mr) / S), ps = ss / S;
    const e = arcCosine(k11, k22, k12);
    expect(Math.abs(e.relu - mr)).toBeLessThan(5 * se + 1e-12);
    expect(Math.abs(e.step - ps)).toBeLessThan(5 * Math.sqrt(ps * (1 - ps) / S) + 1e-12);
  });
});

describe('shallow network kernels', () => {
  const xs = Float64Array.from([-2, -0.5, 0, 0.8, 1.7]);

  it('NNGP: the covariance of f over 4000 random networks is K within 4.5 standard errors per entry', () => {
    const net = createShallow({ width: 50, biasStd: 0.7 });
    const rng = createRng(21), R = 4000, N = xs.length;
    const s1 = new Float64Array(N * N), s2 = new Float64Array(N * N);
    const w = new Float64Array(net.size);
    for (let r = 0; r < R; r++) {
      const f = shallowForward(net, initShallow(net, rng, w), xs);
      for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) { const p = f[i] * f[j]; s1[i * N + j] += p; s2[i * N + j] += p * p; }
    }
    const { nngp } = shallowKernels(net, xs, xs);
    for (let k = 0; k < N * N; k++) {
      // E[f] = 0 exactly (v is symmetric), so E[f f'] is the covariance.
      const m = s1[k] / R, se = Math.sqrt((s2[k] / R - m * m) / R);
      expect(Math.abs(nngp[k] - m), `entry ${k}`).toBeLessThan(4.5 * se);
    }
  });

  it('NTK: the empirical kernel of one width-40000 network is within 4 % of Θ∞ (fluctuations ≈ 1 %), in d = 1 and d = 2', () => {
    for (const d of [1, 2]) {
      const net = createShallow({ width: 40000, inputDim: d, weightStd: 1.2, biasStd: 0.5 });
      const rng = createRng(4 + d);
      const x = Float64Array.from({ length: 4 * d }, () => rng.normal());
      const emp = shallowNtk(net, initShallow(net, rng), x, x);
      const { ntk } = shallowKernels(net, x, x);
      let err = 0, norm = 0;
      for (let k = 0; k < ntk.length; k++) { err += (emp[k] - ntk[k]) ** 2; norm += ntk[k] ** 2; }
      expect(Math.sqrt(err / norm)).toBeLessThan(0.04);
    }
  });

  it('kernels are symmetric in their arguments and Θ ⪰ K (the hidden-layer terms add a PSD part)', () => {
    const net = createShallow({ width: 1 });
    const a = Float64Array.from([0.3, -1.2]), b = Float64Array.from([2, 0.1, -0.4]);
    const ab = shallowKernels(net, a, b), ba = shallowKernels(net, b, a);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) {
      expect(ab.ntk[i * 3 + j]).toBeCloseTo(ba.ntk[j * 2 + i], 14);
      expect(ab.nngp[i * 3 + j]).toBeCloseTo(ba.nngp[j * 2 + i], 14);
    }
    const x = Float64Array.from([-2, -0.3, 0.4, 1.1, 2.5]), { ntk, nngp } = shallowKernels(net, x, x);
    const diff = ntk.map((v, k) => v - nngp[k]);
    for (const l of symEig(diff, 5).values) expect(l).toBeGreaterThan(-1e-12);
  });
});
