/**
 * `gradient-asymptotics`, `hessian-asymptotics`, `kappa-asymptotics`: the
 * one-hidden-layer network f(x, w) = Σ b_i tanh(a_i x) at initialisation, at
 * one fixed input x ~ N(0, 1), over widths log-spaced from 5 to 2000.
 * ‖∇y‖₂ grows like √m, ‖∇²y‖₂ stays O(1), and κ = ‖∇²y‖/‖∇y‖² falls like 1/m.
 *
 * ‖∇²y‖₂ is exact: the Hessian is block diagonal with one 2×2 block per unit
 * (numerics' `oneLayerHessianNorm`). Lanczos was used before; with 40 steps
 * it stopped short of the tight cluster at the top of the spectrum and put the
 * large-m points up to 0.6 % low, below the limit |x| that the exact norms
 * exceed.
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
import { defineFigure, type ImageMeta, type OutputWriter, type Rendition, type Rng } from '../../src/pipeline/contract';
import type { LegendPosition } from '../../src/plot';
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
    /** Height ÷ width on desktop, and on phones (taller, so three decades keep their slope). */
    aspect: z.number().min(0.3).max(2).default(0.68),
    phoneAspect: z.number().min(0.3).max(2).default(0.9),
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
  /** Where the legend covers no data: opposite the trend's high end. */
  legend: LegendPosition;
  describe: string;
  /** Caption's name for the quantity (TeX-in-text). */
  name: string;
  expectedTex: string;
}

const PANELS: Panel[] = [
  {
    id: 'gradient-asymptotics', quantity: 'gradNorm', title: 'Gradient norm', expected: 0.5, minDecades: 1, legend: 'upper left',
    yLabel: '$\\|\\nabla_{\\boldsymbol w}\\, y\\|_2$', describe: 'the gradient norm ‖∇y‖₂',
    name: 'The gradient norm $\\|\\nabla_{\\boldsymbol w}\\, y\\|_2$', expectedTex: '$1/2$',
  },
  {
    id: 'hessian-asymptotics', quantity: 'hessianNorm', title: 'Hessian norm', expected: 0, minDecades: 2, legend: 'upper right',
    yLabel: '$\\|\\nabla^2_{\\boldsymbol w}\\, y\\|_2$', describe: 'the Hessian operator norm ‖∇²y‖₂',
    name: 'The Hessian norm $\\|\\nabla^2_{\\boldsymbol w}\\, y\\|_2$', expectedTex: '$0$',
  },
  {
    id: 'kappa-asymptotics', quantity: 'kappa', title: '$\\kappa = \\|\\nabla^2 y\\|_2 \\,/\\, \\|\\nabla y\\|_2^2$', expected: -1, minDecades: 1, legend: 'upper right',
    yLabel: '$\\kappa$', describe: 'κ = ‖∇²y‖₂ / ‖∇y‖₂²',
    name: 'The ratio $\\kappa = \\|\\nabla^2 y\\|_2 / \\|\\nabla y\\|_2^2$', expectedTex: '$-1$',
  },
];

const fmtSlope = (s: number) => (Math.abs(s) < 0.0005 ? '0.000' : s.toFixed(3));
const fmtX = (x: number) => x.toFixed(3);

const QUANTITIES = ['gradNorm', 'hessianNorm', 'kappa'] as const;

/** What was measured: per quantity, per width, one value per network, and the log–log fits over all networks. */
interface Measured {
  x: number;
  widths: number[];
  values: Record<Quantity, number[][]>;
  /** Every network's width, in the order of `values[q].flat()`. */
  allW: number[];
  fits: Record<Quantity, LineFit>;
}

/** Compute: `seeds` fresh networks per width at the one input x, then the least-squares slope of each quantity. */
function measure(p: AsymptoticsParams, rng: Rng): Measured {
  const x = p.x ?? rng.normal();
  const widths = logSpacedWidths(p.minWidth, p.maxWidth, p.widthCount);
  const values: Record<Quantity, number[][]> = { gradNorm: [], hessianNorm: [], kappa: [] };
  for (const m of widths) {
    const g: number[] = [], h: number[] = [], k: number[] = [];
    for (let s = 0; s < p.seeds; s++) {
      const r = oneLayerStats(m, x, rng.fork());
      g.push(r.gradNorm); h.push(r.hessianNorm); k.push(r.kappa);
    }
    values.gradNorm.push(g); values.hessianNorm.push(h); values.kappa.push(k);
  }
  const allW: number[] = [];
  for (const m of widths) for (let s = 0; s < p.seeds; s++) allW.push(m);
  const fits = {} as Record<Quantity, LineFit>;
  for (const q of QUANTITIES) fits[q] = fitLine(allW.map(Math.log10), values[q].flat().map(Math.log10));
  return { x, widths, values, allW, fits };
}

const widthDomain = (widths: number[]): [number, number] => [widths[0] / 1.4, widths[widths.length - 1] * 1.4];

/** Draw: one panel's log–log plot: every network, the geometric mean ± 1 sd, the fit (and for ‖∇²y‖ its limit |x|). */
function panelDrawing(p: AsymptoticsParams, m: Measured, panel: Panel) {
  const { widths, allW } = m, fit = m.fits[panel.quantity], perWidth = m.values[panel.quantity];
  const xDomain = widthDomain(widths), absX = Math.abs(m.x);
  const flat = perWidth.flat();
  const summary = perWidth.map(logSummary);
  const lo = summary.map((s) => s.lo), hi = summary.map((s) => s.hi), gm = summary.map((s) => s.geoMean);
  const yDomain = logDomain(flat, panel.minDecades);
  const fitY = xDomain.map((w) => 10 ** (fit.intercept + fit.slope * Math.log10(w)));
  return (r: Rendition) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
    const pal = r.theme.palette;
    const ax = fig.axes({
      x: { domain: xDomain, type: 'log', label: 'Width $m$' },
      y: { domain: yDomain, type: 'log', label: panel.yLabel },
      title: panel.title,
      legend: panel.legend,
    });
    ax.band(widths, lo, hi, { color: pal[0], alpha: 0.18 });
    ax.scatter(allW, flat, { color: pal[0], alpha: r.theme.scheme === 'dark' ? 0.5 : 0.3, radius: r.narrow ? 2 : 2.5, label: r.narrow ? 'One network' : `Single networks (${p.seeds} per width)` });
    ax.line(widths, gm, { color: pal[0], label: r.narrow ? 'Geo. mean $\\pm$ 1 sd' : 'Geometric mean $\\pm$ 1 sd' });
    ax.scatter(widths, gm, { color: pal[0], radius: r.narrow ? 3.5 : 4 });
    ax.line(xDomain, fitY, { color: pal[1], dash: [9, 5], width: 2, label: `${r.narrow ? 'Fit' : 'Least-squares fit'}: slope $${fmtSlope(fit.slope)}$` });
    // The limit of ‖∇²y‖: the largest 2×2 block belongs to a unit with a_i x ≈ 0, where tanh' → 1, tanh'' → 0.
    if (panel.quantity === 'hessianNorm') {
      ax.hline(absX, { color: r.theme.reference, width: 1.5, dash: [2, 4], label: r.narrow ? `Limit $|x|$` : `Large-$m$ limit $|x| = ${fmtX(absX)}$` });
    }
    return fig;
  };
}

/** One panel's alt text, caption and notes. */
function panelText(p: AsymptoticsParams, m: Measured, panel: Panel): ImageMeta {
  const { widths } = m, fit = m.fits[panel.quantity], perWidth = m.values[panel.quantity];
  const absX = Math.abs(m.x), networks = perWidth.flat().length;
  const sample = `${p.seeds} random network${p.seeds > 1 ? 's' : ''} per width, ${widths.length} widths from ${widths[0]} to ${widths[widths.length - 1]}`;
  const setup =
    `$f(x, \\boldsymbol w) = \\sum_{i=1}^m b_i \\tanh(a_i x)$, $a_i \\sim \\mathcal N(0, 1)$, ` +
    `$b_i \\sim \\mathcal N(0, 1/m)$, at the fixed input $x = ${fmtX(m.x)}$`;
  // Which networks sit below the limit (expected only at small widths, where few units have |a_i| < |b_i|).
  const belowAt = panel.quantity === 'hessianNorm' ? perWidth.map((v) => v.filter((h) => h < absX).length) : [];
  const below = belowAt.reduce((s, n) => s + n, 0);
  const belowWidths = widths.filter((_, k) => belowAt[k] > 0);
  return {
    alt:
      `Log-log plot of ${panel.describe} against the width m of a one-hidden-layer tanh network at initialisation, ` +
      `${sample}. The points lie along a straight line whose fitted slope is ${fit.slope.toFixed(2)} ` +
      `(theory: ${panel.expected}).` +
      (panel.quantity === 'hessianNorm' ? ` A dotted horizontal line marks the large-width limit |x| = ${fmtX(absX)}.` : ''),
    caption:
      `${panel.name} of ${p.seeds} random one-hidden-layer tanh networks per width at one input $x$ ` +
      `(dots; line and band: geometric mean $\\pm$ 1 sd). ` +
      (panel.quantity === 'hessianNorm' ? `Dotted: the large-width limit $|x|$. ` : '') +
      `Log-log slope ${fit.slope.toFixed(3)}; theory predicts ${panel.expectedTex}.`,
    notes:
      `${setup}; ${sample}. The band is the geometric mean $\\pm$ one standard deviation of $\\log_{10}$ of the values; ` +
      `the slope is the least-squares fit of $\\log_{10}$ value on $\\log_{10} m$ over all networks. ` +
      (panel.quantity === 'gradNorm'
        ? 'The gradient comes from exact reverse-mode differentiation. '
        : 'The Hessian norm is exact, not iterative: after pairing each $a_i$ with its $b_i$ the Hessian is block diagonal, ' +
          `one block $\\begin{pmatrix} p_i & q_i \\\\ q_i & 0 \\end{pmatrix}$ per unit with $p_i = b_i \\tanh''(a_i x)\\, x^2$ and ` +
          `$q_i = \\tanh'(a_i x)\\, x$, so $\\|\\nabla^2 y\\|_2 = \\max_i \\tfrac12\\big(|p_i| + \\sqrt{p_i^2 + 4 q_i^2}\\big)$ ` +
          '(checked against a dense eigensolve in the tests). ') +
      (panel.quantity === 'hessianNorm'
        ? `A unit with $|a_i| < |b_i|$ has a block norm above $|x|$; at large $m$ there are about $0.64\\sqrt m$ such units, so the ` +
          `norm approaches $|x|$ from above. ${below} of the ${networks} networks sit below it` +
          (below ? ` (at ${belowWidths.length === 1 ? 'width' : 'widths'} ${belowWidths.join(', ')}).` : '.')
        : ''),
  };
}

/** Data: every network's three values, and the fits. */
function publishData(out: OutputWriter, p: AsymptoticsParams, { x, widths, values, fits }: Measured) {
  const round = (v: number) => Number(v.toPrecision(8));
  out.data('asymptotics', {
    model: 'f(x, w) = sum_i b_i tanh(a_i x), a_i ~ N(0,1), b_i ~ N(0,1/m), no biases',
    x,
    seeds: p.seeds,
    widths,
    hessianNormMethod: 'exact: max over units of the 2x2 block norm (|p| + sqrt(p^2 + 4q^2))/2, p = b tanh\'\'(a x) x^2, q = tanh\'(a x) x',
    gradNorm: values.gradNorm.map((r) => r.map(round)),
    hessianNorm: values.hessianNorm.map((r) => r.map(round)),
    kappa: values.kappa.map((r) => r.map(round)),
    slopes: { gradNorm: fits.gradNorm.slope, hessianNorm: fits.hessianNorm.slope, kappa: fits.kappa.slope },
    r2: { gradNorm: fits.gradNorm.r2, hessianNorm: fits.hessianNorm.r2, kappa: fits.kappa.r2 },
  });
}

export default defineFigure({
  id: 'ntk/asymptotics',
  title: 'One-hidden-layer network: gradient, Hessian and κ against width',
  params: asymptoticsParams,
  seed: 2019,
  async render({ params: p, rng, progress, out }) {
    const measured = measure(p, rng);
    progress(0.2, 'networks measured');
    for (const [i, panel] of PANELS.entries()) {
      await out.still(panel.id, { draw: panelDrawing(p, measured, panel) }, panelText(p, measured, panel));
      progress(0.2 + 0.8 * ((i + 1) / PANELS.length), panel.id);
    }
    publishData(out, p, measured);
  },
});
