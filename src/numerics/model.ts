/**
 * The model the figures train: y(x) = α · (f(x, w) − f(x, w0)) with the
 * "zero output" trick (a frozen copy w0 of the initial parameters is
 * subtracted, so every trajectory starts at y = 0), or y(x) = α · f(x, w)
 * without it. `params` is trained in place; `initial` never changes.
 */
import { jacobianRows } from './backprop';
import { forwardBatch } from './forward';
import { checkParams, initParams, type Mlp } from './mlp';
import { ntkGram } from './ntk';
import type { Rng } from './rng';

export interface ModelOptions {
  /** Output scale α (default 1). */
  alpha?: number;
  /** Subtract f(x, w0) (default false). */
  zeroOutput?: boolean;
}

export interface Model {
  readonly net: Mlp;
  /** Live parameters w (layout: see mlp.ts), updated in place by training. */
  readonly params: Float64Array;
  /** Frozen copy of the initial parameters w0. */
  readonly initial: Float64Array;
  readonly alpha: number;
  readonly zeroOutput: boolean;
}

/** Initialises w0 with `initParams(net, rng)` and wraps it. */
export function createModel(net: Mlp, rng: Rng, options: ModelOptions = {}): Model {
  return modelFromParams(net, initParams(net, rng), options);
}

/** Wraps existing parameters (copied twice: into `params` and the frozen `initial`). */
export function modelFromParams(net: Mlp, w0: Float64Array, options: ModelOptions = {}): Model {
  checkParams(net, w0, 'modelFromParams');
  const alpha = options.alpha ?? 1;
  if (!Number.isFinite(alpha) || alpha === 0) throw new RangeError(`model: alpha must be finite and non-zero, got ${alpha}`);
  return Object.freeze({ net, params: Float64Array.from(w0), initial: Float64Array.from(w0), alpha, zeroOutput: options.zeroOutput ?? false });
}

/**
 * y(xs[n]) for the given parameters (default: the live ones). Computes
 * f(x, w0) too when zeroOutput is on; on a fixed grid prefer `createEvaluator`,
 * which caches it.
 */
export function modelForward(model: Model, xs: Float64Array, out?: Float64Array, params: Float64Array = model.params): Float64Array {
  const y = forwardBatch(model.net, params, xs, out);
  if (model.zeroOutput) {
    const base = forwardBatch(model.net, model.initial, xs);
    for (let n = 0; n < xs.length; n++) y[n] = model.alpha * (y[n] - base[n]);
  } else if (model.alpha !== 1) {
    for (let n = 0; n < xs.length; n++) y[n] *= model.alpha;
  }
  return y;
}

export interface Evaluator {
  readonly xs: Float64Array;
  /**
   * Model outputs on the grid. Returns a buffer owned by the evaluator and
   * overwritten by the next call (copy it to keep it), unless `out` is given.
   */
  evaluate(params?: Float64Array, out?: Float64Array): Float64Array;
}

/** Evaluates a model repeatedly on one grid `xs` (which must not be mutated afterwards). */
export function createEvaluator(model: Model, xs: Float64Array): Evaluator {
  const base = model.zeroOutput ? forwardBatch(model.net, model.initial, xs) : null;
  const buf = new Float64Array(xs.length);
  const a = model.alpha;
  return {
    xs,
    evaluate(params = model.params, out = buf) {
      forwardBatch(model.net, params, xs, out);
      if (base) for (let n = 0; n < xs.length; n++) out[n] = a * (out[n] - base[n]);
      else if (a !== 1) for (let n = 0; n < xs.length; n++) out[n] *= a;
      return out;
    },
  };
}

/** The model's NTK on xs: α² Θ(xs, xs) (the frozen copy has no gradient). N×N row-major. */
export function modelNtk(model: Model, xs: Float64Array, params: Float64Array = model.params): Float64Array {
  const g = ntkGram(model.net, params, xs);
  const a2 = model.alpha * model.alpha;
  for (let i = 0; i < g.length; i++) g[i] *= a2;
  return g;
}

/** The model's feature maps α φ(xs[n]), N×p row-major. */
export function modelJacobianRows(model: Model, xs: Float64Array, params: Float64Array = model.params): Float64Array {
  const J = jacobianRows(model.net, params, xs);
  if (model.alpha !== 1) for (let i = 0; i < J.length; i++) J[i] *= model.alpha;
  return J;
}
