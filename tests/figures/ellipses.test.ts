import { describe, expect, it } from 'vitest';
import { createMlp, createRng, forwardBatch, initParams, linspace, symEig2 } from '../../src/numerics';
import ellipsesFigure, { ellipsesParams } from '../../figures/ntk/ellipses.figure';
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

describe('ellipses figure params', () => {
  it('defaults are the published values', () => {
    const p = ellipsesParams.parse({});
    expect(p.alphas).toEqual([0.01, 0.05, 0.5, 1, 5, 10, 50]);
    expect([p.width, p.depth, p.lr, p.steps, p.snapshotEvery, p.frames, p.delayMs]).toEqual([100, 2, 1e-4, 8000, 20, 200, 100]);
    expect([p.xBar, p.yBar, p.y1Range, p.y2Range, p.xRange, p.yRange]).toEqual([[-2, 0.5], [3, -1], [-1, 5], [-4, 2], [-4, 3], [-3, 5]]);
  });

  it('rejects invalid params', () => {
    for (const bad of [{ width: -100 }, { width: 0 }, { lr: 0 }, { lr: -1e-4 }, { alphas: [1, -5] }, { alphas: [] }, { xBar: [1, 1] },
      { y1Range: [5, -1] }, { steps: 100 } /* 200 frames × 20 steps need 3980 */]) {
      expect(ellipsesParams.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('ellipses figure script (small run)', () => {
  it('writes both synchronised animations, captions from the params, and the data', async () => {
    const sharp = (await import('sharp')).default;
    const params = ellipsesParams.parse({ alphas: [0.1, 20], width: 12, steps: 60, snapshotEvery: 20, frames: 3, gridPoints: 40, widthPx: 320, heightPx: 260 });
    const anims: Record<string, { gif: Uint8Array; poster: Uint8Array; caption: string; alt: string }> = {};
    const data: Record<string, unknown> = {};
    await ellipsesFigure.render({
      params, seed: ellipsesFigure.seed, rng: createRng(ellipsesFigure.seed), progress: () => {},
      out: {
        image: () => { throw new Error('no stills expected'); },
        animation: (id, gif, poster, meta) => { anims[id] = { gif, poster, ...meta }; },
        data: (name, value) => { data[name] = value; },
      },
    });
    expect(Object.keys(anims).sort()).toEqual(['ellipse-functions', 'ellipses']);
    for (const a of Object.values(anims)) {
      const meta = await sharp(a.gif).metadata();
      expect(meta.pages).toBeGreaterThanOrEqual(2);
      expect([meta.width, meta.height]).toEqual([320, 260]);
      expect(a.caption).toContain('$m = 12$');
      expect(a.caption).toContain('0.1, 20');
      expect(a.alt.length).toBeGreaterThan(40);
    }
    const d = data.ellipses as { runs: { alpha: number; step: number[]; y: number[][]; ntk: number[][] }[] };
    expect(d.runs.map((r) => r.alpha)).toEqual([0.1, 20]);
    expect(d.runs[0].step).toEqual([0, 20, 40, 60]);
    expect(d.runs[0].y[0].map(Math.abs).every((v) => v < 1e-12)).toBe(true);
  });

  it('lets a diverging run fail with the step and learning rate', async () => {
    // lr·λ_max(Θ) ≫ 2: the outputs blow up geometrically until the loss overflows.
    const params = ellipsesParams.parse({ alphas: [1], width: 12, lr: 5, steps: 2000, snapshotEvery: 500, frames: 2, gridPoints: 20 });
    const noop = () => {};
    await expect(ellipsesFigure.render({
      params, seed: 1, rng: createRng(1), progress: noop, out: { image: noop, animation: noop, data: noop },
    })).rejects.toThrow(/diverged at step \d+ with learning rate 5/);
  });
});
