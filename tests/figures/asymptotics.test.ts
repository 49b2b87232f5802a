/**
 * What the asymptotics figure relies on: numerics' closed-form one-layer HVP against
 * numerics' generic R-op, the Lanczos norm against the closed-form norm of
 * the block-diagonal Hessian, the log-scale helpers, and the param schema.
 */
import { describe, expect, it } from 'vitest';
import asymptotics, { asymptoticsParams } from '../../figures/ntk/asymptotics.figure';
import { logDomain, logSpacedWidths, logSummary } from '../../figures/shared/logScale';
import { createRng, initParams, oneLayerHessianOperator, oneLayerNet, oneLayerStats, outputHvp, symEig2 } from '../../src/numerics';
import type { OutputWriter } from '../../src/pipeline/contract';

/** ‖∇²y‖₂ exactly: after pairing (a_i, b_i) the Hessian is block diagonal with 2×2 blocks [[b σ'' x², σ' x], [σ' x, 0]]. */
function closedFormNorm(w: Float64Array, x: number): number {
  const m = w.length / 2;
  let best = 0;
  for (let i = 0; i < m; i++) {
    const t = Math.tanh(w[i] * x), s = 1 - t * t;
    const { values } = symEig2(w[m + i] * -2 * t * s * x * x, s * x, 0);
    best = Math.max(best, Math.abs(values[0]), Math.abs(values[1]));
  }
  return best;
}

describe('one-layer Hessian-vector product and norm', () => {
  it('the O(m) HVP equals the generic Pearlmutter R-op', () => {
    const rng = createRng(7);
    for (const m of [1, 6, 300]) {
      const net = oneLayerNet(m), w = initParams(net, rng), x = rng.normal();
      const v = Float64Array.from({ length: 2 * m }, () => rng.normal());
      const generic = outputHvp(net, w, Float64Array.of(x), [1], v, new Float64Array(2 * m));
      const fast = new Float64Array(2 * m);
      oneLayerHessianOperator(w, x)(v, fast);
      for (let i = 0; i < 2 * m; i++) expect(fast[i]).toBeCloseTo(generic[i], 13);
    }
  });
  it('Lanczos norm matches the closed form to 3e-3 relative; gradient norm matches its closed form', () => {
    const rng = createRng(11);
    for (const m of [5, 60, 800]) {
      const x = 0.3 + rng.uniform();
      const s = oneLayerStats(m, x, rng, { maxIter: 40, tol: 1e-3 });
      const exact = closedFormNorm(s.params, x);
      expect(Math.abs(s.hessianNorm - exact) / exact).toBeLessThan(3e-3);
      expect(s.hessianNorm).toBeLessThanOrEqual(exact * (1 + 1e-12)); // Ritz values never overshoot
      let g2 = 0;
      for (let i = 0; i < m; i++) { const t = Math.tanh(s.params[i] * x); g2 += t * t + (s.params[m + i] * (1 - t * t) * x) ** 2; }
      expect(s.gradNorm).toBeCloseTo(Math.sqrt(g2), 12);
      expect(s.kappa).toBeCloseTo(s.hessianNorm / s.gradNorm ** 2, 14);
    }
  });
});

describe('log-scale helpers', () => {
  it('logSpacedWidths: endpoints, strictly increasing, near-constant ratio', () => {
    const w = logSpacedWidths(5, 2000, 10);
    expect(w[0]).toBe(5);
    expect(w[w.length - 1]).toBe(2000);
    expect(w).toHaveLength(10);
    for (let i = 1; i < w.length; i++) expect(w[i] / w[i - 1]).toBeCloseTo(400 ** (1 / 9), 0);
    expect(logSpacedWidths(1, 3, 10)).toEqual([1, 2, 3]); // rounding duplicates dropped
    expect(() => logSpacedWidths(5, 5, 3)).toThrow();
  });
  it('logSummary: geometric mean and ±1 sd of log10', () => {
    const s = logSummary([1, 100]);
    expect(s.geoMean).toBeCloseTo(10, 12);
    expect(s.sdLog10).toBeCloseTo(Math.SQRT2, 12);
    expect(s.lo * s.hi).toBeCloseTo(100, 10);
    expect(() => logSummary([1, -1])).toThrow();
  });
  it('logDomain: whole decades covering the data, at least minDecades', () => {
    expect(logDomain([1.5, 29])).toEqual([1, 100]);
    expect(logDomain([1.05, 1.1], 2)).toEqual([1, 100]); // the extra decade goes on top first
    expect(logDomain([1.05, 1.1], 3)).toEqual([0.1, 100]);
    expect(logDomain([0.0013, 0.97])).toEqual([0.001, 1]);
  });
});

describe('asymptotics figure', () => {
  it('rejects invalid params', () => {
    expect(asymptoticsParams.safeParse({ minWidth: -5 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ minWidth: 50, maxWidth: 20 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ seeds: 0 }).success).toBe(false);
    expect(asymptoticsParams.safeParse({ x: 0 }).success).toBe(false);
    expect(asymptoticsParams.parse({}).maxWidth).toBe(2000);
  });
  it('renders three images whose captions quote the params, and the data slopes', async () => {
    const images: Record<string, string> = {};
    let data: { widths: number[]; slopes: Record<string, number>; gradNorm: number[][] } | undefined;
    const out: OutputWriter = {
      image: (id, png, meta) => { expect(png.length).toBeGreaterThan(1000); images[id] = meta.caption; },
      animation: () => { throw new Error('no animations here'); },
      data: (_n, v) => { data = v as typeof data; },
    };
    const params = asymptoticsParams.parse({ maxWidth: 40, widthCount: 3, seeds: 2, x: 0.75 });
    await asymptotics.render({ params, seed: 1, rng: createRng(1), progress: () => {}, out });
    expect(Object.keys(images).sort()).toEqual(['gradient-asymptotics', 'hessian-asymptotics', 'kappa-asymptotics']);
    for (const c of Object.values(images)) expect(c).toMatch(/x = 0\.750\$: 2 random networks per width, 3 widths from 5 to 40/);
    expect(data!.widths).toEqual([5, 14, 40]);
    expect(data!.gradNorm.map((r) => r.length)).toEqual([2, 2, 2]);
  });
});
