/**
 * `hessian-heatmap`: the actual 2m×2m Hessian ∇²_w y of a small
 * one-hidden-layer network y = Σ b_i tanh(a_i x) (a_i ~ N(0, 1),
 * b_i ~ N(0, 1/m), no biases) at one fixed input, shown beside the
 * `hessian-structure` schematic. Top: ∇²y with parameters ordered
 * (a_1 … a_m, b_1 … b_m); bottom: the same matrix with its two block rows
 * swapped (P∇²y), which is lower triangular.
 *
 * The matrix is assembled column by column from exact Hessian-vector products
 * (numerics' `denseOutputHessian`, generic R-op), which is fine at this size;
 * nothing here uses the closed form, so the picture is evidence for it.
 * Colour: the plot library's diverging 'rdbu' map on a symmetric range
 * ±max|H|, so exact zeros get the neutral middle colour (near-white),
 * positive entries red and negative ones blue.
 */
import { z } from 'zod';
import { denseOutputHessian, initParams, oneLayerNet } from '../../src/numerics';
import { defineFigure, type Rendition } from '../../src/pipeline/contract';
import type { Axes } from '../../src/plot';
import { swapBlockRows } from './blockMatrix';

export const hessianHeatmapParams = z.object({
  /** Hidden units m; the Hessian is 2m×2m. Small, so single entries stay visible. */
  units: z.number().int().min(2).max(64).default(12),
  /** The fixed input x. */
  x: z.number().refine((v) => v !== 0 && Number.isFinite(v), 'x must be finite and non-zero (at x = 0 the Hessian vanishes)').default(1),
  /** Also draw the row-permuted, lower-triangular form. */
  permuted: z.boolean().default(true),
  /**
   * Height ÷ width of the two stacked panels on desktop. The figure sits in a
   * row beside the `hessian-structure` diagram inside the proof box (content
   * 638 px wide): this image takes its 277 px 'third' slot, the diagram the
   * remaining 345 px at its viewBox aspect 832/480, i.e. 598 px tall; this
   * aspect gives the image the same height. Phones stack the row (`phoneAspect`).
   */
  aspect: z.number().min(0.5).max(3).default(2.16),
  phoneAspect: z.number().min(0.5).max(3).default(1.67),
  /** One panel only (`permuted: false`). */
  singleAspect: z.number().min(0.5).max(3).default(0.92),
});

export type HessianHeatmapParams = z.output<typeof hessianHeatmapParams>;

const B = (s: string) => `$\\boldsymbol ${s}$`;

function matrixAxes(ax: Axes, H: Float64Array, m: number, limit: number, r: Rendition): void {
  // 'nearest': 2m ≤ 128 cells in ~300 px, so every entry is a clean square.
  ax.heatmap({ values: H, rows: 2 * m, cols: 2 * m, domain: [-limit, limit], colormap: 'rdbu', resample: 'nearest' });
  // Block boundaries. They cross the matrix, whose zero entries are near-white in both schemes: the dark
  // scheme's reference grey would vanish there, its background colour does not.
  const color = r.theme.scheme === 'dark' ? r.theme.background : r.theme.reference;
  ax.hline(m, { color, width: 1.25, dash: [5, 4] });
  ax.vline(m, { color, width: 1.25, dash: [5, 4] });
}

export default defineFigure({
  id: 'ntk/hessian-heatmap',
  title: 'The Hessian of a small one-hidden-layer network',
  params: hessianHeatmapParams,
  seed: 12,
  async render({ params: p, rng, progress, out }) {
    const m = p.units, n = 2 * m;
    const net = oneLayerNet(m);
    const w = initParams(net, rng.fork());
    const H = denseOutputHessian(net, w, p.x);
    progress(0.3, 'Hessian');
    let limit = 0;
    for (const v of H) limit = Math.max(limit, Math.abs(v));
    const blockTicks = { ticks: [m / 2, 1.5 * m], tickFormat: (v: number) => B(v < m ? 'a' : 'b') };
    const swapped = swapBlockRows(H, n, m);
    const draw = (r: Rendition) => {
      const fig = r.figure({ aspect: !p.permuted ? p.singleAspect : r.layout === 'phone' ? p.phoneAspect : p.aspect });
      const panels = [
        { M: H, rows: ['a', 'b'], title: '$\\nabla^2_{\\boldsymbol w}\\, y$', bar: '$[\\nabla^2 y]_{ij}$' },
        { M: swapped, rows: ['b', 'a'], title: `$P\\,\\nabla^2_{\\boldsymbol w}\\, y$ (${r.narrow ? 'rows' : 'block rows'} swapped)`, bar: '$[P\\nabla^2 y]_{ij}$' },
      ].slice(0, p.permuted ? 2 : 1);
      panels.forEach((panel, k) => {
        const rect: [number, number, number, number] = panels.length === 1 ? [0, 0, 1, 1] : [0, k * 0.5 + (k ? 0.015 : 0), 1, (k + 1) * 0.5 - (k ? 0 : 0.015)];
        const ax = fig.axes({
          rect,
          x: { domain: [0, n], ...blockTicks },
          y: { domain: [n, 0], ticks: [m / 2, 1.5 * m], tickFormat: (v: number) => B(v < m ? panel.rows[0] : panel.rows[1]) },
          title: panel.title,
          grid: false,
          aspect: 'equal',
          colorbar: { label: panel.bar },
        });
        matrixAxes(ax, panel.M, m, limit, r);
      });
      return fig;
    };
    progress(0.5, 'Hessian ready');

    const a = Array.from(w.subarray(0, m)), b = Array.from(w.subarray(m, n));
    // 'third': the row is inside the proof box (42rem), so each of its two cells is about a third of the wide column.
    await out.still('hessian-heatmap', { slot: 'third', draw }, {
      alt:
        `Heatmap of the ${n}-by-${n} Hessian of a one-hidden-layer tanh network with ${m} hidden units at x = ${p.x}, ` +
        `in a blue-white-red colour scale with white at zero. The a–a block shows only a faint diagonal, both a–b blocks ` +
        `show a strong diagonal, and the b–b block is entirely white (zero).` +
        (p.permuted ? ' Below it, the same matrix with its block rows swapped is lower triangular.' : ''),
      caption:
        `The Hessian of one random network with $m = ${m}$ at $x = ${p.x}$ (red positive, blue negative, white 0). ` +
        `Every block is diagonal; the $\\boldsymbol b$–$\\boldsymbol b$ block is zero.` +
        (p.permuted ? ' Bottom: block rows swapped, lower triangular.' : ''),
      notes:
        `$y = \\sum_{i=1}^{${m}} b_i \\tanh(a_i x)$ with $a_i \\sim \\mathcal N(0, 1)$, $b_i \\sim \\mathcal N(0, 1/m)$, no biases; ` +
        `parameters ordered $(\\boldsymbol a, \\boldsymbol b)$. The matrix is assembled column by column from exact ` +
        `Hessian-vector products (the generic reverse-mode R-operator, not the closed form), so the picture is evidence for ` +
        `the block structure. Diverging colour scale centred at 0, range $\\pm ${limit.toFixed(2)}$. The ` +
        `$\\boldsymbol a$–$\\boldsymbol a$ entries $b_i \\tanh''(a_i x)\\, x^2$ are small, the $\\boldsymbol a$–$\\boldsymbol b$ ` +
        `entries $\\tanh'(a_i x)\\, x$ are of order 1.`,
    });
    out.data('hessian', {
      model: 'y = sum_i b_i tanh(a_i x), a_i ~ N(0,1), b_i ~ N(0,1/m), no biases; parameter order (a, b)',
      units: m,
      x: p.x,
      a,
      b,
      /** Row-major 2m×2m ∇²y from HVPs (rows and columns: a_1 … a_m, b_1 … b_m). */
      hessian: Array.from({ length: n }, (_, i) => Array.from(H.subarray(i * n, (i + 1) * n))),
      colourLimit: limit,
    });
    progress(1, 'done');
  },
});
