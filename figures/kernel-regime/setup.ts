/**
 * The experiment shared by the kernel-regime figures on the line: eight
 * training points of a smooth target, the one-hidden-layer network of
 * src/numerics/shallowNet.ts, and a learning rate and training length taken
 * from the infinite-width kernel, so every width trains on the same clock.
 */
import { createShallow, linspace, shallowKernels, symEig, type ShallowNet } from '../../src/numerics';

export const TRAIN_POINTS = 8;
export const X_RANGE: [number, number] = [-3, 3];
/** Plot window: a little beyond the data, where the predictions fan out. */
export const PLOT_RANGE: [number, number] = [-4, 4];

export const target = (x: number): number => Math.sin(1.2 * x) + 0.3 * x;

export interface TrainingSet {
  xs: Float64Array;
  ys: Float64Array;
}

export function trainingSet(): TrainingSet {
  const xs = linspace(X_RANGE[0], X_RANGE[1], TRAIN_POINTS);
  return { xs, ys: xs.map(target) };
}

export function network(width: number): ShallowNet {
  return createShallow({ width, inputDim: 1, weightStd: 1, biasStd: 1 });
}

export interface Clock {
  /** Learning rate η = lrFraction / λ_max(Θ∞(X, X)). */
  lr: number;
  /** Steps until the slowest mode of Θ∞ is down to e^{−decays}. */
  steps: number;
  /** Eigenvalues of Θ∞(X, X), descending. */
  eigenvalues: Float64Array;
}

/**
 * η from the largest eigenvalue (GD on ½‖r‖² is stable for η < 2/λ_max; a
 * finite network's kernel scatters around Θ∞, hence the margin), and a run
 * long enough for the slowest kernel mode to decay by e^{−decays}.
 */
export function clock(xs: Float64Array, lrFraction: number, decays: number): Clock {
  const theta = shallowKernels(network(1), xs, xs).ntk;
  const eigenvalues = symEig(theta, xs.length).values;
  const lr = lrFraction / eigenvalues[0];
  return { lr, steps: Math.ceil(decays / (lr * eigenvalues[eigenvalues.length - 1])), eigenvalues };
}

/** `count` integer steps from 0 to `last`, spaced evenly in log(1 + t): fast early change gets frames too. */
export function logSteps(last: number, count: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = Math.round(Math.expm1((k / (count - 1)) * Math.log1p(last)));
    if (!out.length || t > out[out.length - 1]) out.push(t);
  }
  return out;
}

/** Rounded to `digits` significant digits for the data files. */
export const sig = (v: number, digits = 7): number => Number(v.toPrecision(digits));
