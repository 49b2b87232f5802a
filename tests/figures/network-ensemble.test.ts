import { describe, expect, it } from 'vitest';
import { createMlp, createRng, forwardBatch, initParams, linspace } from '../../src/numerics';
import { columnMeanStd, createEnsemble, evaluateAll, reluInitVariance, roundSig } from '../../figures/ntk/network-ensemble';

describe('reluInitVariance', () => {
  it('matches the Monte Carlo variance of f(x, w0) over many initialisations (depths 1–3, narrow nets)', () => {
    const rng = createRng(11);
    const xs = Float64Array.of(-2.5, 0, 0.7, 3);
    const draws = 3000;
    for (const [depth, width] of [[1, 6], [2, 8], [3, 5]]) {
      const net = createMlp({ depth, width });
      const w = new Float64Array(net.size);
      const vals = new Float64Array(draws * xs.length);
      for (let d = 0; d < draws; d++) vals.set(forwardBatch(net, initParams(net, rng, w), xs), d * xs.length);
      const { mean, std } = columnMeanStd(vals, draws, xs.length);
      xs.forEach((x, i) => {
        const v = reluInitVariance(x, depth, width);
        // Narrow nets are far from Gaussian (heavy tails), so the sampling
        // error of a variance from 3000 draws is several per cent.
        expect(std[i] ** 2 / v).toBeGreaterThan(0.85);
        expect(std[i] ** 2 / v).toBeLessThan(1.15);
        expect(Math.abs(mean[i])).toBeLessThan(4 * Math.sqrt(v / draws) + 1e-12);
      });
    }
  });
  it('has the closed form (x² + 1/3)/4 + 1/(2m) for two hidden layers', () => {
    for (const x of [-4, 0, 1.5]) expect(reluInitVariance(x, 2, 100)).toBeCloseTo((x * x + 1 / 3) / 4 + 1 / 200, 14);
  });
});

describe('columnMeanStd', () => {
  it('agrees with the textbook formulas and is stable for a large common offset', () => {
    const rows = 7, cols = 3, rng = createRng(2);
    const v = Float64Array.from({ length: rows * cols }, () => 1e8 + rng.normal());
    const { mean, std } = columnMeanStd(v, rows, cols);
    for (let c = 0; c < cols; c++) {
      const col = Array.from({ length: rows }, (_, r) => v[r * cols + c] - 1e8);
      const mu = col.reduce((a, b) => a + b) / rows;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mu) ** 2, 0) / (rows - 1));
      expect(mean[c] - 1e8).toBeCloseTo(mu, 6);
      expect(std[c]).toBeCloseTo(sd, 6);
    }
    expect(() => columnMeanStd(v, 1, 21)).toThrow();
    expect(() => columnMeanStd(v, 5, 3)).toThrow();
  });
});

describe('createEnsemble / evaluateAll', () => {
  it('draws the same networks for the same seed, different networks within an ensemble', () => {
    const a = createEnsemble(createRng(5), 4, 2, 12), b = createEnsemble(createRng(5), 4, 2, 12);
    a.params.forEach((p, k) => expect(Array.from(p)).toEqual(Array.from(b.params[k])));
    expect(a.params[0][0]).not.toBe(a.params[1][0]);
  });
  it('evaluates every network like forwardBatch (oracle), in single precision', () => {
    const { net, params } = createEnsemble(createRng(9), 5, 2, 30);
    const xs = linspace(-4, 4, 97);
    const got = evaluateAll(net, params, xs);
    params.forEach((p, k) => {
      const want = forwardBatch(net, p, xs);
      for (let n = 0; n < xs.length; n++) expect(Math.abs(got[k * xs.length + n] - want[n])).toBeLessThan(1e-5 * (1 + Math.abs(want[n])));
    });
  });
  it('roundSig keeps significant digits', () => {
    expect(roundSig(0.000123456789, 3)).toBe(0.000123);
    expect(roundSig(0)).toBe(0);
  });
});
