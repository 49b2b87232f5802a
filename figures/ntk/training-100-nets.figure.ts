/**
 * `training-100-nets`: the 100 networks of `init-functions` (same seed, same
 * draws) each trained by full-batch gradient descent on the same two points.
 * Every curve is pulled through both points, and between and beyond them the
 * trained functions stay close to one another.
 *
 * Loss: ½‖y − ȳ‖² (the article's). For two points this equals the mean
 * squared error the original code minimised, so lr and steps carry over.
 */
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Progress, type Rendition, type Rng } from '../../src/pipeline/contract';
import { linspace, modelFromParams, trainGD } from '../../src/numerics';
import { createReluGridEvaluator } from './relu-grid';
import { symmetricRange } from '../shared/symmetricRange';
import { ENSEMBLE_SEED, createEnsemble, roundSig } from './network-ensemble';

const range = z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, 'range must be increasing');

export const training100NetsParams = z.object({
  networks: z.number().int().min(1).max(1000).default(100),
  depth: z.number().int().min(1).max(4).default(2),
  width: z.number().int().positive().max(2000).default(100),
  xs: z.array(z.number()).min(1).default([-3, 0.5]),
  ys: z.array(z.number()).min(1).default([2, -1]),
  lr: z.number().positive().default(1e-3),
  stepsPerFrame: z.number().int().positive().default(5),
  /** Frames after the initial one: the last frame shows the networks after frames × stepsPerFrame steps. */
  frames: z.number().int().min(1).max(1000).default(100),
  xRange: range.default([-4, 4]),
  /**
   * Omitted: symmetric and just wide enough for every curve in every frame (as
   * init-functions). A fixed [−4, 4] clipped the networks that start below −4.
   */
  yRange: range.optional(),
  samples: z.number().int().min(10).max(5000).default(201),
  /** Height ÷ width of the desktop drawing; phones get a taller one so the bundle keeps its shape. */
  aspect: z.number().min(0.3).max(2).default(0.76),
  phoneAspect: z.number().min(0.3).max(2).default(0.95),
  delayMs: z.number().int().min(20).max(2000).default(80),
  firstDelayMs: z.number().int().min(20).max(10000).default(500),
  /** GIF palette size: 10 line colours and their antialiased blends on white; 6-bit codes encode faster and smaller than 7-bit. */
  paletteColors: z.number().int().min(8).max(255).default(47),
  /**
   * Shades per line colour from white (src/gif palette `ramps`), so antialiased pixels keep their
   * line's hue; 0 = generic quantiser. 3 shades × 47 colours: 8% smaller than the quantiser's 63
   * and hues at least as close (measured on the last frame against the unquantised poster).
   */
  paletteRampSteps: z.number().int().min(0).max(16).default(3),
}).refine((p) => p.xs.length === p.ys.length, { message: 'xs and ys need the same length', path: ['ys'] });

export type Training100NetsParams = z.output<typeof training100NetsParams>;

const fmtLr = (lr: number) => {
  const e = Math.floor(Math.log10(lr)), m = lr / 10 ** e;
  return Math.abs(m - 1) < 1e-9 ? `10^{${e}}` : `${roundSig(m, 3)} \\times 10^{${e}}`;
};

/** What training gave: every network on the grid at every frame, its loss per frame and its final outputs. */
interface Trained {
  xs: Float64Array;
  /** curves[f][k][n]: network k on the grid at frame f (the state after f·stepsPerFrame steps). */
  curves: Float32Array;
  /** losses[k][f]: network k's loss at frame f. */
  losses: Float64Array[];
  finalOutputs: number[][];
}

/** Compute: train each of the networks in turn, evaluating it on the grid at every frame. */
function train(p: Training100NetsParams, rng: Rng, progress: Progress): Trained {
  const { net, params } = createEnsemble(rng, p.networks, p.depth, p.width);
  const data = { xs: Float64Array.from(p.xs), ys: Float64Array.from(p.ys) };
  const grid = createReluGridEvaluator(net, linspace(p.xRange[0], p.xRange[1], p.samples));
  const N = p.samples, K = p.networks, F = p.frames + 1, steps = p.frames * p.stepsPerFrame;
  const curves = new Float32Array(F * K * N);
  const losses = Array.from({ length: K }, () => new Float64Array(F));
  const finalOutputs: number[][] = [];
  for (let k = 0; k < K; k++) {
    const model = modelFromParams(net, params[k]);
    trainGD(model, data, {
      lr: p.lr, steps, loss: 'half-sse', snapshotAt: p.stepsPerFrame,
      onSnapshot: (s) => {
        const f = s.step / p.stepsPerFrame;
        curves.set(grid.evaluate(s.params), (f * K + k) * N);
        losses[k][f] = s.loss;
        if (s.final) finalOutputs.push(Array.from(s.outputs));
      },
    });
    progress((0.6 * (k + 1)) / K, 'training');
  }
  return { xs: grid.xs, curves, losses, finalOutputs };
}

/** The drawn y range, and the extremes of every curve over all frames (inside it: nothing clipped). */
function curveRanges(p: Training100NetsParams, curves: Float32Array) {
  const yRange = p.yRange ?? symmetricRange(curves);
  let lowest = Infinity, highest = -Infinity;
  for (const v of curves) { lowest = Math.min(lowest, v); highest = Math.max(highest, v); }
  return { yRange, lowest, highest };
}

/** Draw: frame f, every network's curve and the two targets. */
function frameDrawing(p: Training100NetsParams, { xs, curves }: Trained, yRange: [number, number]) {
  const N = p.samples, K = p.networks;
  return (r: Rendition, f: number) => {
    const fig = r.figure({ aspect: r.layout === 'phone' ? p.phoneAspect : p.aspect });
    const ax = fig.axes({
      x: { domain: p.xRange, label: '$x$' },
      y: { domain: yRange, label: '$f(x, \\boldsymbol w)$' },
      title: `Width $m = ${p.width}$`,
    });
    const pal = r.theme.palette;
    ax.lines(xs, curves.subarray(f * K * N, (f + 1) * K * N), K, { color: (i: number) => pal[i % pal.length], width: r.narrow ? 1.1 : 1.3 });
    // The targets in the theme's highlight colour, ringed, so they stand out of 100 curves.
    ax.scatter(p.xs, p.ys, { color: r.theme.highlight, radius: r.narrow ? 5 : 5.5, stroke: r.theme.foreground });
    return fig;
  };
}

/** Largest |f(x̄_i) − ȳ_i| over all networks after training. */
function maxFinalResidual(p: Training100NetsParams, finalOutputs: number[][]): number {
  const residuals = finalOutputs.map((y) => y.map((v, i) => v - p.ys[i]));
  return Math.max(...residuals.flat().map(Math.abs));
}

/** Data: every network's loss per frame and final outputs, and the drawn range. */
function publishData(out: OutputWriter, p: Training100NetsParams, { losses, finalOutputs }: Trained, ranges: ReturnType<typeof curveRanges>, maxResidual: number) {
  out.data('training-100-nets', {
    networks: p.networks,
    depth: p.depth,
    width: p.width,
    lr: p.lr,
    loss: 'half-sse: 0.5 * sum_i (f(x_i) - y_i)^2',
    data: { xs: p.xs, ys: p.ys },
    steps: Array.from({ length: p.frames + 1 }, (_, f) => f * p.stepsPerFrame),
    // losses[k][f]: network k's loss at frame f.
    losses: losses.map((l) => Array.from(l, (v) => roundSig(v, 4))),
    finalOutputs: finalOutputs.map((y) => y.map((v) => roundSig(v, 10))),
    maxFinalResidual: maxResidual,
    // The drawn y range, and the extremes of every curve over all frames (inside it: nothing clipped).
    yRange: ranges.yRange,
    curveExtent: [roundSig(ranges.lowest, 6), roundSig(ranges.highest, 6)],
  });
}

/** Publish: the animation, one frame per stepsPerFrame steps, with a palette that keeps the lines' hues. */
function publishAnimation(out: OutputWriter, p: Training100NetsParams, drawFrame: ReturnType<typeof frameDrawing>, maxResidual: number) {
  const K = p.networks, steps = p.frames * p.stepsPerFrame;
  const pts = p.xs.map((x, i) => `$(${x}, ${p.ys[i]})$`).join(' and ');
  return out.animated('training-100-nets', {
    frames: p.frames + 1,
    draw: drawFrame,
    delay: p.delayMs,
    firstDelay: p.firstDelayMs,
    // Every colour drawn is listed in the ramps, so antialiased pixels keep their line's hue.
    palette: (t) => p.paletteRampSteps > 0
      ? { maxColors: p.paletteColors, ramps: [...t.palette, t.highlight, t.foreground], rampSteps: p.paletteRampSteps }
      : { maxColors: p.paletteColors },
    poster: 'last',
  }, {
    alt:
      `Animation of ${K} coloured curves, randomly initialised networks, trained on ${p.xs.length} red data points. ` +
      `They start as a fan of nearly straight lines around zero and are pulled through the points, ` +
      `ending as a narrow bundle that passes through both and spreads out only far from them.`,
    caption:
      `The ${K} random networks shown earlier (width $m = ${p.width}$), each trained by gradient descent on the two points ${pts}: ` +
      `after ${steps} steps every one passes within ${maxResidual < 1e-3 ? '$10^{-3}$' : `$${maxResidual.toPrecision(2)}$`} of both.`,
    notes:
      `${p.depth} hidden layers of width $m = ${p.width}$; full-batch gradient descent on ` +
      `$\\tfrac12\\|\\boldsymbol y - \\bar{\\boldsymbol y}\\|^2$ with learning rate $${fmtLr(p.lr)}$, ` +
      `${p.stepsPerFrame} steps per frame, ${steps} steps in all. Largest final residual $|f(\\bar x_i) - \\bar y_i|$: ` +
      `$${roundSig(maxResidual, 2)}$; every network's loss per frame is in the data file.`,
  });
}

export default defineFigure({
  id: 'ntk/training-100-nets',
  title: '100 networks trained by gradient descent on two points',
  params: training100NetsParams,
  seed: ENSEMBLE_SEED,
  async render({ params: p, rng, progress, out }) {
    const trained = train(p, rng, progress);
    const ranges = curveRanges(p, trained.curves);
    const drawFrame = frameDrawing(p, trained, ranges.yRange);
    progress(0.7, 'trained');
    const maxResidual = maxFinalResidual(p, trained.finalOutputs);
    publishData(out, p, trained, ranges, maxResidual);
    await publishAnimation(out, p, drawFrame, maxResidual);
    progress(1, 'done');
  },
});
