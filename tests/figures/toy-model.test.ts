import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { renderAnimated } from '../../src/pipeline/renditions';
import { makeRendition } from '../../src/pipeline/renditions/plan';
import { lightTheme } from '../../src/plot/theme';
import { DESKTOP_LIGHT, PHONE_DARK, colorsUsed, drawOutput, runScript, type Capture } from './capture-writer';
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
  it('publish animations with captions from params, in the rendition\'s theme, and decreasing linearisation error', async () => {
    const scripts = [(await import('../../figures/ntk/model-alpha.figure')).default, (await import('../../figures/ntk/loss-alpha.figure')).default];
    const outputs: Capture['outputs'] = {};
    const data: Capture['data'] = {};
    for (const s of scripts) {
      const c = await runScript(s, { frames: 4, samples: 120 });
      Object.assign(outputs, c.outputs);
      Object.assign(data, c.data);
    }
    expect(Object.keys(outputs).sort()).toEqual(['loss-alpha-dynamic', 'loss-alpha-fixed', 'model-alpha']);
    for (const id of ['loss-alpha-dynamic', 'loss-alpha-fixed']) {
      const o = outputs[id];
      expect(o.kind === 'animated' && o.spec.frames).toBe(4);
      expect(o.spec.slot).toBe('half');
      expect(o.meta.alt).toMatch(/from 1 to 2154/);
      expect(o.meta.notes).toMatch(/4 frames/);
      expect(o.meta.alt.length).toBeGreaterThan(40);
      const { rec } = await drawOutput(o, PHONE_DARK, 3);
      expect([...colorsUsed(rec)].some((c) => lightTheme.palette.includes(c) || c === lightTheme.foreground)).toBe(false);
    }
    const rel = data['loss-alpha'].relativeGap as number[];
    for (let i = 1; i < rel.length; i++) expect(rel[i]).toBeLessThan(rel[i - 1]);
    expect(() => scripts[0].params.parse({ frames: 0 })).toThrow();
    expect(() => scripts[1].params.parse({ lossRange: [8, -0.1] })).toThrow();
    expect(Object.keys(scripts[1].params.parse({}))).not.toContain('width');
  });

  it('loss-alpha-dynamic: the plot box stays put although the zooming tick labels change width', async () => {
    const lossAlpha = await import('../../figures/ntk/loss-alpha.figure');
    const p = lossAlpha.lossAlphaParams.parse({ samples: 120 });
    const frames = lossAlpha.lossFrames(p, true);
    const picked = [frames[0], frames[frames.length - 1]];
    const r = makeRendition(DESKTOP_LIGHT, 'half');
    // Unlocked, the two frames would put the plot at different places (the test would otherwise prove nothing).
    const [a, b] = picked.map((f) => lossAlpha.lossAlphaFrame(p, f, r).measureInsets()[0]);
    expect(a.left).not.toBeCloseTo(b.left, 0);
    // Through the real renderer, the GIF's frames have the plot's left edge in the same pixel column.
    const files: Record<string, Uint8Array> = {};
    await renderAnimated('t', { slot: 'half', frames: 2, draw: (rr, i) => lossAlpha.lossAlphaFrame(p, picked[i], rr) }, (f, bytes) => { files[f] = bytes; });
    const gif = Object.entries(files).find(([f]) => f.startsWith('t.desktop-light') && f.endsWith('.gif'))![1];
    const { data: px, info } = await sharp(Buffer.from(gif), { animated: true }).raw().toBuffer({ resolveWithObject: true });
    const H = info.pageHeight!, W = info.width;
    const leftEdge = (page: number) => {
      // The first column holding a dark vertical line over half the page height: the plot frame.
      for (let x = 0; x < W; x++) {
        let run = 0, best = 0;
        for (let y = 0; y < H; y++) {
          const i = ((page * H + y) * W + x) * info.channels;
          run = px[i] + px[i + 1] + px[i + 2] < 300 ? run + 1 : 0;
          best = Math.max(best, run);
        }
        if (best > H / 2) return x;
      }
      return -1;
    };
    expect(leftEdge(0)).toBeGreaterThan(0);
    expect(leftEdge(1)).toBe(leftEdge(0));
  });
});
