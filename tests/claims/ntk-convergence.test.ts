/**
 * Claims of ntk-convergence, on the published data: the empirical NTK Θ/m of
 * random 2-hidden-layer ReLU networks approaches the analytic infinite-width
 * kernel as the width m grows, with seed-to-seed spread and distance ∝ m^(−½).
 *
 * Tolerances. Θ/m is an average of m roughly independent unit contributions,
 * so its fluctuations scale like m^(−½); first-layer and bias terms add an
 * O(1/m) bias, which steepens the curve slightly at the smallest widths. With
 * 12 networks per width the spread estimate of one width has relative error
 * ≈ 1/√22 ≈ 0.2 (≈ 0.09 in log10); over 5 widths spanning two decades the
 * fitted slope then has a standard error ≈ 0.06, so we accept slopes in
 * [−0.7, −0.3] (≈ 3σ), which still excludes both "no convergence" (0) and
 * a 1/m law (−1).
 */
import { describe, expect, it } from 'vitest';
import { reluNtkInfinite } from '../../src/numerics/analyticNtk';
import { fitLine } from '../../src/numerics/slope';
import { figureData } from './published-data';

interface NtkData {
  depth: number;
  grid: number[];
  x0: number;
  seeds: number;
  infiniteSlice: number[];
  widths: { m: number; relErrors: number[]; relSpread: number; relMeanError: number }[];
  slopes: { relError: number; relSpread: number };
}

const data = () => figureData<NtkData>('ntk-convergence', 'ntk-convergence');
const geoMean = (v: number[]) => 10 ** (v.reduce((s, x) => s + Math.log10(x), 0) / v.length);

describe('ntk-convergence (published data)', () => {
  it('spans at least two decades of width with several networks each', () => {
    const d = data(), ms = d.widths.map((w) => w.m);
    expect(ms[ms.length - 1] / ms[0]).toBeGreaterThanOrEqual(100);
    expect(d.seeds).toBeGreaterThanOrEqual(5);
    for (const w of d.widths) expect(w.relErrors).toHaveLength(d.seeds);
  });
  it('the drawn reference curve is the analytic infinite-width kernel', () => {
    const d = data(), xs = [...d.grid, d.x0], N = xs.length;
    const K = reluNtkInfinite(xs, { depth: d.depth });
    d.infiniteSlice.forEach((v, i) => expect(Math.abs(v - K[i * N + N - 1])).toBeLessThan(1e-5 * Math.max(1, Math.abs(v))));
  });
  it('the seed spread falls with every step in width, like m^(−1/2)', () => {
    const d = data();
    for (let i = 1; i < d.widths.length; i++) expect(d.widths[i].relSpread).toBeLessThan(d.widths[i - 1].relSpread);
    const fit = fitLine(d.widths.map((w) => Math.log10(w.m)), d.widths.map((w) => Math.log10(w.relSpread)));
    expect(fit.slope).toBeGreaterThan(-0.7);
    expect(fit.slope).toBeLessThan(-0.3);
  });
  it('the distance of each network to the limit falls like m^(−1/2), and is small at the largest width', () => {
    const d = data();
    const lx: number[] = [], ly: number[] = [];
    for (const w of d.widths) for (const e of w.relErrors) { lx.push(Math.log10(w.m)); ly.push(Math.log10(e)); }
    const fit = fitLine(lx, ly);
    expect(fit.slope).toBeGreaterThan(-0.7);
    expect(fit.slope).toBeLessThan(-0.3);
    expect(d.slopes.relError).toBeCloseTo(fit.slope, 4); // published slope = refit of the rounded values
    const first = d.widths[0], last = d.widths[d.widths.length - 1];
    // √(m_last/m_first) ≥ 10 expected; demand at least 4× (a third of a decade of slack for noise).
    expect(geoMean(first.relErrors) / geoMean(last.relErrors)).toBeGreaterThan(4);
    // ≈ 0.05–0.1 measured at m = 1000; the seed mean lies closer still.
    expect(geoMean(last.relErrors)).toBeLessThan(0.15);
    expect(last.relMeanError).toBeLessThan(0.1);
  });
});
