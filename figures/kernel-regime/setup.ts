/**
 * The experiment shared by the kernel-regime figures on the line: eight
 * training points of a smooth target, the one-hidden-layer network of
 * src/numerics/shallowNet.ts, and a learning rate and training length taken
 * from the infinite-width kernel, so every width trains on the same clock.
 */
import { z } from 'zod';
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

/**
 * The clock's parameters, for a figure's zod schema. One definition, so the
 * figures that train on this experiment share its default step size and length.
 */
export const clockParams = {
  /** η as a fraction of 1/λ_max(Θ∞). */
  lrFraction: z.number().positive().max(1.9).default(0.9),
  /** Train until the slowest kernel mode has decayed by e^{−decays}. */
  decays: z.number().positive().default(3),
};

/** One training run planned on a plot grid: the data, its clock, and the steps at which the curves are taken. */
export interface PlannedRun {
  set: TrainingSet;
  clock: Clock;
  /** `samples` points over PLOT_RANGE. */
  grid: Float64Array;
  /** `snapshots` steps from 0 to the end of the run, log-spaced (see logSteps). */
  steps: number[];
}

export function planRun(p: { lrFraction: number; decays: number; samples: number }, snapshots: number): PlannedRun {
  const set = trainingSet(), c = clock(set.xs, p.lrFraction, p.decays);
  return { set, clock: c, grid: linspace(PLOT_RANGE[0], PLOT_RANGE[1], p.samples), steps: logSteps(c.steps, snapshots) };
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

/**
 * Curves on a grid of `samples` points thinned to about 40 and rounded, for the
 * data files: enough to check a claim, small enough to read.
 */
export function coarsen(samples: number): (f: ArrayLike<number>) => number[] {
  const every = Math.max(1, Math.round((samples - 1) / 40));
  return (f) => Array.from(f).filter((_, i) => i % every === 0).map((v) => sig(v));
}
