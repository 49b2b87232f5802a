/**
 * `model-alpha`: the one-parameter model f(x, w) and its tangent line at w0 as
 * the output scale α grows (α log-spaced from 1 to 10^(10/3)). The curve's
 * bending over the fixed window shrinks relative to its slope, so the tangent
 * hugs it. Model maths in ./toy-model.ts.
 */
import { z } from 'zod';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
import { W0, alphaSchedule, linearisationError, linearised, linspace, model } from './toy-model';
import { formatAlpha, toyAnimationParams } from './toy-animation';

export const modelAlphaParams = toyAnimationParams.extend({
  /** Half-width of the w window around w0. */
  wHalfRange: z.number().positive().default(3),
  yRange: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'yRange must be increasing').default([-7, 7]),
  /** α of the poster frame (the first frame at or past it). */
  posterAlpha: z.number().min(1).default(10),
});

export type ModelAlphaParams = z.output<typeof modelAlphaParams>;

export function modelAlphaFrame(p: ModelAlphaParams, alpha: number, r: Rendition) {
  const ws = linspace(W0 - p.wHalfRange, W0 + p.wHalfRange, p.samples);
  const fs = ws.map((w) => model(alpha, p.x, w));
  const ls = ws.map((w) => linearised(alpha, p.x, w));
  const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
  const ax = fig.axes({
    x: { domain: [W0 - p.wHalfRange, W0 + p.wHalfRange], label: 'Parameter $w$' },
    y: { domain: p.yRange, label: `$f(${p.x}, w)$` },
    title: `$\\alpha = ${formatAlpha(alpha)}$`,
    legend: 'upper left',
  });
  const pal = r.theme.palette;
  ax.line(ws, fs, { color: pal[0], label: r.narrow ? 'Model' : 'Model $f(x, w)$' });
  ax.line(ws, ls, { color: pal[1], dash: [9, 5], label: r.narrow ? 'Tangent at $w_0$' : 'Linearisation at $w_0$' });
  ax.scatter([W0], [model(alpha, p.x, W0)], { color: r.theme.foreground, radius: 5.5, label: '$(w_0, f(x, w_0))$' });
  return fig;
}

export default defineFigure({
  id: 'ntk/model-alpha',
  title: 'A one-parameter model and its tangent line as α grows',
  params: modelAlphaParams,
  seed: 1,
  async render({ params: p, progress, out }) {
    const alphas = alphaSchedule(p.frames, p.maxExponent);
    const aMax = alphas[alphas.length - 1];
    // Poster: the frame where α first reaches 10 — the curve still bends visibly
    // while the tangent already follows it (the last frame is a near-vertical line).
    const posterFrame = Math.max(0, alphas.findIndex((a) => a >= p.posterAlpha));
    await out.animated('model-alpha', {
      frames: p.frames,
      draw: (r, k) => modelAlphaFrame(p, alphas[k], r),
      delay: p.delayMs,
      palette: { maxColors: p.paletteColors },
      poster: posterFrame,
    }, {
      alt:
        `Animation: the curve of a one-parameter model f(${p.x}, w) and its tangent line at w0 = ${W0}, ` +
        `for output scales α from 1 to ${Math.round(aMax)}. As α grows the curve steepens and, within the fixed ` +
        `window, becomes nearly indistinguishable from its tangent line.`,
      caption:
        `The model $f(x, w) = \\alpha\\,(wx + w^2x + \\sin(e^{0.1w}))(w - ${W0})$ at $x = ${p.x}$ (solid) and its ` +
        `linearisation at $w_0 = ${W0}$ (dashed), for $\\alpha$ from 1 to ${Math.round(aMax)} over ${p.frames} frames ` +
        `(log-spaced). The output at $w_0$ stays 0; as $\\alpha$ grows the tangent line follows the curve over the ` +
        `whole window $w_0 \\pm ${p.wHalfRange}$, $f \\in [${p.yRange[0]}, ${p.yRange[1]}]$.`,
    });
    const errors = Array.from(alphas, (a) => linearisationError(a, p.x, 3));
    out.data('model-alpha', {
      x: p.x,
      w0: W0,
      alpha: Array.from(alphas),
      slopeAtW0: Array.from(alphas, (a) => linearised(a, p.x, W0 + 1)),
      // Largest |f − f_lin| where f stays inside the plotted y range, per α;
      // null when no sample of the curve is in view ("no data", not "no gap").
      maxVisibleGap: Array.from(alphas, (a) => {
        let m: number | null = null;
        for (const w of linspace(W0 - p.wHalfRange, W0 + p.wHalfRange, p.samples)) {
          const f = model(a, p.x, w), l = linearised(a, p.x, w);
          if (f >= p.yRange[0] && f <= p.yRange[1]) m = Math.max(m ?? 0, Math.abs(f - l));
        }
        return m;
      }),
      kappa: errors.map((e) => e.kappa),
    });
  },
});
