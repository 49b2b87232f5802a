import { describe, expect, it } from 'vitest';
import { symEig } from '../../src/numerics/eig';
import { denseFromOperator } from '../../src/numerics/denseHessian';
import { denseOutputHessian, outputHessianNorm, outputHessianOperator } from '../../src/numerics/hessian';
import { lanczosExtremes, powerIterationNorm } from '../../src/numerics/lanczos';
import { createMlp, initParams } from '../../src/numerics/mlp';
import { oneLayerNet } from '../../src/numerics/oneLayer';
import { createRng } from '../../src/numerics/rng';

describe('Hessian spectral norm', () => {
  it.each([
    { depth: 1, width: 6, activation: 'tanh' as const, bias: false },
    { depth: 2, width: 5, activation: 'softplus' as const, bias: true },
    { depth: 2, width: 8, activation: 'relu' as const, bias: true },
    { depth: 3, width: 4, activation: 'tanh' as const, bias: true },
  ])('Lanczos and power iteration agree with a dense eigensolve (depth $depth, width $width, $activation)', (spec) => {
    const net = createMlp(spec), rng = createRng(spec.width * 31 + spec.depth);
    const w = initParams(net, rng), x = 0.7;
    const H = denseOutputHessian(net, w, x);
    const p = net.size;
    // The dense matrix is itself an oracle-checked object: symmetric by construction of the R-op.
    const ev = symEig(H, p).values;
    const dense = Math.max(Math.abs(ev[0]), Math.abs(ev[p - 1]));
    const lz = outputHessianNorm(net, w, x, rng, { maxIter: p });
    expect(lz.max).toBeCloseTo(ev[0], 9);
    expect(lz.min).toBeCloseTo(ev[p - 1], 9);
    expect(Math.abs(lz.norm - dense)).toBeLessThan(1e-9 * dense);
    const pw = powerIterationNorm(outputHessianOperator(net, w, x), p, rng, { maxIter: 20000, tol: 1e-13 });
    expect(Math.abs(pw.norm - dense)).toBeLessThan(1e-6 * dense);
  });

  it('matches the closed form of the one-hidden-layer network at width 2000', () => {
    // After permuting (a_i, b_i) together the Hessian is block diagonal with
    // 2×2 blocks [[b σ''(a x) x², σ'(a x) x], [σ'(a x) x, 0]], so the norm is
    // the largest |p/2| + sqrt(p²/4 + q²) over units.
    const m = 2000, net = oneLayerNet(m), rng = createRng(77);
    const w = initParams(net, rng), x = -1.1;
    let exact = 0;
    for (let i = 0; i < m; i++) {
      const t = Math.tanh(w[i] * x), d1 = 1 - t * t;
      const pp = w[m + i] * -2 * t * d1 * x * x, q = d1 * x;
      exact = Math.max(exact, Math.abs(pp / 2) + Math.sqrt((pp * pp) / 4 + q * q));
    }
    const lz = outputHessianNorm(net, w, x, rng, { maxIter: 80 });
    // The top of this spectrum is a tight cluster (every unit with a_i x ≈ 0 gives ≈ |x|),
    // so Lanczos converges slowly; 80 steps give the norm to better than 0.2 %.
    expect(Math.abs(lz.norm / exact - 1)).toBeLessThan(2e-3);
    expect(lz.norm).toBeLessThanOrEqual(exact * (1 + 1e-12)); // Ritz values never overshoot
  });

  it('Lanczos finds both ends of a known diagonal spectrum', () => {
    const d = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i) * (1 + i / 100));
    const r = lanczosExtremes((v, out) => { for (let i = 0; i < v.length; i++) out[i] = d[i] * v[i]; }, d.length, createRng(2), { maxIter: 120 });
    expect(r.max).toBeCloseTo(Math.max(...d), 8);
    expect(r.min).toBeCloseTo(Math.min(...d), 8);
  });

  it('refuses to assemble a large dense Hessian', () => {
    const net = createMlp({ depth: 2, width: 50 });
    const w = initParams(net, createRng(1));
    expect(() => denseOutputHessian(net, w, 0.3)).toThrow(/refusing a dense/);
    expect(() => denseFromOperator(() => {}, 5000)).toThrow(RangeError);
  });
});
