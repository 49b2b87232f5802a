/**
 * Full-batch gradient descent w ← w − lr·∇L(w) on a model and a small
 * dataset, with snapshots at chosen steps, early stopping and divergence
 * detection. Step n means "after n updates"; step 0 is the initial state.
 *
 * Snapshots hand out views, not copies: `params` is the live parameter
 * vector and `outputs` a reused buffer, both valid only during the callback
 * (copy what you keep). This keeps a 1M-parameter run from copying the model
 * at every step. The callback may call other numerics functions (the NTK,
 * forward passes on a grid): training uses its own private buffers.
 */
import { backward } from './backprop';
import { DivergenceError } from './divergenceError';
import { lossGradient, lossValue, type LossKind } from './loss';
import type { Model } from './model';
import { descendSmallBatch, smallBatchApplies } from './smallBatchDescent';
import { recordForward, Tape } from './tape';

export interface TrainData {
  xs: Float64Array;
  ys: Float64Array;
}

export interface Snapshot {
  step: number;
  loss: number;
  /** Model outputs y(x̄_i) at this step (reused buffer). */
  outputs: Float64Array;
  /** Live parameters at this step: read only, valid during the callback. */
  params: Float64Array;
  model: Model;
  /** True for the last state of the run (only reported when `snapshotFinal`). */
  final: boolean;
}

export interface TrainOptions {
  lr: number;
  /** Maximum number of updates. */
  steps: number;
  /** Default 'half-sse' (the article's ½‖y − ȳ‖²). */
  loss?: LossKind;
  /** Stop as soon as the loss is below this (checked before each update). */
  tolerance?: number;
  /** Which steps to report: every k steps (k: number), an explicit list, or a predicate. */
  snapshotAt?: number | readonly number[] | ((step: number) => boolean);
  onSnapshot?: (s: Snapshot) => void;
  /** Also report the final state when it is not a requested step (default false). */
  snapshotFinal?: boolean;
}

export interface TrainResult {
  /** Updates made (≤ steps). */
  steps: number;
  /** losses[n] = L(w(n)) for n = 0 … steps. */
  losses: Float64Array;
  /** True when stopped because loss < tolerance. */
  converged: boolean;
}

export function trainGD(model: Model, data: TrainData, options: TrainOptions): TrainResult {
  const { lr, steps } = options;
  const kind = options.loss ?? 'half-sse';
  const { xs, ys } = data;
  if (xs.length !== ys.length || xs.length === 0) throw new RangeError(`trainGD: need equal, non-zero numbers of inputs and targets, got ${xs.length} and ${ys.length}`);
  if (!(lr > 0) || !Number.isFinite(lr)) throw new RangeError(`trainGD: lr must be positive and finite, got ${lr}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`trainGD: steps must be a non-negative integer, got ${steps}`);
  const net = model.net, w = model.params, a = model.alpha, N = xs.length;
  const wanted = snapshotPredicate(options.snapshotAt);
  const tape = new Tape(net);
  // f(x̄, w0) is constant: computed once, by the same kernels as the training
  // forward pass, so that y(w0) = α(f(x̄, w0) − f(x̄, w0)) is exactly 0.
  const base = model.zeroOutput ? Float64Array.from(recordForward(net, model.initial, xs, tape).y.subarray(0, N)) : new Float64Array(N);
  const y = new Float64Array(N), dLdy = new Float64Array(N), cot = new Float64Array(N);
  const losses = new Float64Array(steps + 1);
  const small = smallBatchApplies(N);
  let converged = false, n = 0;
  for (;; n++) {
    recordForward(net, w, xs, tape);
    for (let i = 0; i < N; i++) y[i] = a * (tape.y[i] - base[i]);
    const loss = lossValue(kind, y, ys, a);
    if (!Number.isFinite(loss)) throw new DivergenceError(n, lr, loss);
    losses[n] = loss;
    converged = options.tolerance !== undefined && loss < options.tolerance;
    const last = converged || n === steps;
    if (options.onSnapshot && (wanted(n) || (last && options.snapshotFinal))) {
      options.onSnapshot({ step: n, loss, outputs: y, params: w, model, final: last });
    }
    if (last) break;
    lossGradient(kind, y, ys, a, dLdy);
    for (let i = 0; i < N; i++) cot[i] = a * dLdy[i];
    // w ← w − lr ∇L in place, no gradient vector; one pass per hidden layer for 1–2 points.
    if (small) descendSmallBatch(net, w, tape, cot, lr);
    else backward(net, w, tape, cot, null, lr);
  }
  return { steps: n, losses: losses.subarray(0, n + 1), converged };
}

function snapshotPredicate(at: TrainOptions['snapshotAt']): (step: number) => boolean {
  if (at === undefined) return () => false;
  if (typeof at === 'number') {
    if (!Number.isInteger(at) || at < 1) throw new RangeError(`trainGD: snapshotAt every k steps needs an integer k ≥ 1, got ${at}`);
    return (s) => s % at === 0;
  }
  if (typeof at === 'function') return at;
  const set = new Set(at);
  return (s) => set.has(s);
}
