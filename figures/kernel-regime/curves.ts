/**
 * The three predictions of one training run on a plot grid, at chosen steps:
 * the network itself, its linearisation around the same initialisation, and
 * the closed-form infinite-width kernel solution started from the same f0
 * (Lee et al. 2019). Shared by the animation and the width sweep, so both
 * measure exactly the same thing.
 */
import {
  gradientDescentSteps, initShallow, kernelPrediction, shallowForward, shallowKernels, shallowNtk, trainShallow,
  type Rng, type ShallowNet,
} from '../../src/numerics';
import type { TrainingSet } from './setup';

export interface RunCurves {
  /** Steps of the snapshots. */
  steps: number[];
  /** curves[k] on the grid at steps[k]. */
  real: Float64Array[];
  linear: Float64Array[];
  kernel: Float64Array[];
  /** The three predictions at the training inputs after the last step (kernel: empty without it). */
  finalAtData: { real: Float64Array; linear: Float64Array; kernel: Float64Array };
}

export function runCurves(net: ShallowNet, set: TrainingSet, grid: Float64Array, lr: number, steps: number[], rng: Rng, withKernel: boolean): RunCurves {
  const w0 = initShallow(net, rng), last = steps[steps.length - 1], want = new Set(steps);
  const real: Float64Array[] = [], linear: Float64Array[] = [], kernel: Float64Array[] = [];
  const finalAtData: RunCurves['finalAtData'] = { real: new Float64Array(0), linear: new Float64Array(0), kernel: new Float64Array(0) };
  trainShallow(net, Float64Array.from(w0), set.xs, set.ys, {
    lr, steps: last, onStep: (n, y, p) => {
      if (want.has(n)) real.push(shallowForward(net, p, grid));
      if (n === last) finalAtData.real = y.slice();
    },
  });
  // The linearised model trained by GD is exactly the kernel solution with its own
  // (empirical, initial) tangent kernel and (I − ηΘ0)^n (tests/numerics/shallow.test.ts),
  // so it costs two small kernel matrices instead of a second training run.
  const f0 = shallowForward(net, w0, grid), f0X = shallowForward(net, w0, set.xs);
  const lin = { thetaXX: shallowNtk(net, w0, set.xs, set.xs), thetaTX: shallowNtk(net, w0, grid, set.xs), ys: set.ys, f0X, f0T: f0 };
  for (const n of steps) linear.push(kernelPrediction(lin, gradientDescentSteps(lr, n)));
  finalAtData.linear = kernelPrediction({ ...lin, thetaTX: lin.thetaXX, f0T: f0X }, gradientDescentSteps(lr, last));
  if (withKernel) {
    const thetaXX = shallowKernels(net, set.xs, set.xs).ntk, thetaTX = shallowKernels(net, grid, set.xs).ntk;
    for (const n of steps) kernel.push(kernelPrediction({ thetaXX, thetaTX, ys: set.ys, f0X, f0T: f0 }, gradientDescentSteps(lr, n)));
    finalAtData.kernel = kernelPrediction({ thetaXX, thetaTX: thetaXX, ys: set.ys, f0X, f0T: f0X }, gradientDescentSteps(lr, last));
  }
  return { steps, real, linear, kernel, finalAtData };
}

/** Root-mean-square difference of two curves on the same grid. */
export function rmsGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s / a.length);
}
