/**
 * `gradient-asymptotics`, `hessian-asymptotics`, `kappa-asymptotics`: the
 * one-hidden-layer network f(x, w) = Σ b_i tanh(a_i x) at initialisation, at
 * one fixed input x ~ N(0, 1), over widths log-spaced from 5 to 2000.
 * ‖∇y‖₂ grows like √m, ‖∇²y‖₂ (Lanczos on exact Hessian-vector products)
 * stays O(1), and κ = ‖∇²y‖/‖∇y‖² falls like 1/m.
 *
 * The original drew one network per width; we draw `seeds` networks per
 * width and plot every one, their geometric mean and a ±1 sd band (in
 * log10), so the reader sees both the trend and the width-dependent noise.
 * The slope is the least-squares fit of log10(value) on log10(m) over all
 * networks (with equal seeds per width this equals the fit to the
 * geometric means).
 */
import { z } from 'zod';
import { fitLine, oneLayerStats, type LineFit } from '../../src/numerics';
import { defineFigure } from '../../src/pipeline/contract';
import { createFigure } from '../../src/plot';
import { logDomain, logSpacedWidths, logSummary } from '../shared/logScale';

export const asymptoticsParams = z
  .object({
    minWidth: z.number().int().min(1).default(5),
    maxWidth: z.number().int().max(100_000).default(2000),
    widthCount: z.number().int().min(3).max(40).default(10),
    /** Networks drawn per width (the original: 1). */
    seeds: z.number().int().min(1).max(500).default(24),
    /** The fixed input; omitted = one draw from N(0, 1) with the figure's seed, as in the original. */
    x: z.number().refine((v) => v !== 0 && Number.isFinite(v), 'x must be finite and non-zero (at x = 0 every derivative but ∂y/∂b vanishes)').optional(),
    /**
     * Lanczos: Krylov dimension cap and relative residual tolerance. The top
     * of this Hessian's spectrum is a dense cluster (σ'(a_i x)·|x| for every
     * unit with a_i x ≈ 0), so the residual shrinks slowly; but 40 steps give
     * the norm to ~2e-3 relative (checked against the closed form in
     * tests/figures/asymptotics.test.ts), ≈ 1e-3 in log10, far below the
     * seed-to-seed spread (≥ 0.02 in log10) the plot shows.
     */
    lanczosMaxIter: z.number().int().min(4).max(500).default(40),
    lanczosTol: z.number().positive().max(1e-2).default(1e-3),
    width: z.number().int().min(200).max(2000).default(720),
    height: z.number().int().min(150).max(2000).default(520),
    /** Device pixels per CSS pixel: stills are small, so draw them sharp for high-DPI screens. */
  pixelRatio: z.number().positive().max(3).default(2),
  })
  .refine((p) => p.maxWidth > p.minWidth, { message: 'maxWidth must exceed minWidth', path: ['maxWidth'] });

export type AsymptoticsParams = z.output<typeof asymptoticsParams>;

type Quantity = 'gradNorm' | 'hessianNorm' | 'kappa';

interface Panel {
  id: string;
  quantity: Quantity;
  title: string;
  yLabel: string;
  /** The exponent the theory predicts. */
  expected: number;
  /** Axis span in decades at least, so a flat line looks flat. */
  minDecades: number;
  describe: string;
  /** Caption's name for the quantity (TeX-in-text). */
  name: string;
  expectedTex: string;
}

const PANELS: Panel[] = [
  {
    id: 'gradient-asymptotics', quantity: 'gradNorm', title: 'Gradient norm', expected: 0.5, minDecades: 1,
    yLabel: '$\\|\\nabla_{\\boldsymbol w}\\, y\\|_2$', describe: 'the gradient norm ‖∇y‖₂',
    name: 'The gradient norm $\\|\\nabla_{\\boldsymbol w}\\, y\\|_2$', expectedTex: '$1/2$',
  },
  {
    id: 'hessian-asymptotics', quantity: 'hessianNorm', title: 'Hessian norm', expected: 0, minDecades: 2,
    yLabel: '$\\|\\nabla^2_{\\boldsymbol w}\\, y\\|_2$', describe: 'the Hessian operator norm ‖∇²y‖₂',
    name: 'The Hessian operator norm $\\|\\nabla^2_{\\boldsymbol w}\\, y\\|_2$', expectedTex: '$0$',
  },
  {
    id: 'kappa-asymptotics', quantity: 'kappa', title: '$\\kappa = \\|\\nabla^2 y\\|_2 \\,/\\, \\|\\nabla y\\|_2^2$', expected: -1, minDecades: 1,
    yLabel: '$\\kappa$', describe: 'κ = ‖∇²y‖₂ / ‖∇y‖₂²',
    name: 'The ratio $\\kappa = \\|\\nabla^2 y\\|_2 / \\|\\nabla y\\|_2^2$', expectedTex: '$-1$',
  },
];

const fmtSlope = (s: number) => (Math.abs(s) < 0.0005 ? '0.000' : s.toFixed(3));
const fmtX = (x: number) => x.toFixed(3);

export default defineFigure({
  id: 'ntk/asymptotics',
  title: 'One-hidden-layer network: gradient, Hessian and κ against width',
  params: asymptoticsParams,
  seed: 2019,
  render({ params: p, rng, progress, out }) {
    const x = p.x ?? rng.normal();
    const widths = logSpacedWidths(p.minWidth, p.maxWidth, p.widthCount);
    const lanczos = { maxIter: p.lanczosMaxIter, tol: p.lanczosTol };
    // Per width: one value per seed, for each quantity.
    const values: Record<Quantity, number[][]> = { gradNorm: [], hessianNorm: [], kappa: [] };
    let converged = 0, maxIterations = 0;
    // Work is ∝ width (HVPs and Lanczos vectors are O(m)); report progress by it.
    const totalWork = widths.reduce((s, m) => s + m, 0);
    let done = 0;
    for (const m of widths) {
      const g: number[] = [], h: number[] = [], k: number[] = [];
      for (let s = 0; s < p.seeds; s++) {
        const r = oneLayerStats(m, x, rng.fork(), lanczos);
        g.push(r.gradNorm); h.push(r.hessianNorm); k.push(r.kappa);
        if (r.converged) converged++;
        maxIterations = Math.max(maxIterations, r.lanczosIterations);
      }
      values.gradNorm.push(g); values.hessianNorm.push(h); values.kappa.push(k);
      done += m;
      progress(0.8 * (done / totalWork), `width ${m}`);
    }

    const allW: number[] = [];
    for (const m of widths) for (let s = 0; s < p.seeds; s++) allW.push(Math.log10(m));
    const fits = {} as Record<Quantity, LineFit>;
    for (const q of ['gradNorm', 'hessianNorm', 'kappa'] as const) {
      fits[q] = fitLine(allW, values[q].flat().map(Math.log10));
    }

    const xDomain: [number, number] = [widths[0] / 1.4, widths[widths.length - 1] * 1.4];
    const setup =
      `$f(x, \\boldsymbol w) = \\sum_{i=1}^m b_i \\tanh(a_i x)$, $a_i \\sim \\mathcal N(0, 1)$, ` +
      `$b_i \\sim \\mathcal N(0, 1/m)$, at the fixed input $x = ${fmtX(x)}$`;
    const sample =
      `${p.seeds} random network${p.seeds > 1 ? 's' : ''} per width, ${widths.length} widths from ${widths[0]} to ${widths[widths.length - 1]}`;
    PANELS.forEach((panel, i) => {
      const fit = fits[panel.quantity];
      const perWidth = values[panel.quantity];
      const summary = perWidth.map(logSummary);
      const fig = createFigure({ width: p.width, height: p.height, pixelRatio: p.pixelRatio });
      const pal = fig.theme.palette;
      const ax = fig.axes({
        x: { domain: xDomain, type: 'log', label: 'Width $m$' },
        y: { domain: logDomain(perWidth.flat(), panel.minDecades), type: 'log', label: panel.yLabel },
        title: panel.title,
        legend: panel.expected < 0 ? 'upper right' : panel.expected > 0 ? 'upper left' : 'upper right',
      });
      ax.band(widths, summary.map((s) => s.lo), summary.map((s) => s.hi), { color: pal[0], alpha: 0.18 });
      ax.scatter(allW.map((l) => 10 ** l), perWidth.flat(), { color: pal[0], alpha: 0.3, radius: 2.5, label: `Single networks (${p.seeds} per width)` });
      ax.line(widths, summary.map((s) => s.geoMean), { color: pal[0], label: 'Geometric mean $\\pm$ 1 sd' });
      ax.scatter(widths, summary.map((s) => s.geoMean), { color: pal[0], radius: 4 });
      const fitY = xDomain.map((w) => 10 ** (fit.intercept + fit.slope * Math.log10(w)));
      ax.line(xDomain, fitY, { color: pal[1], dash: [9, 5], width: 2, label: `Least-squares fit: slope $${fmtSlope(fit.slope)}$` });
      // The limit of ‖∇²y‖: the largest 2×2 block belongs to the unit with a_i x ≈ 0, where tanh' → 1, tanh'' → 0.
      if (panel.quantity === 'hessianNorm') ax.hline(Math.abs(x), { color: '#777777', width: 1.5, dash: [2, 4], label: `Large-$m$ limit $|x| = ${fmtX(Math.abs(x))}$` });
      out.image(panel.id, fig.png(), {
        pixelRatio: p.pixelRatio,
        alt:
          `Log-log plot of ${panel.describe} against the width m of a one-hidden-layer tanh network at initialisation, ` +
          `${sample}. The points lie along a straight line whose fitted slope is ${fit.slope.toFixed(2)} ` +
          `(theory: ${panel.expected}).`,
        caption:
          `${panel.name} of ` +
          `${setup}: ${sample}; the band is the geometric mean $\\pm$ one standard deviation in $\\log_{10}$. ` +
          (panel.quantity === 'gradNorm' ? '' : 'Operator norms come from Lanczos iteration on exact Hessian-vector products. ') +
          (panel.quantity === 'hessianNorm' ? `The dotted line is the large-width limit $|x|$. ` : '') +
          `The least-squares slope on log-log axes is ${fit.slope.toFixed(3)}; theory predicts ${panel.expectedTex}.`,
      });
      progress(0.8 + 0.2 * ((i + 1) / PANELS.length), panel.id);
    });

    const round = (v: number) => Number(v.toPrecision(8));
    out.data('asymptotics', {
      model: 'f(x, w) = sum_i b_i tanh(a_i x), a_i ~ N(0,1), b_i ~ N(0,1/m), no biases',
      x,
      seeds: p.seeds,
      widths,
      // residualBelowTol: runs whose Lanczos residual reached tol before maxIter. The rest stopped at maxIter
      // with the norm still within ~2e-3 of its closed form (the top of the spectrum is a dense cluster;
      // tests/figures/asymptotics.test.ts checks the accuracy).
      lanczos: { maxIter: p.lanczosMaxIter, tol: p.lanczosTol, residualBelowTol: converged, total: widths.length * p.seeds, maxIterations },
      gradNorm: values.gradNorm.map((r) => r.map(round)),
      hessianNorm: values.hessianNorm.map((r) => r.map(round)),
      kappa: values.kappa.map((r) => r.map(round)),
      slopes: { gradNorm: fits.gradNorm.slope, hessianNorm: fits.hessianNorm.slope, kappa: fits.kappa.slope },
      r2: { gradNorm: fits.gradNorm.r2, hessianNorm: fits.hessianNorm.r2, kappa: fits.kappa.r2 },
    });
  },
});
