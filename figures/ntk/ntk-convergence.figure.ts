/**
 * `ntk-convergence`: the empirical NTK of randomly initialised 2-hidden-layer
 * ReLU networks (our standard/LeCun parametrisation with biases, see
 * src/numerics/README.md) against the analytic infinite-width kernel. In this
 * parametrisation Θ grows ∝ m, so we plot Θ/m, which converges to
 * `reluNtkInfinite` (numerics' analyticNtk.ts derives the normalisation).
 *
 * Three panels show the slice x ↦ Θ(x, x₀)/m for several networks of width
 * 10, 100 and 1000 (thin lines), their mean, and Θ∞(x, x₀); the fourth
 * panel shows, for every network, the relative Frobenius distance
 * ‖Θ/m − Θ∞‖_F / ‖Θ∞‖_F over the whole Gram matrix of the input grid, against
 * width on log-log axes, with its fitted slope (theory: −½, the fluctuations
 * of a sum of m independent unit contributions; the O(1/m) finite-width bias
 * is smaller at all but the smallest widths).
 */
import { z } from 'zod';
import { createMlp, fitLine, initParams, linspace, ntkGram, reluNtkInfiniteFor, type LineFit } from '../../src/numerics';
import { defineFigure, type OutputWriter, type Progress, type Rendition, type Rng } from '../../src/pipeline/contract';
import type { Figure } from '../../src/plot';
import { logDomain, logSummary } from '../shared/logScale';
import { kernelStats, type KernelStatsResult } from './kernelStats';

const increasing = (a: number[]) => a.every((v, i) => i === 0 || v > a[i - 1]);

export const ntkConvergenceParams = z
  .object({
    /** Widths measured for the distance panel (increasing). */
    widths: z.array(z.number().int().positive().max(4000)).min(3).refine(increasing, 'widths must be increasing').default([10, 30, 100, 300, 1000]),
    /** Widths whose kernels are drawn (each must be one of `widths`). */
    shownWidths: z.array(z.number().int().positive()).min(1).max(3).default([10, 100, 1000]),
    /** Hidden layers. */
    depth: z.number().int().min(1).max(4).default(2),
    /** Random networks per width. */
    seeds: z.number().int().min(2).max(100).default(12),
    /** Input grid [xMin, xMax] with `points` points, and the fixed second argument x₀ of the drawn slice. */
    xMin: z.number().default(-3),
    xMax: z.number().default(3),
    points: z.number().int().min(5).max(400).default(41),
    x0: z.number().default(1),
    /** Height ÷ width: desktop (2×2 panels) and phone (panels stacked in one column). */
    aspect: z.number().min(0.3).max(2).default(0.86),
    phoneAspect: z.number().min(1).max(5).default(3.1),
  })
  .refine((p) => p.xMax > p.xMin, { message: 'xMax must exceed xMin', path: ['xMax'] })
  .refine((p) => p.shownWidths.every((w) => p.widths.includes(w)), { message: 'every shown width must be one of widths', path: ['shownWidths'] });

export type NtkConvergenceParams = z.output<typeof ntkConvergenceParams>;

type Rect = [number, number, number, number];

/**
 * Panel rectangles (fractions of the page). Each axes lays out its own
 * margins inside its rectangle, so rectangles that touch put one panel's x
 * label right against the next one's title: leave a gap between rows (and
 * columns). Phones stack the four panels in one column.
 */
export function panelRects(r: Pick<Rendition, 'layout'>): Rect[] {
  if (r.layout === 'phone') {
    const gap = 0.012;
    return [0, 1, 2, 3].map((k) => [0, k / 4 + (k ? gap : 0), 1, (k + 1) / 4 - (k < 3 ? gap : 0)] as Rect);
  }
  const gy = 0.025, gx = 0.02;
  return [[0, 0, 0.5 - gx, 0.5 - gy], [0.5 + gx, 0, 1, 0.5 - gy], [0, 0.5 + gy, 0.5 - gx, 1], [0.5 + gx, 0.5 + gy, 1, 1]];
}

/** One width's networks: the distance statistics of their kernels, and the slices of the drawn widths. */
interface WidthKernels extends KernelStatsResult {
  m: number;
  /** Θ(x, x₀)/m on the grid, one per network; empty unless m is a shown width. */
  slices: number[][];
}

/** What was measured: the grid, the limit kernel's slice, and every width's kernels. */
interface Measured {
  grid: Float64Array;
  infSlice: number[];
  perWidth: WidthKernels[];
}

/**
 * Compute: the Gram matrix of `seeds` random networks per width, divided by m,
 * against the analytic limit. Kernels are streamed into statistics, not kept.
 */
function measure(p: NtkConvergenceParams, rng: Rng, progress: Progress): Measured {
  const grid = linspace(p.xMin, p.xMax, p.points);
  // The Gram matrix on grid ∪ {x₀}: its last column is the drawn slice Θ(x, x₀).
  const xs = new Float64Array(p.points + 1);
  xs.set(grid); xs[p.points] = p.x0;
  const N = xs.length;
  const infinite = reluNtkInfiniteFor(createMlp({ depth: p.depth, width: 1 }), xs);
  const column = (K: Float64Array) => Array.from({ length: p.points }, (_, i) => K[i * N + p.points]);
  const infSlice = column(infinite);

  // Work ∝ m² per network (the hidden-to-hidden layers); report progress by it.
  const totalWork = p.widths.reduce((s, m) => s + m * m, 0) * p.seeds;
  let done = 0;
  const perWidth = p.widths.map((m) => {
    const net = createMlp({ depth: p.depth, width: m });
    const stats = kernelStats(infinite, N);
    const slices: number[][] = [];
    const K = new Float64Array(N * N);
    for (let s = 0; s < p.seeds; s++) {
      const w = initParams(net, rng.fork());
      ntkGram(net, w, xs, K);
      for (let i = 0; i < K.length; i++) K[i] /= m;
      stats.add(K);
      if (p.shownWidths.includes(m)) slices.push(column(K));
      done += m * m;
      progress(0.85 * (done / totalWork), `width ${m}, network ${s + 1}`);
    }
    return { m, slices, ...stats.result() };
  });
  return { grid, infSlice, perWidth };
}

/** Compute, second: log–log fits against width of every network's distance, and of the spread. */
function fitDistances(perWidth: readonly WidthKernels[]) {
  const lw: number[] = [], lErr: number[] = [];
  for (const r of perWidth) for (const e of r.relErrors) { lw.push(Math.log10(r.m)); lErr.push(Math.log10(e)); }
  const errFit = fitLine(lw, lErr);
  const spreadFit = fitLine(perWidth.map((r) => Math.log10(r.m)), perWidth.map((r) => Math.log10(r.relSpread)));
  return { lw, lErr, errFit, spreadFit };
}

type Fits = ReturnType<typeof fitDistances>;

/** Layout: the axis ranges and the plotted arrays of the slice panels and of the distance panel. */
function layout(p: NtkConvergenceParams, { grid, infSlice, perWidth }: Measured, { lw, lErr, errFit }: Fits) {
  const infMax = Math.max(...infSlice), infMin = Math.min(0, ...infSlice);
  // A fixed range from the limit kernel, shared by the panels; the widest spread (m = 10) may leave it.
  const yDomain: [number, number] = [infMin - 0.25 * infMax, 1.9 * infMax];
  const shownData = p.shownWidths.map((m) => {
    const r = perWidth.find((q) => q.m === m)!;
    const flat = new Float64Array(r.slices.length * p.points);
    r.slices.forEach((sl, i) => flat.set(sl, i * p.points));
    const mean = grid.map((_, i) => r.slices.reduce((s, sl) => s + sl[i], 0) / r.slices.length);
    return { m, count: r.slices.length, flat, mean };
  });
  const errDomain: [number, number] = [p.widths[0] / 1.5, p.widths[p.widths.length - 1] * 1.5];
  return {
    yDomain, shownData, errDomain,
    errY: logDomain(perWidth.flatMap((r) => r.relErrors), 1),
    pointsW: lw.map((l) => 10 ** l), pointsE: lErr.map((l) => 10 ** l),
    gm: perWidth.map((r) => logSummary(r.relErrors).geoMean),
    fitY: errDomain.map((w) => 10 ** (errFit.intercept + errFit.slope * Math.log10(w))),
  };
}

type Layout = ReturnType<typeof layout>;

/** Draw: the first panels, one per shown width: the networks' slices, their mean and the limit. */
function drawSlicePanels(p: NtkConvergenceParams, grid: Float64Array, infSlice: number[], l: Layout, fig: Figure, r: Rendition) {
  const pal = r.theme.palette, rects = panelRects(r);
  l.shownData.forEach((d, k) => {
    const ax = fig.axes({
      rect: rects[k],
      x: { domain: [p.xMin, p.xMax], label: '$x$' },
      y: { domain: l.yDomain, label: `$\\Theta(x, x_0)/m$` },
      title: `Width $m = ${d.m}$`,
      // The widest panel's curves reach the top left; the last one's stay low there, so its legend covers nothing.
      legend: k === l.shownData.length - 1 ? 'upper left' : false,
    });
    ax.lines(grid, d.flat, d.count, { color: pal[0], alpha: r.theme.scheme === 'dark' ? 0.5 : 0.35, width: 1.2, label: r.narrow ? `${p.seeds} networks` : `${p.seeds} random networks` });
    ax.line(grid, d.mean, { color: pal[0], width: 2.5, label: 'Their mean' });
    ax.line(grid, infSlice, { color: r.theme.foreground, width: 2.2, dash: [8, 5], label: r.narrow ? '$\\Theta^\\infty$' : 'Infinite width $\\Theta^\\infty$' });
    ax.vline(p.x0, { color: r.theme.reference, width: 1, dash: [3, 4] });
  });
}

/** Draw: the last panel, every network's distance to the limit against width, with its fit. */
function drawDistancePanel(p: NtkConvergenceParams, errFit: LineFit, l: Layout, fig: Figure, r: Rendition) {
  const pal = r.theme.palette;
  const ax = fig.axes({
    rect: panelRects(r)[3],
    x: { domain: l.errDomain, type: 'log', label: 'Width $m$' },
    // Twice the decade above the data: headroom that keeps the upper-right legend clear of the highest networks.
    y: { domain: [l.errY[0], 2 * l.errY[1]], type: 'log', label: r.narrow ? 'Rel. distance' : 'Relative distance to $\\Theta^\\infty$' },
    title: '$\\|\\Theta/m - \\Theta^\\infty\\|_F \\,/\\, \\|\\Theta^\\infty\\|_F$',
    legend: 'upper right',
  });
  ax.scatter(l.pointsW, l.pointsE, { color: pal[0], alpha: r.theme.scheme === 'dark' ? 0.5 : 0.35, radius: 2.5, label: 'One network' });
  ax.line(p.widths, l.gm, { color: pal[0], label: r.narrow ? 'Geo. mean' : 'Geometric mean' });
  ax.scatter(p.widths, l.gm, { color: pal[0], radius: 4 });
  ax.line(l.errDomain, l.fitY, { color: pal[1], dash: [9, 5], width: 2, label: `Fit: slope $${errFit.slope.toFixed(2)}$` });
}

/** Publish: the four panels, with text quoting the fitted slope. */
async function publishFigure(out: OutputWriter, p: NtkConvergenceParams, m: Measured, fits: Fits, l: Layout) {
  const { errFit } = fits;
  const draw = (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
    drawSlicePanels(p, m.grid, m.infSlice, l, fig, r);
    drawDistancePanel(p, errFit, l, fig, r);
    return fig;
  };
  const shown = p.shownWidths.join(', ');
  await out.still('ntk-convergence', { draw }, {
    alt:
      `Three panels plot the neural tangent kernel Θ(x, x0)/m with x0 = ${p.x0} over x from ${p.xMin} to ${p.xMax} for ` +
      `${p.seeds} random ${p.depth}-hidden-layer ReLU networks each of widths ${shown}, with the analytic infinite-width ` +
      `kernel as a dashed line: the curves scatter widely at width ${p.shownWidths[0]} and hug the dashed line at ` +
      `width ${p.shownWidths[p.shownWidths.length - 1]}. A fourth, log-log panel shows the relative distance to the ` +
      `infinite-width kernel falling with width with fitted slope ${errFit.slope.toFixed(2)}.`,
    caption:
      `The tangent kernel of ${p.seeds} random ${p.depth}-hidden-layer ReLU networks per width, divided by $m$ ` +
      `(with LeCun initialisation $\\Theta$ itself grows $\\propto m$), against its infinite-width limit $\\Theta^\\infty$ (dashed). ` +
      `Last panel: relative distance to $\\Theta^\\infty$, slope $${errFit.slope.toFixed(2)}$ (theory $-1/2$).`,
    notes:
      `Why $\\Theta/m$: we initialise as PyTorch-style code does (LeCun, weights $\\sim \\mathcal N(0, 1/\\text{fan-in})$, ` +
      `biases uniform in $\\pm 1/\\sqrt{\\text{fan-in}}$), not in the NTK parameterisation. Each of the $m$ units of a hidden layer ` +
      `then adds a term of order 1 to $\\Theta(x, x') = \\langle \\nabla_{\\boldsymbol w} f(x, \\boldsymbol w), \\nabla_{\\boldsymbol w} f(x', \\boldsymbol w) \\rangle$, so the raw kernel grows linearly with $m$; ` +
      `$\\Theta/m$ converges to the analytic kernel $\\Theta^\\infty$ (arc-cosine recursion, normalised as $\\lim \\Theta/m$). ` +
      `Panels 1–${p.shownWidths.length}: the slice $\\Theta(x, x_0)/m$ at $x_0 = ${p.x0}$ (dotted line) for ${p.seeds} random ` +
      `networks of width ${shown}, and their mean. Last panel: relative Frobenius distance $\\|\\Theta/m - \\Theta^\\infty\\|_F / \\|\\Theta^\\infty\\|_F$ ` +
      `on ${p.points} inputs in $[${p.xMin}, ${p.xMax}]$ for widths ${p.widths.join(', ')}, one dot per network; the ` +
      `least-squares slope on log-log axes is close to the $-1/2$ of random fluctuations that average out over $m$ units.`,
  });
}

/** Data: the limit's slice, every network's distance, each width's spread and mean error, and both slopes. */
function publishData(out: OutputWriter, p: NtkConvergenceParams, { grid, infSlice, perWidth }: Measured, { errFit, spreadFit }: Fits) {
  const r6 = (v: number) => Number(v.toPrecision(6));
  out.data('ntk-convergence', {
    network: `${p.depth} hidden ReLU layers, LeCun weights N(0, 1/fan_in), biases U(±1/sqrt(fan_in)); kernel divided by m`,
    depth: p.depth,
    grid: Array.from(grid, r6),
    x0: p.x0,
    seeds: p.seeds,
    infiniteSlice: infSlice.map(r6),
    widths: perWidth.map((r) => ({
      m: r.m,
      /** ‖Θ/m − Θ∞‖_F / ‖Θ∞‖_F per network (Gram on grid ∪ {x0}). */
      relErrors: r.relErrors.map(r6),
      /** RMS over entries of the across-seed standard deviation of Θ/m, over RMS(Θ∞). */
      relSpread: r6(r.relSpread),
      /** ‖mean over seeds of Θ/m − Θ∞‖_F / ‖Θ∞‖_F. */
      relMeanError: r6(r.relMeanError),
      slices: r.slices.length ? r.slices.map((s) => s.map(r6)) : undefined,
    })),
    slopes: { relError: errFit.slope, relSpread: spreadFit.slope },
  });
}

export default defineFigure({
  id: 'ntk/ntk-convergence',
  title: 'Empirical NTK approaching the infinite-width kernel as width grows',
  params: ntkConvergenceParams,
  seed: 1806,
  async render({ params: p, rng, progress, out }) {
    const measured = measure(p, rng, progress);
    const fits = fitDistances(measured.perWidth);
    const drawn = layout(p, measured, fits);
    progress(0.9, 'measured');
    await publishFigure(out, p, measured, fits, drawn);
    publishData(out, p, measured, fits);
    progress(1, 'done');
  },
});
