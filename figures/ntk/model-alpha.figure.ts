/**
 * `model-alpha`: the one-parameter model f(x, w) and its tangent line at w0 as
 * the output scale α grows (α log-spaced from 1 to 10^(10/3)). The curve's
 * bending over the fixed window shrinks relative to its slope, so the tangent
 * hugs it. Model maths in ./toy-model.ts.
 */
import { z } from 'zod';
import { defineFigure } from '../../src/pipeline/contract';
import { createFigure } from '../../src/plot';
import { encodeAnimation } from '../../src/gif';
import { W0, alphaSchedule, linearisationError, linearised, linspace, model } from './toy-model';
import { formatAlpha, toyAnimationParams } from './toy-animation';

export const modelAlphaParams = toyAnimationParams.extend({
  /** Half-width of the w window around w0. */
  wHalfRange: z.number().positive().default(3),
  yRange: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'yRange must be increasing').default([-7, 7]),
});

export type ModelAlphaParams = z.output<typeof modelAlphaParams>;

export function modelAlphaFrame(p: ModelAlphaParams, alpha: number) {
  const ws = linspace(W0 - p.wHalfRange, W0 + p.wHalfRange, p.samples);
  const fs = ws.map((w) => model(alpha, p.x, w));
  const ls = ws.map((w) => linearised(alpha, p.x, w));
  const fig = createFigure({ width: p.width, height: p.height, pixelRatio: p.pixelRatio });
  const ax = fig.axes({
    x: { domain: [W0 - p.wHalfRange, W0 + p.wHalfRange], label: 'Parameter $w$' },
    y: { domain: p.yRange, label: `$f(${p.x}, w)$` },
    title: `$\\alpha = ${formatAlpha(alpha)}$`,
    legend: 'upper left',
  });
  const pal = fig.theme.palette;
  ax.line(ws, fs, { color: pal[0], label: 'Model $f(x, w)$' });
  ax.line(ws, ls, { color: pal[1], dash: [9, 5], label: 'Linearisation at $w_0$' });
  ax.scatter([W0], [model(alpha, p.x, W0)], { color: '#222222', radius: 5.5, label: '$(w_0, f(x, w_0))$' });
  return fig;
}

export default defineFigure({
  id: 'ntk/model-alpha',
  title: 'A one-parameter model and its tangent line as α grows',
  params: modelAlphaParams,
  seed: 1,
  async render({ params: p, progress, out }) {
    const alphas = alphaSchedule(p.frames, p.maxExponent);
    const { gif, poster } = await encodeAnimation({
      frames: p.frames,
      render: (k) => modelAlphaFrame(p, alphas[k]),
      delay: p.delayMs,
      palette: { maxColors: p.paletteColors },
      poster: 'last',
      progress: (f) => progress(f, 'model-alpha'),
    });
    const aMax = alphas[alphas.length - 1];
    out.animation('model-alpha', gif, poster, {
      pixelRatio: p.pixelRatio,
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
      // Largest |f − f_lin| where f stays inside the plotted y range, per α.
      maxVisibleGap: Array.from(alphas, (a) => {
        let m = 0;
        for (const w of linspace(W0 - p.wHalfRange, W0 + p.wHalfRange, p.samples)) {
          const f = model(a, p.x, w), l = linearised(a, p.x, w);
          if (f >= p.yRange[0] && f <= p.yRange[1]) m = Math.max(m, Math.abs(f - l));
        }
        return m;
      }),
      kappa: errors.map((e) => e.kappa),
    });
  },
});
