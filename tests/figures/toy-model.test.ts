import { describe, expect, it } from 'vitest';
import type { OutputWriter } from '../../src/pipeline/contract';
import { W0, alphaSchedule, d2g, dg, g, linearisationError, linearised, loss, linearisedLoss, model } from '../../figures/ntk/toy-model';

const X = 1.5, YBAR = 3;
const slope = (xs: number[], ys: number[]) => {
  const lx = xs.map(Math.log), ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b) / lx.length, my = ly.reduce((a, b) => a + b) / ly.length;
  let num = 0, den = 0;
  for (let i = 0; i < lx.length; i++) { num += (lx[i] - mx) * (ly[i] - my); den += (lx[i] - mx) ** 2; }
  return num / den;
};

describe('toy model', () => {
  it('has zero output at w0 for every alpha', () => {
    for (const a of [1, 7.3, 2154]) expect(model(a, X, W0)).toBe(0);
  });
  it('derivatives match central finite differences', () => {
    const h = 1e-5;
    for (const w of [-2.1, -0.3, 0.4, 1.7, 3.2]) {
      expect(dg(X, w)).toBeCloseTo((g(X, w + h) - g(X, w - h)) / (2 * h), 6);
      expect(d2g(X, w)).toBeCloseTo((dg(X, w + h) - dg(X, w - h)) / (2 * h), 5);
    }
  });
  it('the linearisation is tangent at w0', () => {
    const a = 5, h = 1e-4;
    expect(linearised(a, X, W0)).toBe(0);
    expect((linearised(a, X, W0 + h) - linearised(a, X, W0 - h)) / (2 * h)).toBeCloseTo((model(a, X, W0 + h) - model(a, X, W0 - h)) / (2 * h), 5);
  });
  it('linearised loss minimiser is w0 + ybar/(alpha g\'(w0)) and the true minimiser is a stationary point of the loss', () => {
    for (const a of [3, 50, 900]) {
      const e = linearisationError(a, X, YBAR);
      expect(linearisedLoss(a, X, YBAR, e.wLin)).toBeLessThan(1e-20);
      expect(loss(a, X, YBAR, e.wTrue)).toBeLessThan(1e-20);
      const h = 1e-6 * Math.abs(e.wLin - W0);
      expect(linearisedLoss(a, X, YBAR, e.wLin + h)).toBeGreaterThan(0);
    }
  });
  it('errors fall at the derived rates: gap ∝ 1/α², relative gap, model error and κ ∝ 1/α', () => {
    const alphas = Array.from(alphaSchedule(100, 10 / 3)).slice(40); // asymptotic regime (α ≳ 20)
    const errs = alphas.map((a) => linearisationError(a, X, YBAR));
    expect(slope(alphas, errs.map((e) => e.minimiserGap))).toBeCloseTo(-2, 1);
    expect(slope(alphas, errs.map((e) => e.relativeGap))).toBeCloseTo(-1, 1);
    expect(slope(alphas, errs.map((e) => e.modelErrorAtLinMin))).toBeCloseTo(-1, 1);
    // Closed-form constant: α·|f(w_lin) − ȳ| → ȳ²|g''(w0)|/(2 g'(w0)²).
    const c = (YBAR * YBAR * Math.abs(d2g(X, W0))) / (2 * dg(X, W0) ** 2);
    const last = errs[errs.length - 1];
    expect(last.alpha * last.modelErrorAtLinMin).toBeCloseTo(c, 2);
    expect(last.kappa * last.alpha).toBeCloseTo((YBAR * Math.abs(d2g(X, W0))) / dg(X, W0) ** 2, 10);
  });
  it('alpha schedule is log-spaced from 1 to 10^(10/3)', () => {
    const a = alphaSchedule(100, 10 / 3);
    expect(a[0]).toBe(1);
    expect(a[99]).toBeCloseTo(10 ** (10 / 3), 8);
    expect(a[50] / a[49]).toBeCloseTo(a[2] / a[1], 12);
  });
});

describe('toy-model figure scripts', () => {
  it('render animations, captions from params and decreasing linearisation error', async () => {
    const sharp = (await import('sharp')).default;
    const { createRng } = await import('../../src/numerics/rng');
    const scripts = [(await import('../../figures/ntk/model-alpha.figure')).default, (await import('../../figures/ntk/loss-alpha.figure')).default];
    const anims: Record<string, { gif: Uint8Array; caption: string; alt: string }> = {};
    const data: Record<string, Record<string, unknown>> = {};
    for (const s of scripts) {
      const params = s.params.parse({ frames: 4, width: 360, height: 280, samples: 120 });
      const out: OutputWriter = {
        image: () => { throw new Error('no stills expected'); },
        animation: (id, gif, _poster, meta) => { anims[id] = { gif, caption: meta.caption, alt: meta.alt }; },
        data: (name, v) => { data[name] = v as Record<string, unknown>; },
      };
      await s.render({ params, seed: s.seed, rng: createRng(s.seed), progress: () => {}, out } as never);
    }
    expect(Object.keys(anims).sort()).toEqual(['loss-alpha-dynamic', 'loss-alpha-fixed', 'model-alpha']);
    for (const a of Object.values(anims)) {
      const m = await sharp(Buffer.from(a.gif), { animated: true }).metadata();
      expect(m.pages).toBe(4);
      expect(m.width).toBe(360);
      expect(a.caption).toMatch(/from 1 to 2154 over 4 frames/);
      expect(a.alt.length).toBeGreaterThan(40);
    }
    const rel = data['loss-alpha'].relativeGap as number[];
    for (let i = 1; i < rel.length; i++) expect(rel[i]).toBeLessThan(rel[i - 1]);
    expect(() => scripts[0].params.parse({ frames: 0 })).toThrow();
    expect(() => scripts[1].params.parse({ lossRange: [8, -0.1] })).toThrow();
  });
});
