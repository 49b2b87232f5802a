/**
 * The training behind `ellipses` / `ellipse-functions`: seven zero-output
 * networks that differ only in their output scale α, trained by gradient
 * descent on the same two points, with every snapshot both animations need.
 *
 * Loss: the original code's mean((y − ȳ)²)/α² ('mse-alpha2'), under which the
 * output dynamics are ẏ = −lr·Θ(y − ȳ) for every α, so all runs share a time
 * scale and differ only in how much Θ moves (Θ = H/α², normalised).
 */
import { createMlp, createModel, linspace, modelNtk, relativeChange, trainGD, type Model, type Rng } from '../../src/numerics';
import { createReluGridEvaluator } from './relu-grid';
import { createKinkTracker, oneSided } from './kinks';
import { relativeFrobenius } from './ntk-ellipse';
import type { EllipsesParams } from './ellipses.figure';

/** [Θ11, Θ12, Θ22] of a symmetric 2×2 kernel. */
export type Kernel2 = [number, number, number];

/** What one network's run keeps for the figures and the data file. */
export interface EllipseRun {
  alpha: number;
  /** Snapshot steps 0, snapshotEvery, … up to `steps`. */
  step: number[];
  /** Normalised NTK Θ = H/α² per snapshot. */
  ntk: Kernel2[];
  /**
   * Per animated frame: when ReLU units sit on their kink at a data point
   * (./kinks.ts), the one-sided kernels with all of them on and all off;
   * null when none does or their share of Θ is below `kinkShare`.
   */
  ntkRange: ([on: Kernel2, off: Kernel2] | null)[];
  /** Per animated frame: how many units sit on their kink. */
  parked: number[];
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

const full = ([a, b, d]: readonly number[]) => [a, b, b, d];

function kernel(model: Model, xs: Float64Array, params: Float64Array): Kernel2 {
  const H = modelNtk(model, xs, params), a2 = model.alpha * model.alpha;
  return [H[0] / a2, (0.5 * (H[1] + H[2])) / a2, H[3] / a2];
}

/** Trains one network per α and records every snapshot both animations need. */
export function trainRuns(p: EllipsesParams, rng: Rng, progress: (f: number) => void): { runs: EllipseRun[]; grid: Float64Array } {
  const net = createMlp({ depth: p.depth, width: p.width });
  const xs = Float64Array.from(p.xBar), ys = Float64Array.from(p.yBar);
  const grid = linspace(p.xRange[0], p.xRange[1], p.gridPoints);
  const evaluator = createReluGridEvaluator(net, grid);
  const G = grid.length;
  const shownSteps = (p.frames - 1) * p.snapshotEvery;
  const runs: EllipseRun[] = [];
  p.alphas.forEach((alpha, i) => {
    const model = createModel(net, rng.fork(), { alpha, zeroOutput: true });
    const base = Float64Array.from(evaluator.evaluate(model.initial));
    const kinks = createKinkTracker(net, xs);
    const run: EllipseRun = {
      alpha, step: [], ntk: [], ntkRange: [], parked: [], y: [], loss: [], weightChange: [], curves: new Float64Array(p.frames * G), finalLoss: NaN,
    };
    const result = trainGD(model, { xs, ys }, {
      lr: p.lr, steps: p.steps, loss: 'mse-alpha2', snapshotFinal: true,
      // Every step while animated (the kink tracker needs each sign change), then every snapshotEvery.
      snapshotAt: (s) => s <= shownSteps || s % p.snapshotEvery === 0,
      onSnapshot: (s) => {
        if (s.step <= shownSteps) kinks.observe(s.step, s.params);
        if (s.step % p.snapshotEvery !== 0 && !s.final) return;
        const K = kernel(s.model, xs, s.params);
        run.step.push(s.step);
        run.ntk.push(K);
        run.y.push([s.outputs[0], s.outputs[1]]);
        run.loss.push(s.loss);
        run.weightChange.push(relativeChange(s.params, s.model.initial));
        const k = run.step.length - 1;
        if (k < p.frames) {
          const parked = kinks.parked();
          run.parked.push(parked.length);
          let range: [Kernel2, Kernel2] | null = null;
          if (parked.length) {
            const on = kernel(s.model, xs, oneSided(net, s.params, xs, parked, 1));
            const off = kernel(s.model, xs, oneSided(net, s.params, xs, parked, -1));
            if (relativeFrobenius(full(on), full(off)) > p.kinkShare) range = [on, off];
          }
          run.ntkRange.push(range);
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
