/**
 * A seeded ensemble of randomly initialised ReLU networks, shared by
 * `init-functions` (the ensemble at initialisation) and `training-100-nets`
 * (the same ensemble trained): both scripts use the same seed and draw the
 * networks here, one forked RNG stream per network, so network k is the same
 * function in both figures.
 */
import { createReluGridEvaluator } from './relu-grid';
import { createMlp, initParams, type Mlp, type Rng } from '../../src/numerics';

/** Seed of both scripts, so that `training-100-nets` trains exactly the networks `init-functions` shows. */
export const ENSEMBLE_SEED = 100;

export interface Ensemble {
  net: Mlp;
  /** Initial parameters of each network (LeCun weights, uniform biases; see src/numerics/mlp.ts). */
  params: Float64Array[];
}

/** `count` independent networks of the given shape, network k drawn from the k-th fork of `rng`. */
export function createEnsemble(rng: Rng, count: number, depth: number, width: number): Ensemble {
  const net = createMlp({ depth, width });
  const params: Float64Array[] = [];
  for (let k = 0; k < count; k++) params.push(initParams(net, rng.fork()));
  return { net, params };
}

/**
 * f(xs, w) for every parameter vector, row-major (count × xs.length) in single
 * precision (plenty for drawing; halves the memory of many stored frames).
 * `xs` must be ascending (two-hidden-layer ReLU nets use the exact O(N·m) sweep).
 */
export function evaluateAll(net: Mlp, params: readonly Float64Array[], xs: Float64Array, out = new Float32Array(params.length * xs.length)): Float32Array {
  const grid = createReluGridEvaluator(net, xs);
  const n = xs.length;
  for (let k = 0; k < params.length; k++) out.set(grid.evaluate(params[k]), k * n);
  return out;
}

/**
 * Exact variance of f(x, w0) over initialisations of a ReLU network with
 * `depth` hidden layers of width m, as drawn by `initParams`:
 * W ~ N(0, 1/fan_in), b ~ U(±1/√fan_in) (variance 1/(3 fan_in)).
 *
 * Every pre-activation z is, conditionally on the layer below, a sum of
 * symmetric independent terms, so it is symmetric about 0 and
 * E[relu(z)²] = E[z²]/2 exactly, at any width. With q_l = E[z_l²] for one unit:
 *   q_1 = x² + 1/3                               (fan-in 1: a ~ N(0, 1), b ~ U(−1, 1))
 *   q_{l+1} = q_l/2 + 1/(3m)                    (m units with E[h²] = q_l/2, weights of variance 1/m)
 *   Var f(x) = E[f²] = q_L/2 + 1/(3m)            (E f = 0 by the same symmetry)
 * This is the finite-width second moment, not only the infinite-width limit;
 * it grows like x²/2^L: ReLU networks are positively homogeneous in x far
 * from the bias scale.
 */
export function reluInitVariance(x: number, depth: number, width: number): number {
  let q = x * x + 1 / 3;
  for (let l = 1; l < depth; l++) q = q / 2 + 1 / (3 * width);
  return q / 2 + 1 / (3 * width);
}

/** Per-column mean and sample standard deviation (n − 1) of a row-major rows × cols matrix. */
export function columnMeanStd(values: ArrayLike<number>, rows: number, cols: number): { mean: Float64Array; std: Float64Array } {
  if (values.length !== rows * cols) throw new RangeError(`columnMeanStd: ${values.length} values for ${rows}×${cols}`);
  if (rows < 2) throw new RangeError('columnMeanStd: need at least two rows');
  const mean = new Float64Array(cols), std = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) mean[c] += values[r * cols + c];
  for (let c = 0; c < cols; c++) mean[c] /= rows;
  // Two-pass (centred) sums: no cancellation when |mean| ≫ std.
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) { const d = values[r * cols + c] - mean[c]; std[c] += d * d; }
  }
  for (let c = 0; c < cols; c++) std[c] = Math.sqrt(std[c] / (rows - 1));
  return { mean, std };
}

/** Rounds to `digits` significant digits, for compact JSON data files. */
export function roundSig(v: number, digits = 6): number {
  return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(digits)) : v;
}
