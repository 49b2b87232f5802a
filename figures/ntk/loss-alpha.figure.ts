/**
 * `loss-alpha-fixed` and `loss-alpha-dynamic`: the normalised loss
 * (ȳ − f(x, w))²/α² of the toy model and its linearised parabola as α grows.
 * Both minimisers approach w0 (like 1/α) and each other (like 1/α²); the
 * dynamic version zooms towards w0 so the shrinking gap stays visible.
 * Model maths and the derivation of those rates: ./toy-model.ts.
 */
import { z } from 'zod';
import { defineFigure } from '../../src/pipeline/contract';
import { createFigure } from '../../src/plot';
import { encodeAnimation } from '../../src/gif';
import { W0, alphaSchedule, linearisationError, linearisedLoss, linspace, loss } from './toy-model';
import { formatAlpha, toyAnimationParams } from './toy-animation';

export const lossAlphaParams = toyAnimationParams.extend({
  yBar: z.number().refine((v) => v !== 0, 'yBar must be non-zero').default(3),
  /** Fixed axes: w ∈ w0 ± wHalfRange, loss ∈ lossRange. */
  wHalfRange: z.number().positive().default(1.5),
  lossRange: z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'lossRange must be increasing').default([-0.1, 8]),
  /** Dynamic axes: per frame, the w half-range and the loss range are multiplied by these. */
  wShrink: z.number().positive().max(1).default(0.95),
  lossShrink: z.number().positive().max(1).default(0.91),
  /** The two loss animations are shown side by side (about 420 CSS px each on a desktop),
   *  so they are drawn smaller than a full-width figure to keep their text legible. */
  width: z.number().int().min(200).max(2000).default(600),
  height: z.number().int().min(150).max(2000).default(456),
});

export type LossAlphaParams = z.output<typeof lossAlphaParams>;

/** Axes window of frame k: fixed, or shrunk geometrically towards w0 (dynamic). */
export function lossWindow(p: LossAlphaParams, k: number, dynamic: boolean): { w: [number, number]; loss: [number, number] } {
  const sw = dynamic ? p.wShrink ** k : 1, sl = dynamic ? p.lossShrink ** k : 1;
  return { w: [W0 - p.wHalfRange * sw, W0 + p.wHalfRange * sw], loss: [p.lossRange[0] * sl, p.lossRange[1] * sl] };
}

export function lossAlphaFrame(p: LossAlphaParams, alpha: number, k: number, dynamic: boolean) {
  const win = lossWindow(p, k, dynamic);
  const ws = linspace(win.w[0], win.w[1], p.samples);
  const fig = createFigure({ width: p.width, height: p.height, pixelRatio: p.pixelRatio });
  const ax = fig.axes({
    x: { domain: win.w, label: 'Parameter $w$' },
    y: { domain: win.loss, label: `Loss at $x = ${p.x}$, $\\bar y = ${p.yBar}$` },
    title: `$\\alpha = ${formatAlpha(alpha)}$`,
    legend: 'upper left',
  });
  const pal = fig.theme.palette;
  ax.line(ws, ws.map((w) => loss(alpha, p.x, p.yBar, w)), { color: pal[0], label: 'Loss of the model' });
  ax.line(ws, ws.map((w) => linearisedLoss(alpha, p.x, p.yBar, w)), { color: pal[1], dash: [9, 5], label: 'Loss of the linearisation' });
  ax.scatter([W0], [loss(alpha, p.x, p.yBar, W0)], { color: '#222222', radius: 5.5, label: '$w_0$' });
  return fig;
}

export default defineFigure({
  id: 'ntk/loss-alpha',
  title: 'Normalised loss and its linearisation as α grows (fixed and zooming axes)',
  params: lossAlphaParams,
  seed: 1,
  async render({ params: p, progress, out }) {
    const alphas = alphaSchedule(p.frames, p.maxExponent);
    const aMax = Math.round(alphas[alphas.length - 1]);
    for (const dynamic of [false, true]) {
      const id = dynamic ? 'loss-alpha-dynamic' : 'loss-alpha-fixed';
      const { gif, poster } = await encodeAnimation({
        frames: p.frames,
        render: (k) => lossAlphaFrame(p, alphas[k], k, dynamic),
        delay: p.delayMs,
        palette: { maxColors: p.paletteColors },
        poster: 'last',
        progress: (f) => progress((dynamic ? 0.5 : 0) + f / 2, id),
      });
      const last = lossWindow(p, p.frames - 1, dynamic);
      out.animation(id, gif, poster, {
        pixelRatio: p.pixelRatio,
        alt:
          `Animation: the normalised loss of a one-parameter model and the parabola of its linearisation at w0 = ${W0}, ` +
          `for output scales α from 1 to ${aMax}` +
          (dynamic ? `, with axes zooming in on w0.` : ` on fixed axes.`) +
          ` Both minima move towards w0 and towards each other as α grows.`,
        caption:
          `Normalised loss $(\\bar y - f(x, w))^2/\\alpha^2$ of the model (solid) and of its linearisation at ` +
          `$w_0 = ${W0}$ (dashed), $x = ${p.x}$, $\\bar y = ${p.yBar}$, for $\\alpha$ from 1 to ${aMax} over ${p.frames} frames. ` +
          (dynamic
            ? `The axes zoom towards $w_0$: each frame multiplies the $w$ half-range by ${p.wShrink} and the loss range by ` +
              `${p.lossShrink} (last frame: $w_0 \\pm ${(last.w[1] - W0).toPrecision(2)}$).`
            : `Fixed axes $w \\in w_0 \\pm ${p.wHalfRange}$, loss $\\in [${p.lossRange[0]}, ${p.lossRange[1]}]$.`),
      });
    }
    const errors = Array.from(alphas, (a) => linearisationError(a, p.x, p.yBar));
    out.data('loss-alpha', {
      x: p.x,
      yBar: p.yBar,
      w0: W0,
      alpha: Array.from(alphas),
      wMinLinearised: errors.map((e) => e.wLin),
      wMinTrue: errors.map((e) => e.wTrue),
      minimiserGap: errors.map((e) => e.minimiserGap),
      relativeGap: errors.map((e) => e.relativeGap),
      modelErrorAtLinearisedMin: errors.map((e) => e.modelErrorAtLinMin),
      kappa: errors.map((e) => e.kappa),
      dynamicWindow: Array.from(alphas, (_, k) => lossWindow(p, k, true)),
    });
  },
});
