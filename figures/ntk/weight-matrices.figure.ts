/**
 * The width sweep: one network per width m ∈ {10, 100, 1000} (2 hidden
 * layers) trained by full-batch GD on two points, up to 1000 steps or until
 * the loss is below 10⁻¹⁰. Outputs:
 * - `weight-matrix-<m>`: the m×m matrix between the two hidden layers as a
 *   heatmap while training (colour scale fixed per GIF from the initial
 *   matrix); visibly moving for m = 10, frozen for m = 100 and 1000;
 * - `loss-curves`: the loss ½‖y − ȳ‖² vs step (log scale);
 * - `weight-change`: ‖w(n) − w0‖₂/‖w0‖₂ over all parameters vs step.
 *
 * Loss ½‖y − ȳ‖² equals the original's mean squared error for two points.
 * Learning rate: the published 10⁻³, capped at 0.9 of the stability bound
 * 2/λ_max(Θ(w0)) where it is above it (m = 1000 with our LeCun init; see
 * ./stable-learning-rate.ts). The caption states the rate each width used.
 */
import { quantile } from 'd3-array';
import { z } from 'zod';
import { defineFigure } from '../../src/pipeline/contract';
import { createFigure, defaultTheme } from '../../src/plot';
import type { RgbaImage } from '../../src/plot';
import { encodeAnimation } from '../../src/gif';
import { createMlp, createModel, norm2, relativeChange, trainGD, weightView } from '../../src/numerics';
import { roundSig } from './network-ensemble';
import { stableLearningRate } from './stable-learning-rate';

const range = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'range must be increasing');

export const weightMatricesParams = z.object({
  widths: z.array(z.number().int().min(2).max(2000)).min(1).max(6).default([10, 100, 1000]),
  depth: z.number().int().min(2).max(4).default(2),
  xs: z.array(z.number()).min(1).default([-3, 0.5]),
  ys: z.array(z.number()).min(1).default([2, -1]),
  lr: z.number().positive().default(1e-3),
  /** Where lr ≥ 2/λ_max(Θ(w0)), use this fraction of the bound instead. */
  stabilityFraction: z.number().gt(0).lt(1).default(0.9),
  maxSteps: z.number().int().positive().max(100000).default(1000),
  tolerance: z.number().positive().default(1e-10),
  /** One GIF frame every this many steps (plus the final state). */
  frameEvery: z.number().int().positive().default(10),
  lossRange: range.refine(([a]) => a > 0, 'lossRange must be positive (log axis)').default([1e-11, 1e2]),
  /** Colour scale from the colorQuantile and 1 − colorQuantile quantiles of the initial matrix. */
  colorQuantile: z.number().min(0).lt(0.5).default(0.01),
  /** Three heatmaps share a row (about 280 CSS px each on a desktop): drawn small so their text stays legible. */
  heatmapWidth: z.number().int().min(200).max(2000).default(420),
  heatmapHeight: z.number().int().min(200).max(2000).default(360),
  /** The loss and weight-change plots are shown side by side (about 420 CSS px each on a
   *  desktop), so they are drawn smaller than a full-width figure to keep their text legible. */
  figureWidth: z.number().int().min(200).max(2000).default(600),
  figureHeight: z.number().int().min(150).max(2000).default(456),
  pixelRatio: z.number().positive().max(3).default(1),
  /** The two still plots are small files, so they are drawn sharp for high-DPI screens. */
  stillPixelRatio: z.number().positive().max(3).default(2),
  delayMs: z.number().int().min(20).max(2000).default(80),
}).refine((p) => p.xs.length === p.ys.length, { message: 'xs and ys need the same length', path: ['ys'] });

export type WeightMatricesParams = z.output<typeof weightMatricesParams>;

interface WidthRun {
  width: number;
  lr: number;
  lrCapped: boolean;
  ntkEigenvalues: number[];
  steps: number;
  converged: boolean;
  losses: Float64Array;
  weightChange: Float64Array;
  frameSteps: number[];
  /** ‖W(n) − W0‖/‖W0‖ of the m×m matrix at each frame. */
  matrixChange: number[];
  colorDomain: [number, number];
}

const fmtSci = (v: number) => {
  const e = Math.floor(Math.log10(v)), m = v / 10 ** e;
  return m.toFixed(2) === '1.00' ? `10^{${e}}` : `${m.toFixed(2)} \\times 10^{${e}}`;
};

export default defineFigure({
  id: 'ntk/weight-matrices',
  title: 'Weight matrices, loss and relative weight change while training widths 10, 100, 1000',
  params: weightMatricesParams,
  seed: 1000,
  async render({ params: p, rng, progress, out }) {
    const data = { xs: Float64Array.from(p.xs), ys: Float64Array.from(p.ys) };
    const cost = p.widths.map((m) => m * m);
    const total = cost.reduce((a, b) => a + b, 0);
    let done = 0;
    const runs: WidthRun[] = [];
    const hiddenLayer = 1; // weightView(net, w, 1): the m×m matrix from hidden layer 1 to hidden layer 2

    for (const m of p.widths) {
      const share = cost[runs.length] / total, base = done;
      const net = createMlp({ depth: p.depth, width: m });
      const model = createModel(net, rng.fork());
      const rate = stableLearningRate(model, data.xs, p.lr, p.stabilityFraction);
      const W0 = weightView(net, model.initial, hiddenLayer).data;
      // Colour range: the central 98% of the initial weights. Min–max (the
      // original's default) spent most of the colours on a few outliers of
      // our normal weights (its PyTorch-default weights were uniform) and
      // left the picture one flat colour.
      const colorDomain: [number, number] = [quantile(W0, p.colorQuantile)!, quantile(W0, 1 - p.colorQuantile)!];
      const w0Norm = norm2(W0);

      // Each frame keeps whichever is smaller: a copy of the matrix (small m,
      // drawn when encoded) or the rasterised frame (large m: 10⁶ entries
      // would take 8 MB per frame, the picture about 1 MB).
      const keepMatrix = m * m <= p.heatmapWidth * p.heatmapHeight * p.pixelRatio * p.pixelRatio;
      const frames: (Float64Array | RgbaImage)[] = [];
      const frameSteps: number[] = [], matrixChange: number[] = [];
      const weightChange = new Float64Array(p.maxSteps + 1);
      const diff = new Float64Array(W0.length);
      const drawMatrix = (W: Float64Array, step: number): RgbaImage => {
        const fig = createFigure({ width: p.heatmapWidth, height: p.heatmapHeight, pixelRatio: p.pixelRatio });
        const ax = fig.axes({
          x: { domain: [0, m], label: 'Unit $j$ of hidden layer 2' },
          y: { domain: [m, 0], label: 'Unit $k$ of hidden layer 1' },
          title: `Width $m = ${m}$, step $${step}$`,
          aspect: 'equal',
          grid: false,
          colorbar: { label: '$W_{kj}$' },
        });
        // 'nearest': each pixel shows one actual weight (for m = 1000 a
        // subsample of the 10⁶ weights, as matplotlib's imshow does). Area
        // averaging would show local means, whose spread is several times
        // smaller, and the picture of a frozen matrix would be a flat colour.
        ax.heatmap({ values: W, rows: m, cols: m, domain: colorDomain, colormap: 'viridis', resample: 'nearest' });
        return fig.rgba();
      };

      const result = trainGD(model, data, {
        lr: rate.lr, steps: p.maxSteps, loss: 'half-sse', tolerance: p.tolerance,
        snapshotAt: 1,
        snapshotFinal: true,
        onSnapshot: (s) => {
          weightChange[s.step] = relativeChange(s.params, s.model.initial);
          if (s.step % p.frameEvery === 0 || s.final) {
            const W = weightView(net, s.params, hiddenLayer).data;
            for (let i = 0; i < W.length; i++) diff[i] = W[i] - W0[i];
            frameSteps.push(s.step);
            matrixChange.push(norm2(diff) / w0Norm);
            frames.push(keepMatrix ? W.slice() : drawMatrix(W, s.step));
            progress(base + (0.7 * share * s.step) / p.maxSteps, `width ${m}: step ${s.step}`);
          }
        },
      });
      const { gif, poster } = await encodeAnimation({
        frames: frames.length,
        render: (i) => { const f = frames[i]; return f instanceof Float64Array ? drawMatrix(f, frameSteps[i]) : f; },
        delay: p.delayMs,
        poster: 'first',
        // Exact colours: these animations exist to show how little the weights move, so the
        // encoder must not skip small colour changes to save bytes.
        tolerance: { temporal: 0, lzw: 0 },
        progress: (f) => progress(base + share * (0.7 + 0.3 * f), `width ${m}: encoding`),
      });
      done += share;
      const run: WidthRun = {
        width: m, lr: rate.lr, lrCapped: rate.capped, ntkEigenvalues: rate.eigenvalues,
        steps: result.steps, converged: result.converged, losses: result.losses,
        weightChange: weightChange.slice(0, result.steps + 1), frameSteps, matrixChange, colorDomain,
      };
      runs.push(run);
      const lastChange = matrixChange[matrixChange.length - 1];
      out.animation(`weight-matrix-${m}`, gif, poster, {
        pixelRatio: p.pixelRatio,
        alt:
          `Animation of a ${m} by ${m} grid of coloured cells, the weights between the two hidden layers of a network ` +
          `of width ${m}, over ${result.steps} steps of training. ` +
          (lastChange > 0.05
            ? 'Individual cells visibly change colour as the network trains.'
            : 'The picture stays essentially the same from the first frame to the last.'),
        caption:
          `The ${m}×${m} weight matrix $W_{kj}$ between the two hidden layers of a width-$${m}$ network while it is ` +
          `trained on two points (learning rate $${fmtSci(rate.lr)}$${rate.capped ? ', lowered below the stability bound' : ''}, ` +
          `${result.steps} steps${result.converged ? `, stopped at loss $< ${fmtSci(p.tolerance)}$` : ''}). ` +
          `Colour scale fixed from the initial matrix (its central ${Math.round(100 * (1 - 2 * p.colorQuantile))}% of values). Relative change of this matrix by the end: ` +
          `${(100 * lastChange).toPrecision(2)}%.`,
      });
    }

    // Loss and weight change, one line per width.
    const pal = defaultTheme.palette;
    const maxSteps = Math.max(...runs.map((r) => r.steps));
    const stepAxis = (r: WidthRun) => Float64Array.from({ length: r.steps + 1 }, (_, i) => i);
    const lossFig = createFigure({ width: p.figureWidth, height: p.figureHeight, pixelRatio: p.stillPixelRatio });
    const la = lossFig.axes({
      x: { domain: [0, maxSteps], label: 'Step $n$' },
      y: { domain: p.lossRange, type: 'log', label: 'Loss $\\tfrac12\\|\\boldsymbol y(\\boldsymbol w(n)) - \\bar{\\boldsymbol y}\\|^2$' },
      title: 'Training loss',
      legend: 'upper right',
    });
    runs.forEach((r, i) => la.line(stepAxis(r), r.losses, { color: pal[i % pal.length], label: `Width $m = ${r.width}$` }));
    const maxChange = Math.max(...runs.map((r) => r.weightChange[r.steps]));
    const changeFig = createFigure({ width: p.figureWidth, height: p.figureHeight, pixelRatio: p.stillPixelRatio });
    const ca = changeFig.axes({
      x: { domain: [0, maxSteps], label: 'Step $n$' },
      y: { domain: [0, niceCeil(1.08 * maxChange)], label: '$\\|\\boldsymbol w(n) - \\boldsymbol w_0\\|_2 \\,/\\, \\|\\boldsymbol w_0\\|_2$' },
      title: 'Relative change of all weights',
      legend: 'upper left',
    });
    runs.forEach((r, i) => ca.line(stepAxis(r), r.weightChange, { color: pal[i % pal.length], label: `Width $m = ${r.width}$` }));

    const rates = runs.map((r) => `$${fmtSci(r.lr)}$ for $m = ${r.width}$`).join(', ');
    const lrNote = runs.some((r) => r.lrCapped)
      ? ` (${p.lr} where stable; for wider networks ${p.stabilityFraction} of the bound $2/\\lambda_{\\max}(\\Theta(\\boldsymbol w_0))$, since with LeCun initialisation the NTK grows with width)`
      : '';
    const setup =
      `Networks with ${p.depth} hidden layers of widths ${runs.map((r) => r.width).join(', ')}, trained by full-batch ` +
      `gradient descent on the points ${p.xs.map((x, i) => `$(${x}, ${p.ys[i]})$`).join(' and ')} with learning rates ` +
      `${rates}${lrNote}, for up to ${p.maxSteps} steps, stopping when the loss falls below $${fmtSci(p.tolerance)}$.`;
    const ends = runs.map((r) => `${roundSig(r.weightChange[r.steps], 2)} for $m = ${r.width}$`).join(', ');
    out.image('loss-curves', lossFig.png(), {
      pixelRatio: p.stillPixelRatio,
      alt: `Line chart of training loss on a logarithmic scale against step, one line per width (${runs.map((r) => r.width).join(', ')}). Wider networks reach a small loss in fewer steps.`,
      caption: `Training loss $\\tfrac12\\|\\boldsymbol y - \\bar{\\boldsymbol y}\\|^2$ against step. ${setup} Final losses: ${runs.map((r) => `$${fmtSci(r.losses[r.steps])}$ for $m = ${r.width}$`).join(', ')}.`,
    });
    out.image('weight-change', changeFig.png(), {
      pixelRatio: p.stillPixelRatio,
      alt: `Line chart of the relative change of all weights from their initial values against step, one line per width. The narrowest network's weights move most; the widest barely move.`,
      caption: `Relative change $\\|\\boldsymbol w(n) - \\boldsymbol w_0\\|_2 / \\|\\boldsymbol w_0\\|_2$ of all parameters against step. ${setup} At the end of training: ${ends}.`,
    });

    out.data('weight-matrices', {
      depth: p.depth,
      data: { xs: p.xs, ys: p.ys },
      requestedLr: p.lr,
      stabilityFraction: p.stabilityFraction,
      tolerance: p.tolerance,
      loss: 'half-sse: 0.5 * sum_i (f(x_i) - y_i)^2',
      runs: runs.map((r) => ({
        width: r.width,
        lr: r.lr,
        lrCapped: r.lrCapped,
        ntkEigenvalues: r.ntkEigenvalues.map((v) => roundSig(v)),
        steps: r.steps,
        converged: r.converged,
        finalLoss: r.losses[r.steps],
        finalWeightChange: r.weightChange[r.steps],
        finalMatrixChange: r.matrixChange[r.matrixChange.length - 1],
        colorDomain: r.colorDomain,
        losses: Array.from(r.losses, (v) => roundSig(v, 4)),
        weightChange: Array.from(r.weightChange, (v) => roundSig(v, 4)),
        frameSteps: r.frameSteps,
        matrixChange: r.matrixChange.map((v) => roundSig(v, 4)),
      })),
    });
    progress(1, 'done');
  },
});

/** Smallest 1, 2 or 5 × 10^k at or above v (an axis limit). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1;
  const e = 10 ** Math.floor(Math.log10(v));
  for (const s of [1, 2, 2.5, 5, 10]) if (s * e >= v * (1 - 1e-12)) return s * e;
  return 10 * e;
}
