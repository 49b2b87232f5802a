/**
 * Claims of the lazy/rich phase diagram, on its published data: in the lazy
 * corner the relative change of the tangent kernel falls like α^{−1} at fixed
 * width (Chizat, Oyallon & Bach 2019: the weights move O(1/α)) and like a
 * negative power of m at fixed α (≈ m^{−1/2} in this parametrisation); small α
 * moves the kernel by order one.
 *
 * Tolerances: the per-width slopes in log α scatter with sd ≈ 0.1 and the
 * per-α slopes in log m with sd ≈ 0.1 (ReLU kinks crossing a training point
 * make single runs jumpy); each mean must be within 3 sd of its prediction,
 * and the width slope below 0 by more than 3 standard errors.
 */
import { describe, expect, it } from 'vitest';
import { fitLine } from '../../src/numerics/slope';
import { figureData } from './published-data';

interface Slopes { mean: number; sd: number }
interface LazyRichData {
  alphas: number[];
  widths: number[];
  change: (number | null)[][];
  lazyAlpha: number;
  slopeAlpha: Slopes & { perWidth: number[] };
  slopeWidth: Slopes & { perAlpha: number[] };
}

const meanSd = (v: number[]) => {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) };
};

describe('lazy-rich (published data)', () => {
  const d = figureData<LazyRichData>('lazy-rich', 'lazy-rich');
  const lazy = d.alphas.map((a, i) => (a >= d.lazyAlpha * (1 - 1e-6) ? i : -1)).filter((i) => i >= 0);
  const at = (wi: number, ai: number) => {
    const v = d.change[wi][ai];
    if (v === null) throw new Error(`no value at width ${d.widths[wi]}, α ${d.alphas[ai]}`);
    return v;
  };

  it('the published slopes are refitted from the published grid', () => {
    const perWidth = d.widths.map((_, wi) => fitLine(lazy.map((i) => Math.log10(d.alphas[i])), lazy.map((i) => Math.log10(at(wi, i)))).slope);
    const perAlpha = lazy.map((i) => fitLine(d.widths.map(Math.log10), d.widths.map((_, wi) => Math.log10(at(wi, i)))).slope);
    perWidth.forEach((s, k) => expect(s).toBeCloseTo(d.slopeAlpha.perWidth[k], 4));
    perAlpha.forEach((s, k) => expect(s).toBeCloseTo(d.slopeWidth.perAlpha[k], 4));
  });

  it('slope in α at fixed width is −1 within 3 sd', () => {
    const s = meanSd(d.slopeAlpha.perWidth);
    expect(Math.abs(s.mean + 1)).toBeLessThan(3 * s.sd);
  });

  it('slope in m at fixed α is negative (by > 3 standard errors) and −1/2 within 3 sd', () => {
    const s = meanSd(d.slopeWidth.perAlpha);
    expect(s.mean).toBeLessThan(-3 * s.sd / Math.sqrt(d.slopeWidth.perAlpha.length));
    expect(Math.abs(s.mean + 0.5)).toBeLessThan(3 * s.sd);
  });

  it('the kernel barely moves at the largest α (< 1 %) and moves by order one at small α (> 10 %), at every width', () => {
    const last = d.alphas.length - 1;
    d.widths.forEach((_, wi) => {
      expect(at(wi, last)).toBeLessThan(0.01);
      const firstFinite = d.change[wi].find((v) => v !== null)!;
      expect(firstFinite).toBeGreaterThan(0.1);
    });
  });
});
