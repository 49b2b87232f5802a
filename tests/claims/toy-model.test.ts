/**
 * Claims of the toy-model figures (`model-alpha`, `loss-alpha-fixed`,
 * `loss-alpha-dynamic`), checked on the numbers they published: as the output
 * scale α grows, the model approaches its linearisation at the rates derived
 * in figures/ntk/toy-model.ts. Slopes are fitted over α ≥ 10, where the
 * asymptotic regime holds; the tolerances leave room for the next-order terms
 * (measured: −1.95, −0.97, −1.01).
 */
import { describe, expect, it } from 'vitest';
import { loglogSlope } from '../../src/numerics';
import { figureData } from './published-data';

interface ModelAlphaData { alpha: number[]; kappa: number[] }
interface LossAlphaData {
  w0: number;
  alpha: number[];
  wMinTrue: number[];
  minimiserGap: number[];
  modelErrorAtLinearisedMin: number[];
  kappa: number[];
}

const f64 = (v: number[]): Float64Array => Float64Array.from(v, Math.abs);

function slopeFrom(alpha: number[], values: number[], minAlpha: number): number {
  const keep = alpha.map((a, i) => (a >= minAlpha ? i : -1)).filter((i) => i >= 0);
  expect(keep.length).toBeGreaterThan(10);
  return loglogSlope(f64(keep.map((i) => alpha[i])), f64(keep.map((i) => values[i]))).slope;
}

const isDecreasing = (v: number[]): boolean => v.every((x, i) => i === 0 || Math.abs(x) < Math.abs(v[i - 1]));

describe('model-alpha', () => {
  const d = figureData<ModelAlphaData>('model-alpha', 'model-alpha');
  it('spans α from 1 to about 10^(10/3)', () => {
    expect(d.alpha[0]).toBeCloseTo(1, 12);
    expect(d.alpha.at(-1)!).toBeCloseTo(10 ** (10 / 3), 6);
  });
  it('κ, the inverse relative scale, falls exactly like 1/α', () => {
    expect(isDecreasing(d.kappa)).toBe(true);
    expect(slopeFrom(d.alpha, d.kappa, 1)).toBeCloseTo(-1, 6);
  });
});

describe('loss-alpha', () => {
  const d = figureData<LossAlphaData>('loss-alpha-fixed', 'loss-alpha');
  it('is the same data for the fixed and the zooming animation', () => {
    expect(figureData<LossAlphaData>('loss-alpha-dynamic', 'loss-alpha')).toEqual(d);
  });
  it('the gap between the true and linearised minimisers closes like 1/α²', () => {
    expect(isDecreasing(d.minimiserGap)).toBe(true);
    expect(slopeFrom(d.alpha, d.minimiserGap, 10)).toBeGreaterThan(-2.1);
    expect(slopeFrom(d.alpha, d.minimiserGap, 10)).toBeLessThan(-1.85);
  });
  it('the true minimiser approaches the initialisation w0 like 1/α (lazy training)', () => {
    const distance = d.wMinTrue.map((w) => w - d.w0);
    expect(slopeFrom(d.alpha, distance, 10)).toBeGreaterThan(-1.1);
    expect(slopeFrom(d.alpha, distance, 10)).toBeLessThan(-0.9);
  });
  it('the true model error at the linearised minimiser falls like 1/α', () => {
    expect(slopeFrom(d.alpha, d.modelErrorAtLinearisedMin, 10)).toBeGreaterThan(-1.1);
    expect(slopeFrom(d.alpha, d.modelErrorAtLinearisedMin, 10)).toBeLessThan(-0.9);
  });
});
