/**
 * Claims of the `ellipses` / `ellipse-functions` figures, checked on the data
 * the published figure wrote (see figures/ntk/ellipses.figure.ts):
 * - the normalised NTK barely moves for large α and changes a lot for small α
 *   (relative Frobenius change between the first and last snapshot), and the
 *   change falls as α grows;
 * - every trajectory starts at y = (0, 0) (zero output);
 * - the runs end at the targets: with the published 8000 steps all seven do,
 *   small α included, and the large-α runs are already there when the
 *   animation ends.
 */
import { describe, expect, it } from 'vitest';
import type { EllipseRun } from '../../figures/ntk/ellipses.figure';
import { figureData } from './published-data';

/** One run as the data file stores it: the script's run record plus its NTK change (curves are not written). */
type Run = Omit<EllipseRun, 'curves'> & { ntkRelativeChange: number };
interface EllipsesData {
  params: { alphas: number[]; yBar: [number, number]; frames: number; snapshotEvery: number; steps: number };
  runs: Run[];
}

const data = () => figureData<EllipsesData>('ellipses', 'ellipses');

/** ‖H(end) − H(0)‖_F / ‖H(0)‖_F recomputed from the stored kernels (not the script's summary). */
function relChange(r: Run): number {
  const [a0, b0, d0] = r.ntk[0], [a1, b1, d1] = r.ntk[r.ntk.length - 1];
  const num = (a1 - a0) ** 2 + 2 * (b1 - b0) ** 2 + (d1 - d0) ** 2;
  return Math.sqrt(num / (a0 * a0 + 2 * b0 * b0 + d0 * d0));
}

describe('ellipses figure data', () => {
  it('has one run per published α, trained for all steps', () => {
    const d = data();
    expect(d.runs.map((r) => r.alpha)).toEqual(d.params.alphas);
    for (const r of d.runs) {
      expect(r.step[0]).toBe(0);
      expect(r.step[r.step.length - 1]).toBe(d.params.steps);
      expect(r.ntk.length).toBe(r.step.length);
      expect(r.ntkRelativeChange).toBeCloseTo(relChange(r), 4);
    }
  });

  it('the NTK is nearly frozen for α = 50 and changes a lot for α = 0.01', () => {
    const byAlpha = new Map(data().runs.map((r) => [r.alpha, r]));
    // Measured with the published params: α = 50 ≈ 0.0014, α = 0.01 ≈ 69 (the kernel grows ~70-fold).
    expect(relChange(byAlpha.get(50)!)).toBeLessThan(0.01);
    expect(relChange(byAlpha.get(0.01)!)).toBeGreaterThan(1);
  });

  it('the relative NTK change falls as α grows', () => {
    const runs = [...data().runs].sort((a, b) => a.alpha - b.alpha);
    const change = runs.map(relChange);
    for (let i = 1; i < change.length; i++) expect(change[i], `α = ${runs[i].alpha} vs ${runs[i - 1].alpha}`).toBeLessThan(change[i - 1]);
    // And so does the relative weight change ‖w − w0‖/‖w0‖ (lazy training).
    const dw = runs.map((r) => r.weightChange[r.weightChange.length - 1]);
    for (let i = 1; i < dw.length; i++) expect(dw[i]).toBeLessThan(dw[i - 1]);
  });

  it('every trajectory starts at y = (0, 0)', () => {
    for (const r of data().runs) {
      expect(Math.abs(r.y[0][0])).toBeLessThan(1e-12);
      expect(Math.abs(r.y[0][1])).toBeLessThan(1e-12);
    }
  });

  it('large-α runs reach the targets within the animation; all runs within the 8000 steps', () => {
    const d = data(), [t1, t2] = d.params.yBar;
    const dist = (y: [number, number]) => Math.hypot(y[0] - t1, y[1] - t2);
    for (const r of d.runs) {
      // End of the animation (snapshot frames − 1, step 3980): large α within 1e-3 of ȳ.
      if (r.alpha >= 5) expect(dist(r.y[d.params.frames - 1]), `α = ${r.alpha} at the last frame`).toBeLessThan(1e-3);
      // End of training: every run, small α included, within 1e-6 of ȳ.
      expect(dist(r.y[r.y.length - 1]), `α = ${r.alpha} at the end`).toBeLessThan(1e-6);
      expect(r.finalLoss).toBeLessThan(1e-10 * r.loss[0]);
    }
  });
});
