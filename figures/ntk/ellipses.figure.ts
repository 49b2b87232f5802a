/**
 * `ellipses` (the article's hero) and `ellipse-functions`: seven zero-output
 * networks that differ only in their output scale α, trained by gradient
 * descent on the same two points. One training run per α feeds both
 * animations, frame for frame.
 *
 * - `ellipses`: each network's normalised NTK Θ = H/α² (2×2 on x̄) drawn as
 *   the level set (y − ȳ)ᵀΘ(y − ȳ) = c around the targets (./ntk-ellipse.ts),
 *   plus the trajectory y(w(n)) of its outputs on the two inputs. Large α: the
 *   ellipse is frozen (kernel regime); small α: it turns and deforms.
 * - `ellipse-functions`: the same runs as functions y(x) = α(f(x, w(n)) − f(x, w0)).
 *
 * Loss: the original code's mean((y − ȳ)²)/α² ('mse-alpha2'), under which the
 * output dynamics are ẏ = −lr·Θ(y − ȳ) for every α, so all seven runs share a
 * time scale and differ only in how much Θ moves. Setup as in R. V. Dwaraknath,
 * "Understanding the Neural Tangent Kernel" (2019), ellipses107.gif / train_funcs108.gif.
 */
import { z } from 'zod';
import { defineFigure } from '../../src/pipeline/contract';
import { createFigure, type Figure } from '../../src/plot';
import { encodeAnimation } from '../../src/gif';
import { createMlp, createModel, linspace, modelNtk, relativeChange, trainGD, type Rng } from '../../src/numerics';
import { levelForSemiAxis, levelSetEllipse, relativeFrobenius } from './ntk-ellipse';
import { createReluGridEvaluator } from './relu-grid';

const range = (name: string) =>
  z.tuple([z.number(), z.number()]).refine(([a, b]) => a < b, `${name} must be increasing`);

export const ellipsesParams = z
  .object({
    /** Output scales, one network each (≤ 10: one palette colour each). */
    alphas: z.array(z.number().positive().finite()).min(1).max(10).default([0.01, 0.05, 0.5, 1, 5, 10, 50]),
    width: z.number().int().positive().max(4096).default(100),
    depth: z.number().int().min(1).max(6).default(2),
    xBar: z.tuple([z.number(), z.number()]).refine(([a, b]) => a !== b, 'the two inputs must differ').default([-2, 0.5]),
    yBar: z.tuple([z.number(), z.number()]).default([3, -1]),
    lr: z.number().positive().finite().default(1e-4),
    /** Steps trained (the data's final loss); the animations show the first frames × snapshotEvery. */
    steps: z.number().int().positive().max(100_000).default(8000),
    snapshotEvery: z.number().int().positive().default(20),
    frames: z.number().int().min(2).max(1000).default(200),
    /**
     * The level c of the ellipses (y − ȳ)ᵀΘ(y − ȳ) = c is fixed once, so that the
     * longest initial semi-axis over all networks is this many output units.
     */
    ellipseSemiAxis: z.number().positive().default(2.5),
    y1Range: range('y1Range').default([-1, 5]),
    y2Range: range('y2Range').default([-4, 2]),
    /**
     * Functions: the original evaluated 1000 points on [−5, 5] but showed
     * [−4, 3]; we evaluate only the visible range at the same density (100 per unit).
     */
    xRange: range('xRange').default([-4, 3]),
    yRange: range('yRange').default([-3, 5]),
    gridPoints: z.number().int().min(10).max(5000).default(700),
    widthPx: z.number().int().min(200).max(2000).default(750),
    heightPx: z.number().int().min(150).max(2000).default(570),
    pixelRatio: z.number().positive().max(3).default(1),
    delayMs: z.number().int().min(20).max(2000).default(100),
  })
  .refine((p) => (p.frames - 1) * p.snapshotEvery <= p.steps, {
    message: 'frames × snapshotEvery must not exceed the steps trained',
    path: ['frames'],
  });

export type EllipsesParams = z.output<typeof ellipsesParams>;

/** What one network's run keeps for the figures and the data file. */
export interface EllipseRun {
  alpha: number;
  /** Snapshot steps 0, snapshotEvery, … up to `steps`. */
  step: number[];
  /** Normalised NTK Θ = H/α² per snapshot as [Θ11, Θ12, Θ22]. */
  ntk: [number, number, number][];
  /** Outputs (y1, y2) on x̄ per snapshot. */
  y: [number, number][];
  /** Training loss mean((y − ȳ)²)/α² per snapshot. */
  loss: number[];
  /** ‖w(n) − w0‖ / ‖w0‖ per snapshot. */
  weightChange: number[];
  /** y(x) on the grid for the first `frames` snapshots (frames × gridPoints, row-major). */
  curves: Float64Array;
  finalLoss: number;
}

const alphaTex = (a: number) => `$\\alpha = ${a}$`;

/** Trains one network per α and records every snapshot both animations need. */
export function trainRuns(p: EllipsesParams, rng: Rng, progress: (f: number) => void): { runs: EllipseRun[]; grid: Float64Array } {
  const net = createMlp({ depth: p.depth, width: p.width });
  const xs = Float64Array.from(p.xBar), ys = Float64Array.from(p.yBar);
  const grid = linspace(p.xRange[0], p.xRange[1], p.gridPoints);
  const evaluator = createReluGridEvaluator(net, grid);
  const G = grid.length;
  const runs: EllipseRun[] = [];
  p.alphas.forEach((alpha, i) => {
    const model = createModel(net, rng.fork(), { alpha, zeroOutput: true });
    const base = Float64Array.from(evaluator.evaluate(model.initial));
    const run: EllipseRun = { alpha, step: [], ntk: [], y: [], loss: [], weightChange: [], curves: new Float64Array(p.frames * G), finalLoss: NaN };
    const a2 = alpha * alpha;
    const result = trainGD(model, { xs, ys }, {
      lr: p.lr, steps: p.steps, loss: 'mse-alpha2', snapshotAt: p.snapshotEvery, snapshotFinal: true,
      onSnapshot: (s) => {
        const H = modelNtk(s.model, xs, s.params);
        run.step.push(s.step);
        run.ntk.push([H[0] / a2, (0.5 * (H[1] + H[2])) / a2, H[3] / a2]);
        run.y.push([s.outputs[0], s.outputs[1]]);
        run.loss.push(s.loss);
        run.weightChange.push(relativeChange(s.params, s.model.initial));
        const k = run.step.length - 1;
        if (k < p.frames) {
          const row = run.curves.subarray(k * G, (k + 1) * G);
          evaluator.evaluate(s.params, row);
          for (let n = 0; n < G; n++) row[n] = alpha * (row[n] - base[n]);
        }
        if (s.step % 1000 === 0) progress((i + s.step / p.steps) / p.alphas.length);
      },
    });
    run.finalLoss = result.losses[result.losses.length - 1];
    runs.push(run);
  });
  return { runs, grid };
}

/** Frame k of `ellipses`: every network's NTK ellipse and its trajectory so far. */
export function ellipsesFrame(p: EllipsesParams, runs: EllipseRun[], level: number, k: number): Figure {
  const fig = createFigure({ width: p.widthPx, height: p.heightPx, pixelRatio: p.pixelRatio });
  const ax = fig.axes({
    x: { domain: p.y1Range, label: `$y_1 = f(${p.xBar[0]}, w(n))$` },
    y: { domain: p.y2Range, label: `$y_2 = f(${p.xBar[1]}, w(n))$` },
    legend: 'upper right',
  });
  const pal = fig.theme.palette;
  runs.forEach((run, i) => {
    const [k11, k12, k22] = run.ntk[k];
    const e = levelSetEllipse(k11, k12, k22, level);
    ax.ellipse({ cx: p.yBar[0], cy: p.yBar[1], rx: e.rx, ry: e.ry, angle: e.angle, stroke: pal[i], width: 2.25, label: alphaTex(run.alpha) });
  });
  runs.forEach((run, i) => {
    const ty = run.y.slice(0, k + 1);
    ax.scatter(ty.map((v) => v[0]), ty.map((v) => v[1]), { color: pal[i], radius: 2.6, alpha: 0.8 });
  });
  ax.scatter([p.yBar[0]], [p.yBar[1]], { color: '#222222', radius: 4.5, label: 'Target $\\bar{\\boldsymbol y}$' });
  return fig;
}

/** Frame k of `ellipse-functions`: every network's function y(x) and the data. */
export function functionsFrame(p: EllipsesParams, runs: EllipseRun[], grid: Float64Array, k: number): Figure {
  const fig = createFigure({ width: p.widthPx, height: p.heightPx, pixelRatio: p.pixelRatio });
  const ax = fig.axes({
    x: { domain: p.xRange, label: '$x$' },
    y: { domain: p.yRange, label: '$f(x, w(n))$' },
    legend: 'upper right',
  });
  const pal = fig.theme.palette;
  const G = grid.length;
  runs.forEach((run, i) => {
    ax.line(grid, run.curves.subarray(k * G, (k + 1) * G), { color: pal[i], width: 2.25, label: alphaTex(run.alpha) });
  });
  ax.scatter(Float64Array.from(p.xBar), Float64Array.from(p.yBar), { color: '#222222', radius: 5, label: 'Data $(\\bar x_i, \\bar y_i)$' });
  return fig;
}

const list = (v: readonly number[]) => v.join(', ');

export default defineFigure({
  id: 'ntk/ellipses',
  title: 'NTK ellipses and functions of networks with different output scales α',
  params: ellipsesParams,
  seed: 107,
  async render({ params: p, rng, progress, out }) {
    const { runs, grid } = trainRuns(p, rng, (f) => progress(0.4 * f, 'training'));
    // One level c for every network and frame, from the initial kernels.
    const level = levelForSemiAxis(runs.map((r) => { const [a, b, d] = r.ntk[0]; return [a, b, b, d]; }), p.ellipseSemiAxis);
    const shownSteps = (p.frames - 1) * p.snapshotEvery;
    const setup =
      `$L = ${p.depth}$ hidden layers of width $m = ${p.width}$, zero output, $\\alpha \\in \\{${list(p.alphas)}\\}$, ` +
      `trained on $\\bar x = (${list(p.xBar)})$, $\\bar y = (${list(p.yBar)})$ by gradient descent with learning rate ` +
      `${p.lr} on the normalised loss $\\frac{1}{2\\alpha^2}\\Vert \\boldsymbol y - \\bar{\\boldsymbol y}\\Vert^2$ ` +
      `(the mean squared error over $\\alpha^2$), steps 0 to ${shownSteps}, one frame every ${p.snapshotEvery} steps`;

    const ell = await encodeAnimation({
      frames: p.frames,
      render: (k) => ellipsesFrame(p, runs, level, k),
      delay: p.delayMs,
      poster: 'last',
      progress: (f) => progress(0.4 + 0.3 * f, 'ellipses'),
    });
    out.animation('ellipses', ell.gif, ell.poster, {
      pixelRatio: p.pixelRatio,
      alt:
        `Animation in the output plane (y1, y2) = (f(${p.xBar[0]}), f(${p.xBar[1]})): ${runs.length} coloured ellipses ` +
        `centred on the target (${list(p.yBar)}), one per output scale α from ${Math.min(...p.alphas)} to ` +
        `${Math.max(...p.alphas)}, and dotted trajectories that start at (0, 0) and curve towards the target. ` +
        `The ellipses of large α stay fixed while those of small α turn and shrink as training proceeds.`,
      caption:
        `The neural tangent kernel of ${runs.length} networks during training, ${setup}. Each ellipse is the level set ` +
        `$(\\boldsymbol y - \\bar{\\boldsymbol y})^T \\Theta (\\boldsymbol y - \\bar{\\boldsymbol y}) = c$ of the kernel ` +
        `$\\Theta = \\boldsymbol H/\\alpha^2$ on the two inputs, so its semi-axes lie along $\\Theta$'s eigenvectors ` +
        `with lengths $\\sqrt{c/\\lambda_i}$; one $c$ for all networks and frames, chosen so the longest initial ` +
        `semi-axis is ${p.ellipseSemiAxis}. Dots: the outputs $\\boldsymbol y(\\boldsymbol w(n))$ so far. ` +
        `The slight periodic pulsing of some mid-range ellipses is real, not a drawing artefact: a ReLU unit that sits at ` +
        `its kink on a data point is pushed back and forth across it by gradient descent, switching its share of the kernel on and off.`,
    });

    const fun = await encodeAnimation({
      frames: p.frames,
      render: (k) => functionsFrame(p, runs, grid, k),
      delay: p.delayMs,
      poster: 'last',
      progress: (f) => progress(0.7 + 0.3 * f, 'functions'),
    });
    out.animation('ellipse-functions', fun.gif, fun.poster, {
      pixelRatio: p.pixelRatio,
      alt:
        `Animation of ${runs.length} network functions over x from ${p.xRange[0]} to ${p.xRange[1]}, one per output ` +
        `scale α, all starting flat at zero and bending to pass through the two data points ` +
        `(${p.xBar[0]}, ${p.yBar[0]}) and (${p.xBar[1]}, ${p.yBar[1]}).`,
      caption:
        `The same ${runs.length} runs as functions $f(x, \\boldsymbol w(n))$ of the input, frame for frame with the ellipses: ` +
        `${setup}. Dots: the two training points.`,
    });

    const round = (v: number) => Number(v.toPrecision(8));
    out.data('ellipses', {
      params: { ...p },
      level: round(level),
      runs: runs.map((r) => ({
        alpha: r.alpha,
        step: r.step,
        ntk: r.ntk.map((t) => t.map(round)),
        y: r.y.map((t) => t.map(round)),
        loss: r.loss.map(round),
        weightChange: r.weightChange.map(round),
        finalLoss: r.finalLoss,
        ntkRelativeChange: relativeFrobenius(full(r.ntk[r.ntk.length - 1]), full(r.ntk[0])),
        // The last animated function, on every fifth grid point.
        lastFrameCurve: {
          x: Array.from(grid.filter((_, n) => n % 5 === 0), round),
          y: Array.from(r.curves.subarray((p.frames - 1) * grid.length).filter((_, n) => n % 5 === 0), round),
        },
      })),
    });
    progress(1, 'done');
  },
});

const full = ([a, b, d]: readonly number[]) => [a, b, b, d];
