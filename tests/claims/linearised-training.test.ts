/**
 * Claims of the first kernel-regime figures, on their published data:
 * (1) a network, its linearisation and the infinite-width kernel solution fit
 * the eight points and stay close to one another throughout training;
 * (2) the largest network–linearisation gap shrinks with width as a negative
 * power, consistent with Lee et al.'s 1/√m within the seed spread.
 *
 * Tolerances. (1) The run stops when the slowest kernel mode is at e^{−3} ≈ 5 %,
 * so each prediction's residual at the data is below 10 % of the targets' RMS;
 * the gaps between curves are compared with how far the curves move (their RMS
 * change from f0), which is O(1), at 20 %. (2) Slopes: the per-seed slopes
 * scatter with sd ≈ 0.09 (5 seeds): the pooled slope must be below 0 by more
 * than 3 standard errors of their mean, and within 3 sd of −1/2.
 */
import { describe, expect, it } from 'vitest';
import { fitLine } from '../../src/numerics/slope';
import { figureData } from './published-data';

interface TrainingData {
  width: number;
  steps: number[];
  trainY: number[];
  real: number[][];
  linear: number[][];
  kernel: number[][];
  finalAtData: { real: number[]; linear: number[]; kernel: number[] };
  gapRealLinear: number[];
  gapLinearKernel: number[];
}

interface GapData {
  widths: number[];
  seeds: number;
  gaps: number[][];
  slope: number;
  perSeedSlopes: number[];
  perSeedSlopeSd: number;
}

const rms = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);

describe('linearised-training (published data)', () => {
  const d = figureData<TrainingData>('linearised-training', 'linearised-training');

  it('all three predictions fit the training points to within 10 % of the targets’ RMS', () => {
    const scale = Math.sqrt(d.trainY.reduce((s, v) => s + v * v, 0) / d.trainY.length);
    for (const f of [d.finalAtData.real, d.finalAtData.linear, d.finalAtData.kernel]) expect(rms(f, d.trainY)).toBeLessThan(0.1 * scale);
  });

  it('the network stays within 20 % of its own movement of the linearisation, and the linearisation of the kernel solution', () => {
    const last = d.steps.length - 1;
    const moved = rms(d.real[last], d.real[0]);
    expect(Math.max(...d.gapRealLinear)).toBeLessThan(0.2 * moved);
    expect(Math.max(...d.gapLinearKernel)).toBeLessThan(0.2 * moved);
    // All three start from the same f0.
    expect(rms(d.real[0], d.linear[0])).toBe(0);
    expect(rms(d.real[0], d.kernel[0])).toBeLessThan(1e-6);
  });
});

describe('linearisation-gap (published data)', () => {
  const d = figureData<GapData>('linearisation-gap', 'linearisation-gap');

  it('the published slopes are the fits of the published gaps', () => {
    const lx = d.widths.flatMap((m) => Array<number>(d.seeds).fill(Math.log10(m)));
    expect(fitLine(lx, d.gaps.flat().map(Math.log10)).slope).toBeCloseTo(d.slope, 5);
    d.perSeedSlopes.forEach((s, k) => {
      expect(fitLine(d.widths.map(Math.log10), d.gaps.map((g) => Math.log10(g[k]))).slope).toBeCloseTo(s, 5);
    });
  });

  it('the gap decays as a negative power of the width, consistent with m^{−1/2} within 3 sd of the seed spread', () => {
    const n = d.perSeedSlopes.length;
    const mean = d.perSeedSlopes.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(d.perSeedSlopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(sd).toBeCloseTo(d.perSeedSlopeSd, 5);
    expect(d.slope).toBeLessThan(-3 * (sd / Math.sqrt(n)));
    expect(Math.abs(d.slope + 0.5)).toBeLessThan(3 * sd);
  });
});
