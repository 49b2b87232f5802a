/**
 * The width sweep: one network per width m ∈ {10, 100, 1000} (2 hidden
 * layers) trained by full-batch GD on two points, up to 1000 steps or until
 * the loss is below 10⁻¹⁰. Outputs:
 * - `weight-matrix-<m>`: the m×m matrix between the two hidden layers as a
 *   heatmap while training (colour scale fixed per GIF from the initial
 *   matrix); visibly moving for m = 10, frozen for m = 100 and 1000;
 * - `loss-curves`: the loss ½‖y − ȳ‖² vs step (log scale);
 * - `weight-change`: ‖w(n) − w0‖₂/‖w0‖₂ over all parameters vs step (log
 *   scale: the three widths end two decades apart).
 * Drawing per rendition: ./weight-charts.ts.
 *
 * Loss ½‖y − ȳ‖² equals the original's mean squared error for two points.
 * Learning rate: the published 10⁻³, capped at 0.9 of the stability bound
 * 2/λ_max(Θ(w0)) where it is above it (m = 1000 with our LeCun init; see
 * ./stable-learning-rate.ts). The notes state the rate each width used.
 */
import { quantile } from 'd3-array';
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Rng } from '../../src/pipeline/contract';
import { createMlp, createModel, norm2, relativeChange, trainGD, weightView, type TrainData } from '../../src/numerics';
import { roundSig } from './network-ensemble';
import { stableLearningRate } from './stable-learning-rate';
import { logDomain } from '../shared/logScale';
import { lineChart, matrixFrame, type ChartSpec } from './weight-charts';

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
  /** Height ÷ width of the heatmaps (three in a row; phones stack them) and of the two line charts (two in a row). */
  heatmapAspect: z.number().min(0.3).max(2).default(0.86),
  chartAspect: z.number().min(0.3).max(2).default(0.76),
  phoneChartAspect: z.number().min(0.3).max(2).default(0.85),
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

/** weightView(net, w, 1): the m×m matrix from hidden layer 1 to hidden layer 2. */
const HIDDEN_LAYER = 1;

/** One width trained: its run, and the m×m matrix at each frame for the animation. */
interface Trained {
  run: WidthRun;
  /**
   * A copy of the matrix per frame, in single precision for large m (1000²
   * weights × 8 bytes × frames would be most of a worker's memory; float32
   * resolves changes of 1e-7 relative, far below one colour step).
   */
  frames: (Float64Array | Float32Array)[];
}

/**
 * Colour range: the central 98% of the initial weights. Min–max (the
 * original's default) spent most of the colours on a few outliers of our
 * normal weights (its PyTorch-default weights were uniform) and left the
 * picture one flat colour.
 */
function colorDomainOf(W0: Float64Array, q: number): [number, number] {
  return [quantile(W0, q)!, quantile(W0, 1 - q)!];
}

/**
 * Compute: train the network of width m, recording the change of all weights
 * at every step and the m×m matrix every frameEvery steps (and at the end).
 * `onFrame` is told the step of each frame (for progress).
 */
function trainWidth(p: WeightMatricesParams, m: number, data: TrainData, rng: Rng, onFrame: (step: number) => void): Trained {
  const net = createMlp({ depth: p.depth, width: m });
  const model = createModel(net, rng.fork());
  const rate = stableLearningRate(model, data.xs, p.lr, p.stabilityFraction);
  const W0 = weightView(net, model.initial, HIDDEN_LAYER).data;
  const colorDomain = colorDomainOf(W0, p.colorQuantile);
  const w0Norm = norm2(W0);
  const frames: Trained['frames'] = [];
  const frameSteps: number[] = [], matrixChange: number[] = [];
  const weightChange = new Float64Array(p.maxSteps + 1);
  const diff = new Float64Array(W0.length);

  const result = trainGD(model, data, {
    lr: rate.lr, steps: p.maxSteps, loss: 'half-sse', tolerance: p.tolerance,
    snapshotAt: 1,
    snapshotFinal: true,
    onSnapshot: (s) => {
      weightChange[s.step] = relativeChange(s.params, s.model.initial);
      if (s.step % p.frameEvery === 0 || s.final) {
        const W = weightView(net, s.params, HIDDEN_LAYER).data;
        for (let i = 0; i < W.length; i++) diff[i] = W[i] - W0[i];
        frameSteps.push(s.step);
        matrixChange.push(norm2(diff) / w0Norm);
        frames.push(m * m > 250_000 ? Float32Array.from(W) : W.slice());
        onFrame(s.step);
      }
    },
  });
  const run: WidthRun = {
    width: m, lr: rate.lr, lrCapped: rate.capped, ntkEigenvalues: rate.eigenvalues,
    steps: result.steps, converged: result.converged, losses: result.losses,
    weightChange: weightChange.slice(0, result.steps + 1), frameSteps, matrixChange, colorDomain,
  };
  return { run, frames };
}

/** The frame being drawn as float64 (the heatmap's input), converted once per frame. */
function frameReader(frames: Trained['frames']): (i: number) => Float64Array {
  let cached = -1, values: Float64Array = new Float64Array(0);
  return (i) => {
    if (cached !== i) { const f = frames[i]; values = f instanceof Float64Array ? f : Float64Array.from(f); cached = i; }
    return values;
  };
}

/** Publish: one width's m×m matrix as an animation, one frame per recorded step. */
function publishMatrixAnimation(out: OutputWriter, p: WeightMatricesParams, { run, frames }: Trained): Promise<void> {
  const { width: m, frameSteps, colorDomain } = run;
  const lastChange = run.matrixChange[run.matrixChange.length - 1];
  const valuesAt = frameReader(frames);
  return out.animated(`weight-matrix-${m}`, {
    slot: 'third',
    frames: frames.length,
    draw: (r, i) => matrixFrame({ m, step: frameSteps[i], values: valuesAt(i), colorDomain }, p.heatmapAspect, r),
    delay: p.delayMs,
    poster: 'first',
    // Exact colours: these animations exist to show how little the weights move, so the
    // encoder must not skip small colour changes to save bytes.
    tolerance: { temporal: 0, lzw: 0 },
  }, {
    alt:
      `Animation of a ${m} by ${m} grid of coloured cells, the weights between the two hidden layers of a network ` +
      `of width ${m}, over ${run.steps} steps of training. ` +
      (lastChange > 0.05
        ? 'Individual cells visibly change colour as the network trains.'
        : 'The picture stays essentially the same from the first frame to the last.'),
    // Three in a row: a few words each.
    caption: `Width ${m}: the ${m}×${m} hidden-to-hidden weights, ${(100 * lastChange).toPrecision(2)} % changed by step ${run.steps}.`,
    notes:
      `Learning rate $${fmtSci(run.lr)}$${run.lrCapped ? ' (lowered below the stability bound $2/\\lambda_{\\max}$ of $\\boldsymbol\\Theta(\\boldsymbol w_0)$)' : ''}, ` +
      `${run.steps} steps${run.converged ? `, stopped at loss $< ${fmtSci(p.tolerance)}$` : ''}, one frame every ${p.frameEvery} steps. ` +
      `Colour scale fixed from the initial matrix (its central ${Math.round(100 * (1 - 2 * p.colorQuantile))} % of values); ` +
      `each pixel shows one weight (nearest, not averaged). Relative change $\\|W(n) - W_0\\|_F/\\|W_0\\|_F$ per frame is in the data file.`,
  });
}

const widthList = (runs: readonly WidthRun[]) => runs.map((r) => r.width).join(', ');

/**
 * Layout: loss and weight change against step, one line per width, both on
 * log axes: the final weight changes span two decades (m = 1000 moves ~100×
 * less than m = 10), which a linear axis flattens into its bottom pixel.
 */
function lineCharts(p: WeightMatricesParams, runs: readonly WidthRun[]): { loss: ChartSpec; change: ChartSpec } {
  const maxSteps = Math.max(...runs.map((r) => r.steps));
  const stepAxis = (r: WidthRun) => Float64Array.from({ length: r.steps + 1 }, (_, i) => i);
  const loss: ChartSpec = {
    title: 'Training loss',
    yLabel: 'Loss $\\tfrac12\\|\\boldsymbol y(\\boldsymbol w(n)) - \\bar{\\boldsymbol y}\\|^2$',
    yLabelShort: 'Loss',
    yDomain: p.lossRange, maxSteps,
    lines: runs.map((r) => ({ width: r.width, steps: stepAxis(r), values: r.losses })),
    // Losses fall from the upper left; the wide nets stop early at the tolerance and the
    // narrowest is still near 10⁻² at the right end, so the lower right stays empty.
    legend: 'lower right',
  };
  // Step 0 has no change (0 on a log axis): the lines start at step 1.
  const changeLines = runs.map((r) => ({ width: r.width, steps: stepAxis(r).subarray(1), values: r.weightChange.subarray(1) }));
  const change: ChartSpec = {
    title: 'Relative change of all weights',
    yLabel: '$\\|\\boldsymbol w(n) - \\boldsymbol w_0\\|_2 \\,/\\, \\|\\boldsymbol w_0\\|_2$',
    yLabelShort: '$\\|\\boldsymbol w - \\boldsymbol w_0\\| / \\|\\boldsymbol w_0\\|$',
    yDomain: logDomain(changeLines.flatMap((l) => Array.from(l.values))),
    maxSteps,
    lines: changeLines,
    // The changes rise fast and level off: the lower right is empty.
    legend: 'lower right',
  };
  return { loss, change };
}

/** The training setup in one sentence: the start of both charts' notes. */
function setupText(p: WeightMatricesParams, runs: readonly WidthRun[]): string {
  const rates = runs.map((r) => `$${fmtSci(r.lr)}$ for $m = ${r.width}$`).join(', ');
  const lrNote = runs.some((r) => r.lrCapped)
    ? ` (${p.lr} where stable; for wider networks ${p.stabilityFraction} of the bound $2/\\lambda_{\\max}$ of $\\boldsymbol\\Theta(\\boldsymbol w_0)$, since with LeCun initialisation the kernel grows with width)`
    : '';
  return (
    `Networks with ${p.depth} hidden layers of widths ${widthList(runs)}, trained by full-batch ` +
    `gradient descent on the points ${p.xs.map((x, i) => `$(${x}, ${p.ys[i]})$`).join(' and ')} with learning rates ` +
    `${rates}${lrNote}, for up to ${p.maxSteps} steps, stopping when the loss falls below $${fmtSci(p.tolerance)}$.`
  );
}

/** Publish: the loss and the weight-change charts, in this order. */
function publishCharts(out: OutputWriter, p: WeightMatricesParams, runs: readonly WidthRun[]): Promise<void>[] {
  const charts = lineCharts(p, runs);
  const chartAspect = { desktop: p.chartAspect, phone: p.phoneChartAspect };
  const widths = widthList(runs), setup = setupText(p, runs);
  const ends = runs.map((r) => `${roundSig(r.weightChange[r.steps], 2)} for $m = ${r.width}$`).join(', ');
  return [
    out.still('loss-curves', { slot: 'half', draw: (r) => lineChart(charts.loss, chartAspect, r) }, {
      alt: `Line chart of training loss on a logarithmic scale against step, one line per width (${widths}). Wider networks reach a small loss in fewer steps.`,
      caption: `Training loss $\\tfrac12\\|\\boldsymbol y - \\bar{\\boldsymbol y}\\|^2$ against step for widths ${widths} (log scale).`,
      notes: `${setup} Final losses: ${runs.map((r) => `$${fmtSci(r.losses[r.steps])}$ for $m = ${r.width}$`).join(', ')}.`,
    }),
    out.still('weight-change', { slot: 'half', draw: (r) => lineChart(charts.change, chartAspect, r) }, {
      alt: `Line chart on a logarithmic scale of the relative change of all weights from their initial values against step, one line per width. The narrowest network's weights move most; the widest about a hundred times less.`,
      caption: `Relative change $\\|\\boldsymbol w(n) - \\boldsymbol w_0\\|_2 / \\|\\boldsymbol w_0\\|_2$ of all parameters against step (log scale): the wider the network, the less its weights move.`,
      notes: `${setup} At the end of training: ${ends}.`,
    }),
  ];
}

/** Data: every width's learning rate, kernel eigenvalues, losses, weight changes and per-frame matrix changes. */
function publishData(out: OutputWriter, p: WeightMatricesParams, runs: readonly WidthRun[]) {
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
}

export default defineFigure({
  id: 'ntk/weight-matrices',
  title: 'Weight matrices, loss and relative weight change while training widths 10, 100, 1000',
  params: weightMatricesParams,
  seed: 1000,
  async render({ params: p, rng, progress, out }) {
    const data = { xs: Float64Array.from(p.xs), ys: Float64Array.from(p.ys) };
    // Progress by work: training costs ∝ m² (the hidden-to-hidden matrix).
    const cost = p.widths.map((m) => m * m);
    const total = cost.reduce((a, b) => a + b, 0);
    let done = 0;
    const runs: WidthRun[] = [];
    const pending: Promise<void>[] = [];
    // Each width's animation is handed to the writer as soon as it is trained, before the
    // next width trains (and forks the rng), as the figure has always been made.
    p.widths.forEach((m, k) => {
      const share = cost[k] / total, base = done;
      const trained = trainWidth(p, m, data, rng, (step) => progress(base + (0.7 * share * step) / p.maxSteps, `width ${m}: step ${step}`));
      done += share;
      runs.push(trained.run);
      pending.push(publishMatrixAnimation(out, p, trained));
    });
    pending.push(...publishCharts(out, p, runs));
    await Promise.all(pending);
    publishData(out, p, runs);
    progress(1, 'done');
  },
});
