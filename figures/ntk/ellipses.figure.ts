/**
 * `ellipses-hero`, `ellipses` and `ellipse-functions`: seven zero-output
 * networks that differ only in their output scale α, trained by gradient
 * descent on the same two points (./ellipse-runs.ts). One training run per α
 * feeds all three animations, frame for frame.
 *
 * - `ellipses`: each network's normalised NTK Θ = H/α² (2×2 on x̄) drawn as
 *   the level set (y − ȳ)ᵀΘ(y − ȳ) = c around the targets (./ntk-ellipse.ts),
 *   plus the trajectory y(w(n)) of its outputs. Large α: the ellipse is frozen
 *   (kernel regime); small α: it turns and deforms.
 * - `ellipses-hero`: the same animation drawn for the full column, opening the
 *   article (and its social preview). The article shows the ellipses again
 *   beside `ellipse-functions` in a row, where each is half as wide: one
 *   output cannot have two sizes, so the hero is its own output.
 * - `ellipse-functions`: the same runs as functions y(x) = α(f(x, w(n)) − f(x, w0)).
 *
 * Setup as in R. V. Dwaraknath, "Understanding the Neural Tangent Kernel"
 * (2019), ellipses107.gif / train_funcs108.gif.
 */
import { z } from 'zod';
import { defineFigure, type OutputWriter, type Progress, type Rendition, type Rng } from '../../src/pipeline/contract';
import { levelForSemiAxis, relativeFrobenius } from './ntk-ellipse';
import { trainRuns, type EllipseRun } from './ellipse-runs';
import { ellipsesFrame, functionsFrame } from './ellipse-frames';

export type { EllipseRun };

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
    /**
     * Units parked on a ReLU kink make Θ two-valued (./kinks.ts); both one-sided
     * ellipses are drawn when they differ by more than this (relative Frobenius).
     */
    kinkShare: z.number().min(0).default(0.005),
    y1Range: range('y1Range').default([-1, 5]),
    y2Range: range('y2Range').default([-4, 2]),
    /**
     * Functions: the original evaluated 1000 points on [−5, 5] but showed
     * [−4, 3]; we evaluate only the visible range at the same density (100 per unit).
     */
    xRange: range('xRange').default([-4, 3]),
    /** y range of the functions; by default just wide enough that no curve leaves the frame in any frame. */
    yRange: range('yRange').optional(),
    gridPoints: z.number().int().min(10).max(5000).default(700),
    /** Height ÷ width of the desktop drawings; phones get a taller one (the legend needs rows). */
    aspect: z.number().min(0.3).max(2).default(0.76),
    phoneAspect: z.number().min(0.3).max(2).default(0.95),
    delayMs: z.number().int().min(20).max(2000).default(100),
  })
  .refine((p) => (p.frames - 1) * p.snapshotEvery <= p.steps, {
    message: 'frames × snapshotEvery must not exceed the steps trained',
    path: ['frames'],
  });

export type EllipsesParams = z.output<typeof ellipsesParams>;

const list = (v: readonly number[]) => v.join(', ');
const full = ([a, b, d]: readonly number[]) => [a, b, b, d];

/** Symmetric, whole-unit y range holding every animated curve. */
function functionsRange(runs: readonly EllipseRun[]): [number, number] {
  let lo = 0, hi = 0;
  for (const r of runs) for (const v of r.curves) { if (v < lo) lo = v; if (v > hi) hi = v; }
  const pad = 0.05 * (hi - lo);
  return [Math.floor(lo - pad), Math.ceil(hi + pad)];
}

/** What training gave, and the two ranges fixed from it for every frame. */
interface Trained {
  runs: EllipseRun[];
  grid: Float64Array;
  /** One level c for every network and frame, from the initial kernels. */
  level: number;
  yRange: [number, number];
}

/** Compute: one training run per α, then the ellipses' level and the functions' y range. */
function train(p: EllipsesParams, rng: Rng, progress: Progress): Trained {
  const { runs, grid } = trainRuns(p, rng, (f) => progress(0.9 * f, 'training'));
  const level = levelForSemiAxis(runs.map((r) => full(r.ntk[0])), p.ellipseSemiAxis);
  return { runs, grid, level, yRange: p.yRange ?? functionsRange(runs) };
}

/** The setup in one paragraph: the functions' notes, and the start of the ellipses' notes. */
function setupText(p: EllipsesParams): string {
  const shownSteps = (p.frames - 1) * p.snapshotEvery;
  return (
    `$L = ${p.depth}$ hidden layers of width $m = ${p.width}$, zero output (a frozen copy subtracted), ` +
    `$\\alpha \\in \\{${list(p.alphas)}\\}$, trained on $\\bar x = (${list(p.xBar)})$, $\\bar y = (${list(p.yBar)})$ ` +
    `by gradient descent with learning rate ${p.lr} on $\\frac{1}{2\\alpha^2}\\Vert \\boldsymbol y - \\bar{\\boldsymbol y}\\Vert^2$, ` +
    `steps 0 to ${shownSteps}, one frame every ${p.snapshotEvery} steps.`
  );
}

/** The ellipses' notes: how an ellipse is drawn from Θ, and why some are doubled. */
function ellipseNotes(p: EllipsesParams, runs: readonly EllipseRun[]): string {
  const doubled = runs.filter((r) => r.ntkRange.some((x) => x)).map((r) => r.alpha);
  return (
    `${setupText(p)} Each ellipse is the level set $(\\boldsymbol y - \\bar{\\boldsymbol y})^T \\boldsymbol\\Theta (\\boldsymbol y - \\bar{\\boldsymbol y}) = c$ ` +
    `of the tangent kernel on the two inputs, $\\boldsymbol\\Theta = \\nabla_{\\boldsymbol w} \\boldsymbol y^T \\nabla_{\\boldsymbol w} \\boldsymbol y / \\alpha^2$ ` +
    `(divided by $\\alpha^2$ like the loss, so that the kernels of different $\\alpha$ are comparable): semi-axes along $\\boldsymbol\\Theta$'s eigenvectors, of ` +
    `lengths $\\sqrt{c/\\lambda_i}$, so the long axis belongs to $\\lambda_{\\min}$; one $c$ for all networks and frames, chosen so the ` +
    `longest initial semi-axis is ${p.ellipseSemiAxis}. Dots: the outputs $\\boldsymbol y(\\boldsymbol w(n))$ so far. ` +
    `Double lines: gradient descent parks some ReLU units exactly on their kink at a data point (pre-activations of $10^{-5}$ ` +
    `down to $10^{-14}$ that keep changing sign), where $\\boldsymbol\\Theta$ is not unique; the kernel sampled at one step then jumps ` +
    `between values up to 5 % apart from frame to frame. Instead of one arbitrary sample we draw both one-sided kernels, every ` +
    `parked unit on and every one off, whenever they differ by more than ${100 * p.kinkShare} % ` +
    `(${doubled.length ? `here for $\\alpha \\in \\{${list(doubled)}\\}$` : 'never, in this run'}). The sampled kernels are in the data file.`
  );
}

/** Publish: the ellipses twice (hero and row) and the functions, all drawn from the same runs frame for frame. */
async function publishAnimations(out: OutputWriter, p: EllipsesParams, { runs, grid, level, yRange }: Trained) {
  const notes = ellipseNotes(p, runs);
  const alt =
    `Animation in the output plane (y1, y2) = (f(${p.xBar[0]}), f(${p.xBar[1]})): ${runs.length} coloured ellipses ` +
    `centred on the target (${list(p.yBar)}), one per output scale α from ${Math.min(...p.alphas)} to ` +
    `${Math.max(...p.alphas)}, and dotted trajectories that start at (0, 0) and curve towards the target. ` +
    `The ellipses of large α stay fixed while those of small α turn and shrink as training proceeds.`;
  // The hero spans the column (three lines of caption); in the row the figure is half as wide, so less is said.
  const heroCaption =
    `The tangent kernel $\\boldsymbol\\Theta$ of ${runs.length} networks with output scales $\\alpha$ from ${Math.min(...p.alphas)} to ` +
    `${Math.max(...p.alphas)}, drawn as ellipses (long axis ∝ $1/\\sqrt{\\lambda_{\\min}}$) around the target, and their outputs ` +
    `$\\boldsymbol y$ (dots) during training. Large $\\alpha$: the ellipse stays put; small $\\alpha$: it turns and deforms.`;
  const rowCaption =
    `Each network's tangent kernel $\\boldsymbol\\Theta$ as an ellipse around the target (long axis ∝ $1/\\sqrt{\\lambda_{\\min}}$) ` +
    `and its outputs $\\boldsymbol y$ (dots) during training.`;
  // One drawing function for both: the hero and the row share their phone renditions (one download).
  const drawEllipses = (r: Rendition, k: number) => ellipsesFrame(p, runs, level, k, r);
  const ellipses = (id: string, slot: 'full' | 'half', social: boolean, caption: string) =>
    out.animated(id, {
      slot, social, frames: p.frames, delay: p.delayMs, poster: 'last', draw: drawEllipses,
    }, { alt, caption, notes });

  await Promise.all([
    ellipses('ellipses-hero', 'full', true, heroCaption),
    ellipses('ellipses', 'half', false, rowCaption),
    out.animated('ellipse-functions', {
      slot: 'half', frames: p.frames, delay: p.delayMs, poster: 'last',
      draw: (r, k) => functionsFrame(p, runs, grid, yRange, k, r),
    }, {
      alt:
        `Animation of ${runs.length} network functions over x from ${p.xRange[0]} to ${p.xRange[1]}, one per output ` +
        `scale α, all starting flat at zero and bending to pass through the two data points ` +
        `(${p.xBar[0]}, ${p.yBar[0]}) and (${p.xBar[1]}, ${p.yBar[1]}).`,
      caption:
        `The same ${runs.length} networks as functions $f(x, \\boldsymbol w(n))$, frame for frame with the ellipses; ` +
        `dots: the two training points.`,
      notes: setupText(p),
    }),
  ]);
}

/** Data: every run's sampled kernels, outputs, losses and weight changes, and its last animated function. */
function publishData(out: OutputWriter, p: EllipsesParams, { runs, grid, level, yRange }: Trained) {
  const round = (v: number) => Number(v.toPrecision(8));
  out.data('ellipses', {
    params: { ...p, yRange },
    level: round(level),
    runs: runs.map((r) => ({
      alpha: r.alpha,
      step: r.step,
      ntk: r.ntk.map((t) => t.map(round)),
      // Per animated frame: units parked on a ReLU kink, and the one-sided kernels (on, off) drawn.
      parkedUnits: r.parked,
      ntkRange: r.ntkRange.map((x) => x && x.map((t) => t.map(round))),
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
}

export default defineFigure({
  id: 'ntk/ellipses',
  title: 'NTK ellipses and functions of networks with different output scales α',
  params: ellipsesParams,
  seed: 107,
  async render({ params: p, rng, progress, out }) {
    const trained = train(p, rng, progress);
    await publishAnimations(out, p, trained);
    publishData(out, p, trained);
    progress(1, 'done');
  },
});
