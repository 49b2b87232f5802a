/**
 * `linearisation-gap`: how far a trained network strays from its
 * linearisation, against width. For each width and seed, the largest RMS
 * difference (over a plot grid, over the training run) between the network
 * and its linearisation around the same initialisation; then a log–log fit.
 * Lee et al. (2019) bound this gap by O(1/√m); the figure reports what the
 * fit gives. Same experiment and clock as `linearised-training`.
 */
import { z } from 'zod';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
import { fitLine } from '../../src/numerics';
import { logSpacedWidths, logSummary } from '../shared/logScale';
import { rmsGap, runCurves } from './curves';
import { PLOT_RANGE, clockParams, network, planRun, sig } from './setup';

export const linearisationGapParams = z.object({
  minWidth: z.number().int().min(2).default(64),
  maxWidth: z.number().int().max(100000).default(4096),
  widths: z.number().int().min(3).max(20).default(7),
  seeds: z.number().int().min(2).max(50).default(6),
  ...clockParams,
  /** Snapshots (log-spaced in time) at which the gap is measured. */
  snapshots: z.number().int().min(2).default(16),
  samples: z.number().int().min(10).max(2000).default(81),
  aspect: z.number().min(0.3).max(2).default(0.62),
  phoneAspect: z.number().min(0.3).max(2).default(0.85),
});

export default defineFigure({
  id: 'kernel-regime/linearisation-gap',
  title: 'Gap between a trained network and its linearisation, against width',
  params: linearisationGapParams,
  seed: 2020,
  async render({ params: p, rng, progress, out }) {
    const { set, clock: c, grid, steps } = planRun(p, p.snapshots);
    const widths = logSpacedWidths(p.minWidth, p.maxWidth, p.widths);
    // gaps[w][s]: sup over snapshots of the RMS gap on the grid.
    const gaps = widths.map((m, wi) => Array.from({ length: p.seeds }, () => {
      const run = runCurves(network(m), set, grid, c.lr, steps, rng.fork(), false);
      progress((wi + 0.5) / widths.length * 0.8, `width ${m}`);
      return Math.max(...run.real.map((f, k) => rmsGap(f, run.linear[k])));
    }));
    const lx = widths.map((m) => Math.log10(m));
    const pooled = fitLine(lx.flatMap((v) => Array(p.seeds).fill(v)), gaps.flatMap((g) => g.map(Math.log10)));
    const perSeed = Array.from({ length: p.seeds }, (_, s) => fitLine(lx, gaps.map((g) => Math.log10(g[s]))).slope);
    const mean = perSeed.reduce((a, b) => a + b, 0) / p.seeds;
    const sd = Math.sqrt(perSeed.reduce((a, b) => a + (b - mean) ** 2, 0) / (p.seeds - 1));
    const summary = gaps.map((g) => logSummary(g));

    const all = gaps.flat();
    const yDomain: [number, number] = [10 ** Math.floor(Math.log10(Math.min(...all)) - 0.1), 10 ** Math.ceil(Math.log10(Math.max(...all)) + 0.1)];
    const xDomain: [number, number] = [widths[0] / 1.5, widths[widths.length - 1] * 1.5];
    const fitAt = (m: number) => 10 ** (pooled.intercept + pooled.slope * Math.log10(m));
    const ref = (m: number) => fitAt(widths[0]) * (m / widths[0]) ** -0.5;

    const draw = (r: Rendition) => {
      const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
      const ax = fig.axes({
        x: { domain: xDomain, type: 'log', label: 'Width $m$' },
        y: { domain: yDomain, type: 'log', label: r.narrow ? 'Gap' : '$\\sup_t$ RMS $|f_t - f^{\\mathrm{lin}}_t|$' },
        legend: 'lower left',
      });
      const pal = r.theme.palette;
      ax.line(xDomain, xDomain.map(ref), { color: r.theme.reference, width: 1.5, dash: [3, 4], label: r.narrow ? '$m^{-1/2}$' : 'Slope $-1/2$ (for reference)' });
      ax.line(xDomain, xDomain.map(fitAt), { color: pal[1], width: 2, dash: [8, 5], label: `Fit: slope $${pooled.slope.toFixed(2)} \\pm ${sd.toFixed(2)}$` });
      const sx = widths.flatMap((m) => Array(p.seeds).fill(m)), sy = gaps.flat();
      ax.scatter(sx, sy, { color: pal[0], radius: r.narrow ? 3 : 3.5, alpha: 0.6, label: r.narrow ? 'Seeds' : `${p.seeds} seeds per width` });
      ax.line(widths, summary.map((s) => s.geoMean), { color: r.theme.foreground, width: 2, label: r.narrow ? 'Geo. mean' : 'Geometric mean' });
      return fig;
    };

    out.data('linearisation-gap', {
      widths,
      seeds: p.seeds,
      lr: c.lr,
      steps: c.steps,
      snapshots: steps,
      gaps: gaps.map((g) => g.map((v) => sig(v))),
      slope: sig(pooled.slope),
      intercept: sig(pooled.intercept),
      perSeedSlopes: perSeed.map((v) => sig(v)),
      perSeedSlopeMean: sig(mean),
      perSeedSlopeSd: sig(sd),
    });
    await out.still('linearisation-gap', { draw }, {
      alt:
        `Log–log plot of the gap between a trained network and its linearisation against width, from ${widths[0]} to ${widths[widths.length - 1]}: ` +
        `${p.seeds} dots per width and their geometric mean fall along a straight line of slope about ${pooled.slope.toFixed(2)}, next to a dotted reference of slope −1/2.`,
      caption:
        `For each width $m$ and ${p.seeds} random initialisations: the largest root-mean-square difference, over $x \\in [${PLOT_RANGE[0]}, ${PLOT_RANGE[1]}]$ and over ` +
        `${steps.length} moments of the ${c.steps}-step run, between the trained network and its linearisation (same data, step size and initialisation ` +
        `as above). Least-squares fit on log–log axes: slope $${pooled.slope.toFixed(2)}$; fitting each seed's sweep alone gives ` +
        `$${mean.toFixed(2)} \\pm ${sd.toFixed(2)}$ (mean ± sd over seeds).`,
    });
    progress(1, 'done');
  },
});
