/**
 * `lazy-rich`: how much the tangent kernel moves during training, over the
 * output scale α of Chizat, Oyallon & Bach (2019) and the width m. The model
 * is y = α (f(x, w) − f(x, w0)) with loss ½‖y − ȳ‖²/α² (src/numerics/
 * shallowTrain.ts), so every (α, m) follows the same function-space
 * dynamics to first order and trains for the same number of steps; only how
 * far the weights must travel differs (∝ 1/α). Measured: the relative change
 * ‖Θ_T − Θ_0‖_F / ‖Θ_0‖_F of the kernel on the training points, averaged over
 * seeds. Drawn as a heatmap on log–log axes with contours, slopes fitted in
 * the lazy corner (α ≥ 1).
 */
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Progress, type Rendition, type Rng } from '../../src/pipeline/contract';
import { DivergenceError, fitLine, initShallow, shallowNtk, trainShallow } from '../../src/numerics';
import { darkTheme } from '../../src/plot/theme';
import { clock, network, sig, trainingSet, type Clock } from './setup';

export const lazyRichParams = z.object({
  /** log10 α from, to, step. */
  log10Alpha: z.tuple([z.number(), z.number(), z.number().positive()]).default([-1.5, 2, 0.5]),
  /** Widths 2^k for k in this range (inclusive). */
  log2Width: z.tuple([z.number().int().min(1), z.number().int().max(16)]).default([4, 11]),
  seeds: z.number().int().min(1).max(20).default(4),
  lrFraction: z.number().positive().max(1.9).default(0.9),
  decays: z.number().positive().default(1),
  /** Smallest α of the lazy corner where slopes are fitted. */
  lazyAlpha: z.number().positive().default(1),
  aspect: z.number().min(0.3).max(2).default(0.72),
  phoneAspect: z.number().min(0.3).max(2).default(1.05),
});

const relFrobenius = (a: Float64Array, b: Float64Array) => {
  let d = 0, n = 0;
  for (let i = 0; i < a.length; i++) { d += (a[i] - b[i]) ** 2; n += b[i] ** 2; }
  return Math.sqrt(d / n);
};

type LazyRichParams = z.output<typeof lazyRichParams>;

/** The grid measured: α across, width down, and the kernel change in each cell. */
interface Measured {
  c: Clock;
  alphas: number[];
  widths: number[];
  /** change[wi][ai]: geometric mean over seeds; NaN where training diverged. */
  change: number[][];
}

/**
 * Compute, first: train every (α, m) cell `seeds` times and measure the kernel's
 * relative change. Why the geometric mean over seeds: with ReLU a unit whose kink
 * crosses a training point changes the kernel by a jump of O(1/m); such rare jumps
 * make the arithmetic mean of few seeds heavy-tailed, while the typical (smooth)
 * change is what scales.
 */
function measure(p: LazyRichParams, rng: Rng, progress: Progress): Measured {
  const set = trainingSet(), c = clock(set.xs, p.lrFraction, p.decays);
  const [a0, a1, da] = p.log10Alpha;
  const alphas = Array.from({ length: Math.round((a1 - a0) / da) + 1 }, (_, i) => 10 ** (a0 + i * da));
  const widths = Array.from({ length: p.log2Width[1] - p.log2Width[0] + 1 }, (_, i) => 2 ** (p.log2Width[0] + i));
  const change = widths.map((m, wi) => {
    const row = alphas.map((alpha) => {
      let s = 0;
      for (let k = 0; k < p.seeds; k++) {
        const net = network(m), w = initShallow(net, rng), k0 = shallowNtk(net, w, set.xs, set.xs);
        try {
          trainShallow(net, w, set.xs, set.ys, { lr: c.lr, steps: c.steps, alpha });
        } catch (e) {
          if (e instanceof DivergenceError) return NaN;
          throw e;
        }
        s += Math.log(relFrobenius(shallowNtk(net, w, set.xs, set.xs), k0));
      }
      return Math.exp(s / p.seeds);
    });
    progress(((wi + 1) / widths.length) * 0.8, `width ${m}`);
    return row;
  });
  return { c, alphas, widths, change };
}

const meanSd = (v: number[]) => {
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  return { mean, sd: Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (v.length - 1)) };
};

/** Compute, second: log–log slopes in the lazy corner, per width against α and per α against width. */
function lazySlopes(p: LazyRichParams, { alphas, widths, change }: Measured) {
  const lazy = alphas.map((a, i) => (a >= p.lazyAlpha * (1 - 1e-9) ? i : -1)).filter((i) => i >= 0);
  const la = alphas.map(Math.log10);
  const lw = widths.map((m) => Math.log10(m));
  const inAlpha = widths.map((_, wi) => fitLine(lazy.map((i) => la[i]), lazy.map((i) => Math.log10(change[wi][i]))).slope);
  const inWidth = lazy.map((i) => fitLine(lw, widths.map((_, wi) => Math.log10(change[wi][i]))).slope);
  return { lazy, inAlpha, inWidth, sa: meanSd(inAlpha), sm: meanSd(inWidth) };
}

type Slopes = ReturnType<typeof lazySlopes>;

/** Draw: the heatmap (log10 of the change; rows from the widest, at the top, down), contours and the fitted slopes. */
function heatmapDrawing(p: LazyRichParams, { alphas, widths, change }: Measured, { sa, sm }: Slopes) {
  const da = p.log10Alpha[2];
  const rows = widths.length, cols = alphas.length;
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) values[r * cols + k] = Math.log10(change[rows - 1 - r][k]);
  const widthsDown = [...widths].reverse();
  const hx = Math.sqrt(10 ** da), hy = Math.SQRT2;
  const xDomain: [number, number] = [alphas[0] / hx, alphas[cols - 1] * hx];
  const yDomain: [number, number] = [widths[0] / hy, widths[rows - 1] * hy];
  const finite = Array.from(values).filter(Number.isFinite);
  // Colour range: whole decades below, and just past the largest change above (it saturates near 1).
  const cLo = Math.floor(Math.min(...finite)), cHi = Math.max(Math.log10(2), Math.max(...finite));
  // Contours at the decades below 1 (at order 1 the rich corner is too noisy for a line to mean much).
  const levels = Array.from({ length: -1 - cLo }, (_, i) => -1 - i);

  return (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
    const ax = fig.axes({
      x: { domain: xDomain, type: 'log', label: 'Output scale $\\alpha$' },
      y: { domain: yDomain, type: 'log', label: 'Width $m$' },
      colorbar: {
        label: r.narrow ? '$\\Delta\\Theta / \\Theta$' : 'Relative kernel change $\\|\\Theta_T - \\Theta_0\\| / \\|\\Theta_0\\|$',
        ticks: Array.from({ length: 1 - cLo }, (_, i) => cLo + i),
        tickFormat: (v) => `$10^{${v}}$`,
      },
      grid: false,
      legend: false,
    });
    ax.heatmap({ values, rows, cols, domain: [cLo, cHi], colormap: 'viridis', extent: [xDomain[0], xDomain[1], yDomain[1], yDomain[0]], resample: 'nearest' });
    // The lines sit on the heatmap, not on the page: light lines with a dark label halo
    // read on all of viridis in both schemes (the dark scheme's halo is that dark).
    ax.contour({
      x: alphas, y: widthsDown, values, levels, color: darkTheme.foreground, width: 1.6,
      levelLabel: (v) => `$10^{${v}}$`, labelHalo: darkTheme.halo,
    });
    const t = (x: number, y: number, s: string, anchor: 'start' | 'end' | 'middle') =>
      ax.text(x, y, s, { coords: 'axes', anchor, color: r.theme.foreground, halo: true, size: r.theme.fontSize.annotation });
    t(0.03, 0.05, r.narrow ? 'rich' : 'rich: the kernel moves', 'start');
    t(0.97, 0.91, r.narrow ? 'lazy' : 'lazy: the kernel stays put', 'end');
    t(0.97, 0.05, `$\\partial/\\partial\\log\\alpha$: $${sa.mean.toFixed(2)} \\pm ${sa.sd.toFixed(2)}$`, 'end');
    t(0.97, 0.14, `$\\partial/\\partial\\log m$: $${sm.mean.toFixed(2)} \\pm ${sm.sd.toFixed(2)}$`, 'end');
    return fig;
  };
}

/** Publish: the grid and the slopes as data, then the heatmap with its text. */
async function publish(out: OutputWriter, p: LazyRichParams, m: Measured, s: Slopes) {
  const { c, alphas, widths, change } = m, { lazy, inAlpha, inWidth, sa, sm } = s;
  out.data('lazy-rich', {
    alphas: alphas.map((v) => sig(v)),
    widths,
    seeds: p.seeds,
    lr: c.lr,
    steps: c.steps,
    change: change.map((row) => row.map((v) => (Number.isFinite(v) ? sig(v) : null))),
    lazyAlpha: p.lazyAlpha,
    slopeAlpha: { perWidth: inAlpha.map((v) => sig(v)), mean: sig(sa.mean), sd: sig(sa.sd) },
    slopeWidth: { perAlpha: inWidth.map((v) => sig(v)), mean: sig(sm.mean), sd: sig(sm.sd) },
  });
  await out.still('lazy-rich', { draw: heatmapDrawing(p, m, s) }, {
    alt:
      `Heatmap over output scale α (horizontal, log scale, ${alphas[0].toFixed(2)} to ${Math.round(alphas[alphas.length - 1])}) and width m (vertical, log scale, ${widths[0]} to ${widths[widths.length - 1]}) ` +
      `of how much the tangent kernel changes during training, with contour lines at powers of ten. The change is of order one in the ` +
      `bottom-left corner (small α, narrow) and falls towards the top right; contours run diagonally.`,
    caption:
      `Relative change of the tangent kernel on the training points, $\\|\\Theta_T - \\Theta_0\\|_F / \\|\\Theta_0\\|_F$, after training ` +
      `$y = \\alpha(f(x, w) - f(x, w_0))$ on the same eight points with loss $\\tfrac12\\|y - \\bar y\\|^2/\\alpha^2$ for ${c.steps} steps ` +
      `(geometric mean of ${p.seeds} seeds per cell; contours at powers of ten; grey: training diverged). Fitted in the lazy corner $\\alpha \\ge ${p.lazyAlpha}$: slope ` +
      `$${sa.mean.toFixed(2)} \\pm ${sa.sd.toFixed(2)}$ in $\\log\\alpha$ (mean ± sd over the ${widths.length} widths) and ` +
      `$${sm.mean.toFixed(2)} \\pm ${sm.sd.toFixed(2)}$ in $\\log m$ (over the ${lazy.length} values of $\\alpha$).`,
  });
}

export default defineFigure({
  id: 'kernel-regime/lazy-rich',
  title: 'Lazy and rich training: relative change of the tangent kernel over output scale and width',
  params: lazyRichParams,
  seed: 2023,
  async render({ params: p, rng, progress, out }) {
    const measured = measure(p, rng, progress);
    await publish(out, p, measured, lazySlopes(p, measured));
    progress(1, 'done');
  },
});
