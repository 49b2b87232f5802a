/**
 * Claim of `training-100-nets`: every one of the 100 networks fits both data
 * points after 500 steps of GD at lr 1e-3 on ½‖y − ȳ‖². Measured when
 * written: worst |f(x̄ᵢ) − ȳᵢ| ≈ 1.6e-3 (the network that started worst, at
 * loss ≈ 22), all final losses < 2e-6. Tolerance: |residual| < 5e-3 for every
 * network and point.
 */
import { describe, expect, it } from 'vitest';
import { figureData } from './published-data';

interface TrainData {
  networks: number; lr: number; data: { xs: number[]; ys: number[] }; steps: number[]; losses: number[][]; finalOutputs: number[][];
  yRange: [number, number]; curveExtent: [number, number];
}

describe('training-100-nets', () => {
  const d = figureData<TrainData>('training-100-nets', 'training-100-nets');

  it('every network passes within 5e-3 of both points at the last frame', () => {
    expect(d.finalOutputs).toHaveLength(d.networks);
    expect(d.steps[d.steps.length - 1]).toBe(500);
    for (const y of d.finalOutputs) {
      y.forEach((v, i) => expect(Math.abs(v - d.data.ys[i])).toBeLessThan(5e-3));
    }
  });

  it('every loss falls from its start by at least 10⁴ and never rises (the step is inside the stability bound)', () => {
    for (const l of d.losses) {
      expect(l[l.length - 1]).toBeLessThan(1e-4 * l[0]);
      for (let f = 1; f < l.length; f++) expect(l[f]).toBeLessThanOrEqual(l[f - 1] * (1 + 1e-3));
    }
  });

  it('no curve is clipped: every frame of every network lies inside the drawn y range', () => {
    expect(d.curveExtent[0]).toBeGreaterThanOrEqual(d.yRange[0]);
    expect(d.curveExtent[1]).toBeLessThanOrEqual(d.yRange[1]);
    // …and not much wider than the curves need: less than a whole unit beyond a 4 % margin.
    expect(1.04 * Math.max(-d.curveExtent[0], d.curveExtent[1])).toBeGreaterThan(d.yRange[1] - 1);
  });

  it('the networks start far from the data and from each other', () => {
    const starts = d.losses.map((l) => l[0]).sort((a, b) => a - b);
    expect(starts[0]).toBeGreaterThan(0.1);
    expect(starts[starts.length - 1] / starts[0]).toBeGreaterThan(2);
  });
});
