import { describe, expect, it } from 'vitest';
import { createMlp, createRng, forwardBatch, initParams, linspace, ntkGram, symEig2 } from '../../src/numerics';
import { recordForward, Tape } from '../../src/numerics/tape';
import { makeRendition } from '../../src/pipeline/renditions/plan';
import { RecordingContext, type RecordedPaint } from '../../src/plot/recordingContext';
import { darkTheme, lightTheme } from '../../src/plot/theme';
import ellipsesFigure, { ellipsesParams, type EllipseRun } from '../../figures/ntk/ellipses.figure';
import { ellipsesFrame } from '../../figures/ntk/ellipse-frames';
import { createKinkTracker, oneSided } from '../../figures/ntk/kinks';
import { DESKTOP_LIGHT, PHONE_DARK, colorsUsed, drawOutput, runScript } from './capture-writer';
import { levelForSemiAxis, levelSetEllipse, relativeFrobenius } from '../../figures/ntk/ntk-ellipse';
import { createReluGridEvaluator, sweepApplies } from '../../figures/ntk/relu-grid';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('relu grid evaluator (piecewise-linear sweep)', () => {
  it('matches the batched forward pass on random depth-2 ReLU networks', () => {
    const rng = createRng(11);
    for (const [width, bias] of [[1, true], [7, true], [100, true], [64, false]] as const) {
      const net = createMlp({ depth: 2, width, bias });
      expect(sweepApplies(net)).toBe(true);
      const xs = linspace(-6, 5, 1001);
      const ev = createReluGridEvaluator(net, xs);
      for (let trial = 0; trial < 3; trial++) {
        const w = initParams(net, rng);
        const want = forwardBatch(net, w, xs).slice();
        expect(maxAbsDiff(ev.evaluate(w), want)).toBeLessThan(1e-12 * (1 + maxAbsDiff(want, new Float64Array(want.length))));
      }
    }
  });

  it('is exact where a kink falls on a grid point and with repeated grid points', () => {
    const net = createMlp({ depth: 2, width: 5 });
    const w = initParams(net, createRng(3));
    const L0 = net.layers[0];
    // Put unit 0's kink exactly at x = 0.5 and unit 1's kink at the first grid point.
    w[L0.weightOffset] = 2; w[L0.biasOffset] = -1;
    w[L0.weightOffset + 1] = -1; w[L0.biasOffset + 1] = -1;
    const xs = Float64Array.of(-1, -1, 0, 0.5, 0.5, 0.75, 2);
    const got = createReluGridEvaluator(net, xs).evaluate(w).slice();
    expect(maxAbsDiff(got, forwardBatch(net, w, xs))).toBeLessThan(1e-14);
  });

  it('falls back to the forward pass for other depths and activations, and rejects unsorted grids', () => {
    const rng = createRng(5);
    for (const spec of [{ depth: 1, width: 9 }, { depth: 3, width: 9 }, { depth: 2, width: 9, activation: 'tanh' as const }]) {
      const net = createMlp(spec);
      expect(sweepApplies(net)).toBe(false);
      const xs = linspace(-2, 2, 40), w = initParams(net, rng);
      expect(maxAbsDiff(createReluGridEvaluator(net, xs).evaluate(w), forwardBatch(net, w, xs))).toBe(0);
    }
    expect(() => createReluGridEvaluator(createMlp({ depth: 2, width: 3 }), Float64Array.of(0, 1, 0.5))).toThrow(/ascending/);
  });
});

describe('NTK level-set ellipse', () => {
  const K = [212.7, 10.14, 28.1] as const;

  it('every point of the drawn ellipse lies on the level set uᵀKu = c', () => {
    const c = 114.3, e = levelSetEllipse(K[0], K[1], K[2], c);
    const cs = Math.cos(e.angle), sn = Math.sin(e.angle);
    for (let i = 0; i < 24; i++) {
      const t = (2 * Math.PI * i) / 24, u = e.rx * Math.cos(t), v = e.ry * Math.sin(t);
      // The same parametrisation as the plot's ellipse mark: rotate (u, v) by angle.
      const p = cs * u - sn * v, q = sn * u + cs * v;
      expect(K[0] * p * p + 2 * K[1] * p * q + K[2] * q * q).toBeCloseTo(c, 9);
    }
  });

  it('puts the short axis along the eigenvector of the larger eigenvalue', () => {
    const e = levelSetEllipse(K[0], K[1], K[2], 1);
    const v = [Math.cos(e.angle), Math.sin(e.angle)];
    const Kv = [K[0] * v[0] + K[1] * v[1], K[1] * v[0] + K[2] * v[1]];
    expect(Kv[0]).toBeCloseTo(e.values[0] * v[0], 9);
    expect(Kv[1]).toBeCloseTo(e.values[0] * v[1], 9);
    expect(e.rx).toBeLessThan(e.ry);
    expect(e.ry / e.rx).toBeCloseTo(Math.sqrt(e.values[0] / e.values[1]), 12);
  });

  it('chooses one level so that the longest semi-axis over all kernels has the requested length', () => {
    const kernels = [[200, 10, 10, 30], [100, -5, -5, 12], [50, 0, 0, 40]];
    const c = levelForSemiAxis(kernels, 2.5);
    const longest = Math.max(...kernels.map((k) => levelSetEllipse(k[0], k[1], k[3], c).ry));
    expect(longest).toBeCloseTo(2.5, 12);
    expect(c).toBeCloseTo(2.5 ** 2 * symEig2(100, -5, 12).values[1], 9);
  });

  it('rejects kernels that are not positive definite', () => {
    expect(() => levelSetEllipse(1, 2, 1, 1)).toThrow(/positive definite/);
  });

  it('relative Frobenius change', () => {
    expect(relativeFrobenius([2, 0, 0, 2], [1, 0, 0, 1])).toBeCloseTo(1, 15);
    expect(relativeFrobenius([3, 4, 4, 0], [0, 0, 0, 5])).toBeCloseTo(Math.sqrt(9 + 32 + 25) / 5, 14);
  });
});

describe('ReLU units parked on their kink', () => {
  const net = createMlp({ depth: 2, width: 5 });
  const xs = Float64Array.of(-2, 0.5);
  const w = initParams(net, createRng(4));
  // Park unit 2 of hidden layer 2 exactly on its kink at x̄1: its bias cancels the rest of its pre-activation.
  const tape = recordForward(net, w, xs, new Tape(net));
  w[net.layers[1].biasOffset + 2] -= tape.z[1][2];
  w[net.layers[2].weightOffset + 2] = 1; // a unit that feeds the output, so its relu' matters

  it('oneSided moves each parked unit to ±δ and leaves every other pre-activation (nearly) alone', () => {
    const units = [{ layer: 1, unit: 2, point: 0 }];
    const before = recordForward(net, w, xs, new Tape(net)).z.map((z) => z.slice());
    for (const side of [1, -1] as const) {
      const z = recordForward(net, oneSided(net, w, xs, units, side), xs, new Tape(net)).z;
      expect(Math.sign(z[1][2])).toBe(side);
      expect(Math.abs(z[1][2])).toBeLessThan(1e-11);
      for (let l = 0; l < 2; l++) for (let i = 0; i < z[l].length; i++) if (!(l === 1 && i === 2)) expect(Math.abs(z[l][i] - before[l][i])).toBeLessThan(1e-10);
    }
    // The unit on adds its share to Θ(x̄1, x̄1): the two one-sided kernels differ there.
    const on = ntkGram(net, oneSided(net, w, xs, units, 1), xs), off = ntkGram(net, oneSided(net, w, xs, units, -1), xs);
    expect(on[0] - off[0]).toBeGreaterThan(1e-3 * on[0]);
  });

  it('the tracker parks a unit that is small and changed sign recently, and keeps it while it stays small', () => {
    const tr = createKinkTracker(net, xs, { tol: 1e-4, window: 3 });
    const nudge = (d: number) => { const v = w.slice(); v[net.layers[1].biasOffset + 2] += d; return v; };
    const parked = [{ layer: 1, unit: 2, point: 0 }];
    tr.observe(0, nudge(1e-6));
    expect(tr.parked()).toEqual([]); // small, but never changed sign
    tr.observe(1, nudge(-1e-6));
    expect(tr.parked()).toEqual(parked);
    tr.observe(9, nudge(-2e-6));
    expect(tr.parked()).toEqual(parked); // no sign change for 8 steps, but still on the kink
    tr.observe(10, nudge(0.5));
    expect(tr.parked()).toEqual([]); // left the kink
    tr.observe(11, nudge(-0.5));
    expect(tr.parked()).toEqual([]); // crossed the kink in one step: changed sign, but never small
  });
});

describe('ellipses figure params', () => {
  it('defaults are the published values', () => {
    const p = ellipsesParams.parse({});
    expect(p.alphas).toEqual([0.01, 0.05, 0.5, 1, 5, 10, 50]);
    expect([p.width, p.depth, p.lr, p.steps, p.snapshotEvery, p.frames, p.delayMs]).toEqual([100, 2, 1e-4, 8000, 20, 200, 100]);
    expect([p.xBar, p.yBar, p.y1Range, p.y2Range, p.xRange]).toEqual([[-2, 0.5], [3, -1], [-1, 5], [-4, 2], [-4, 3]]);
    // The functions' y range comes from the curves (none may leave the frame) unless given.
    expect(p.yRange).toBeUndefined();
  });

  it('rejects invalid params', () => {
    for (const bad of [{ width: -100 }, { width: 0 }, { lr: 0 }, { lr: -1e-4 }, { alphas: [1, -5] }, { alphas: [] }, { xBar: [1, 1] },
      { y1Range: [5, -1] }, { steps: 100 } /* 200 frames × 20 steps need 3980 */]) {
      expect(ellipsesParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

/** The plot draws an ellipse as a closed polygon of many points, sampled in data space (src/plot/drawMark.ts). */
const isPlotEllipse = (p: RecordedPaint) => p.kind === 'stroke' && p.path.filter((s) => s.op === 'L').length > 50 && p.path.some((s) => s.op === 'Z');

describe('ellipses figure script (small run)', () => {
  const small = { alphas: [0.1, 20], width: 12, steps: 60, snapshotEvery: 20, frames: 3, gridPoints: 40 };

  it('publishes the hero (full, social) and the row pair (half), all from one run, and the data', async () => {
    const c = await runScript(ellipsesFigure, small);
    expect(Object.keys(c.outputs).sort()).toEqual(['ellipse-functions', 'ellipses', 'ellipses-hero']);
    const slots = Object.fromEntries(Object.entries(c.outputs).map(([id, o]) => [id, [o.spec.slot, !!o.spec.social]]));
    expect(slots).toEqual({ 'ellipses-hero': ['full', true], ellipses: ['half', false], 'ellipse-functions': ['half', false] });
    for (const o of Object.values(c.outputs)) {
      expect(o.kind === 'animated' && o.spec.frames).toBe(3);
      expect(o.meta.notes).toContain('$m = 12$');
      expect(o.meta.notes).toContain('0.1, 20');
      expect(o.meta.alt.length).toBeGreaterThan(40);
      expect(o.meta.caption.length).toBeLessThan(330); // about three lines
    }
    const d = c.data.ellipses as { runs: { alpha: number; step: number[]; y: number[][]; ntk: number[][]; parkedUnits: number[] }[] };
    expect(d.runs.map((r) => r.alpha)).toEqual([0.1, 20]);
    expect(d.runs[0].step).toEqual([0, 20, 40, 60]);
    expect(d.runs[0].parkedUnits).toHaveLength(3);
    expect(d.runs[0].y[0].map(Math.abs).every((v) => v < 1e-12)).toBe(true);
  });

  it('draws every rendition in its theme, one ellipse per run, and keeps every function inside the frame', async () => {
    const c = await runScript(ellipsesFigure, small);
    const { rec } = await drawOutput(c.outputs.ellipses, PHONE_DARK, 2);
    const used = colorsUsed(rec);
    expect(used.has(darkTheme.foreground)).toBe(true);
    expect([...used].some((x) => lightTheme.palette.includes(x) || x === lightTheme.foreground)).toBe(false);
    for (const colour of darkTheme.palette.slice(0, 2)) expect(rec.paints.filter((p) => isPlotEllipse(p) && p.style === colour)).toHaveLength(1);
    const fun = await drawOutput(c.outputs['ellipse-functions'], DESKTOP_LIGHT, 2);
    const [lo, hi] = fun.layouts[0].y.domain;
    const curve = (c.data.ellipses as { runs: { lastFrameCurve: { y: number[] } }[] }).runs.flatMap((r) => r.lastFrameCurve.y);
    expect(Math.min(...curve)).toBeGreaterThanOrEqual(lo);
    expect(Math.max(...curve)).toBeLessThanOrEqual(hi);
  });

  it('draws both one-sided kernels of a run with parked units, and says so in the picture', async () => {
    const p = ellipsesParams.parse(small);
    const K: [number, number, number] = [200, 10, 30];
    const run = (range: EllipseRun['ntkRange'][number]): EllipseRun => ({
      alpha: 0.5, step: [0], ntk: [K], ntkRange: [range], parked: [range ? 1 : 0], y: [[0, 0]], loss: [1], weightChange: [0], curves: new Float64Array(0), finalLoss: 0,
    });
    const r = makeRendition(DESKTOP_LIGHT, 'full');
    const ellipses = (rec: RecordingContext) => rec.paints.filter((x) => isPlotEllipse(x) && x.style === lightTheme.palette[0]);
    const single = new RecordingContext(), double = new RecordingContext();
    ellipsesFrame(p, [run(null)], 1, 0, r).draw(single);
    ellipsesFrame(p, [run([[210, 10, 31], [190, 9, 29]])], 1, 0, r).draw(double);
    // One more ellipse outline in the run's colour, each thinner than the single one.
    expect(ellipses(double).length).toBe(ellipses(single).length + 1);
    expect(Math.max(...ellipses(double).map((x) => x.lineWidth))).toBeLessThan(ellipses(single)[0].lineWidth);
    expect(double.texts.some((t) => /ReLU kink/.test(t.text))).toBe(true);
    expect(single.texts.some((t) => /ReLU kink/.test(t.text))).toBe(false);
  });

  it('lets a diverging run fail with the step and learning rate', async () => {
    // lr·λ_max(Θ) ≫ 2: the outputs blow up geometrically until the loss overflows.
    await expect(runScript(ellipsesFigure, { alphas: [1], width: 12, lr: 5, steps: 2000, snapshotEvery: 500, frames: 2, gridPoints: 20 }))
      .rejects.toThrow(/diverged at step \d+ with learning rate 5/);
  });
});
