/**
 * Exact derivatives against central finite differences. Step h = 1e-6 for
 * gradients (truncation O(h²)·f''' ≈ 1e-12, rounding ≈ 1e-16/h ≈ 1e-10), so
 * agreement to 1e-6 relative is a strong check; HVPs difference the exact
 * gradient with h = 1e-5 (error O(h²) ≈ 1e-10 plus rounding ≈ 1e-11/h).
 * ReLU is piecewise smooth: at random parameters no pre-activation lies
 * within h of a kink (probability ~1e-6 per unit), so FD is valid there too.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, type ActivationName } from '../../src/numerics/activation';
import { jacobianRows, vjp } from '../../src/numerics/backprop';
import { outputHvp } from '../../src/numerics/hvp';
import { createMlp, initParams } from '../../src/numerics/mlp';
import { oneLayerNet } from '../../src/numerics/oneLayer';
import { createRng } from '../../src/numerics/rng';
import { dot } from '../../src/numerics/vector';
import { fdGradient, fdHvp, maxAbs, maxAbsDiff } from './helpers';

const shapes: { depth: number; width: number; activation: ActivationName; bias: boolean }[] = [];
for (const activation of ACTIVATIONS) {
  shapes.push({ depth: 1, width: 7, activation, bias: true });
  shapes.push({ depth: 2, width: 5, activation, bias: true });
  shapes.push({ depth: 3, width: 9, activation, bias: false });
  shapes.push({ depth: 2, width: 1, activation, bias: true });
}

describe.each(shapes)('network depth $depth width $width $activation bias $bias', (spec) => {
  const net = createMlp(spec);
  const rng = createRng(1000 * spec.depth + spec.width + (spec.bias ? 1 : 0));
  const w = initParams(net, rng);
  const xs = Float64Array.of(-1.3, 0.4, 2.2);
  const cot = [0.7, -1.1, 0.5];

  it('vjp matches finite differences on every parameter', () => {
    const g = vjp(net, w, xs, cot);
    const idx = Array.from({ length: net.size }, (_, i) => i);
    const fd = fdGradient(net, w, xs, cot, idx);
    expect(maxAbsDiff(g, fd)).toBeLessThan(1e-6 * (1 + maxAbs(g)));
  });

  it('Jacobian rows are the per-input gradients', () => {
    const J = jacobianRows(net, w, xs);
    const idx = Array.from({ length: net.size }, (_, i) => i);
    for (let n = 0; n < xs.length; n++) {
      const fd = fdGradient(net, w, xs.subarray(n, n + 1), [1], idx);
      const row = J.subarray(n * net.size, (n + 1) * net.size);
      expect(maxAbsDiff(row, fd)).toBeLessThan(1e-6 * (1 + maxAbs(row)));
    }
  });

  it('Hessian-vector products match finite differences of the gradient and are symmetric', () => {
    const v = new Float64Array(net.size).map(() => rng.normal());
    const u = new Float64Array(net.size).map(() => rng.normal());
    const Hv = outputHvp(net, w, xs, cot, v);
    const fd = fdHvp(net, w, xs, cot, v);
    expect(maxAbsDiff(Hv, fd)).toBeLessThan(1e-5 * (1 + maxAbs(Hv)));
    const Hu = outputHvp(net, w, xs, cot, u);
    const a = dot(u, Hv), b = dot(v, Hu);
    expect(Math.abs(a - b)).toBeLessThan(1e-10 * (Math.abs(a) + Math.abs(b) + 1));
    // Non-trivial: the Hessian of a multi-layer network is not zero, even for ReLU.
    if (spec.depth > 1 || spec.activation !== 'relu') expect(maxAbs(Hv)).toBeGreaterThan(1e-3);
  });
});

describe('one-hidden-layer closed form', () => {
  it('R-op HVP equals the closed-form Hessian blocks b σ″ x², σ′ x, 0', () => {
    const m = 13, net = oneLayerNet(m), rng = createRng(5);
    const w = initParams(net, rng), x = 0.83;
    const v = new Float64Array(2 * m).map(() => rng.normal());
    const Hv = outputHvp(net, w, Float64Array.of(x), [1], v);
    for (let i = 0; i < m; i++) {
      const a = w[i], b = w[m + i], t = Math.tanh(a * x);
      const d1 = 1 - t * t, d2 = -2 * t * d1;
      // Row a_i: (b_i σ''(a_i x) x²) v_a + (σ'(a_i x) x) v_b; row b_i: (σ'(a_i x) x) v_a.
      expect(Hv[i]).toBeCloseTo(b * d2 * x * x * v[i] + d1 * x * v[m + i], 12);
      expect(Hv[m + i]).toBeCloseTo(d1 * x * v[i], 12);
    }
  });
});

describe('larger batches (the blocked kernels take over from 8 inputs on)', () => {
  it('vjp, HVP and NTK on 11 inputs agree with finite differences and with per-input sums', async () => {
    const { ntkGram } = await import('../../src/numerics/ntk');
    const net = createMlp({ depth: 3, width: 10, activation: 'softplus' }), rng = createRng(99);
    const w = initParams(net, rng), N = 11, p = net.size;
    const xs = Float64Array.from({ length: N }, (_, i) => -3 + 0.6 * i);
    const cot = Array.from({ length: N }, (_, i) => Math.cos(i));
    const g = vjp(net, w, xs, cot);
    const fd = fdGradient(net, w, xs, cot, Array.from({ length: p }, (_, i) => i));
    expect(maxAbsDiff(g, fd)).toBeLessThan(1e-6 * (1 + maxAbs(g)));
    const v = new Float64Array(p).map(() => rng.normal());
    const Hv = outputHvp(net, w, xs, cot, v);
    expect(maxAbsDiff(Hv, fdHvp(net, w, xs, cot, v))).toBeLessThan(1e-5 * (1 + maxAbs(Hv)));
    const sum = new Float64Array(p);
    for (let n = 0; n < N; n++) {
      const h = outputHvp(net, w, xs.subarray(n, n + 1), [cot[n]], v);
      for (let i = 0; i < p; i++) sum[i] += h[i];
    }
    expect(maxAbsDiff(Hv, sum)).toBeLessThan(1e-10 * (1 + maxAbs(Hv)));
    const K = ntkGram(net, w, xs), J = jacobianRows(net, w, xs);
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
      const ref = dot(J.subarray(i * p, (i + 1) * p), J.subarray(j * p, (j + 1) * p));
      expect(Math.abs(K[i * N + j] - ref)).toBeLessThan(1e-10 * (1 + Math.abs(ref)));
    }
  });
});
