/**
 * `loss-alpha-fixed` and `loss-alpha-dynamic`: the normalised loss
 * (ȳ − f(x, w))²/α² of the toy model and its linearised parabola as α grows.
 * Both minimisers approach w0 (like 1/α) and each other (like 1/α²); the
 * dynamic version zooms towards w0 so the shrinking gap stays visible.
 * The two are shown side by side (slot 'half'). Model maths and the
 * derivation of those rates: ./toy-model.ts.
 */
import { z } from 'zod';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
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
});

export type LossAlphaParams = z.output<typeof lossAlphaParams>;

/** Axes window of frame k: fixed, or shrunk geometrically towards w0 (dynamic). */
export function lossWindow(p: LossAlphaParams, k: number, dynamic: boolean): { w: [number, number]; loss: [number, number] } {
  const sw = dynamic ? p.wShrink ** k : 1, sl = dynamic ? p.lossShrink ** k : 1;
  return { w: [W0 - p.wHalfRange * sw, W0 + p.wHalfRange * sw], loss: [p.lossRange[0] * sl, p.lossRange[1] * sl] };
}

/** The curves of one frame, sampled once in render() so drawing is cheap. */
export interface LossFrame { alpha: number; win: ReturnType<typeof lossWindow>; ws: Float64Array; model: Float64Array; lin: Float64Array; at0: number }

export function lossFrames(p: LossAlphaParams, dynamic: boolean): LossFrame[] {
  return Array.from(alphaSchedule(p.frames, p.maxExponent), (alpha, k) => {
    const win = lossWindow(p, k, dynamic);
    const ws = linspace(win.w[0], win.w[1], p.samples);
    return {
      alpha, win, ws,
      model: ws.map((w) => loss(alpha, p.x, p.yBar, w)),
      lin: ws.map((w) => linearisedLoss(alpha, p.x, p.yBar, w)),
      at0: loss(alpha, p.x, p.yBar, W0),
    };
  });
}

export function lossAlphaFrame(p: LossAlphaParams, f: LossFrame, r: Rendition) {
  const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
  const xLabel = 'Parameter $w$';
  const ax = fig.axes({
    x: { domain: f.win.w, label: xLabel },
    y: { domain: f.win.loss, label: 'Loss $(\\bar y - f)^2/\\alpha^2$' },
    title: `$\\alpha = ${formatAlpha(f.alpha)}$`,
    // Measured over all frames (fixed and zooming, phone and half): the upper
    // right is the emptiest corner; the steep branch of the model's loss grazes
    // the legend's edge in some frames, where the other corners hide a whole branch.
    legend: 'upper right',
  });
  const pal = r.theme.palette;
  ax.line(f.ws, f.model, { color: pal[0], label: 'Model' });
  ax.line(f.ws, f.lin, { color: pal[1], dash: [9, 5], label: 'Linearised' });
  ax.scatter([W0], [f.at0], { color: r.theme.foreground, radius: 5, label: '$w_0$' });
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
    const pending: Promise<void>[] = [];
    for (const dynamic of [false, true]) {
      const id = dynamic ? 'loss-alpha-dynamic' : 'loss-alpha-fixed';
      const frames = lossFrames(p, dynamic);
      const last = frames[frames.length - 1].win;
      pending.push(out.animated(id, {
        slot: 'half',
        frames: p.frames,
        draw: (r, k) => lossAlphaFrame(p, frames[k], r),
        delay: p.delayMs,
        palette: { maxColors: p.paletteColors },
        poster: 'last',
      }, {
        alt:
          `Animation: the normalised loss of a one-parameter model and the parabola of its linearisation at w0 = ${W0}, ` +
          `for output scales α from 1 to ${aMax}` +
          (dynamic ? `, with axes zooming in on w0.` : ` on fixed axes.`) +
          ` Both minima move towards w0 and towards each other as α grows.`,
        caption: dynamic
          ? `The same, with axes zooming in on $w_0$ to keep the gap between the two minima in view.`
          : `Loss $(\\bar y - f)^2/\\alpha^2$ of the model (solid) and of its linearisation at $w_0$ (dashed) as $\\alpha$ ` +
            `grows from 1 to ${aMax}, on fixed axes.`,
        notes:
          `Toy model at $x = ${p.x}$, $\\bar y = ${p.yBar}$, $w_0 = ${W0}$; ${p.frames} frames, $\\alpha$ log-spaced. ` +
          (dynamic
            ? `Each frame multiplies the $w$ half-range by ${p.wShrink} and the loss range by ${p.lossShrink}, ` +
              `from $w_0 \\pm ${p.wHalfRange}$ to $w_0 \\pm ${(last.w[1] - W0).toPrecision(2)}$ in the last frame.`
            : `Axes fixed at $w \\in w_0 \\pm ${p.wHalfRange}$, loss $\\in [${p.lossRange[0]}, ${p.lossRange[1]}]$.`) +
          ` The minimisers approach $w_0$ like $1/\\alpha$ and each other like $1/\\alpha^2$ (derivation in toy-model.ts; ` +
          `the exact values are in the data file).`,
      }));
      progress(dynamic ? 1 : 0.5, id);
    }
    await Promise.all(pending);
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
