/**
 * The training loss of a model on a dataset and its gradient with respect to
 * the parameters, ∇_w L = Σ_i (∂L/∂y_i) · α ∇_w f(x̄_i, w), in one forward and
 * one backward pass. (trainGD inlines the same computation with private buffers.)
 */
import { backward, sharedTape } from './backprop';
import { forwardBatch } from './forward';
import { lossGradient, lossValue, type LossKind } from './loss';
import type { Model } from './model';
import { recordForward } from './tape';

export interface LossAndGradient {
  loss: number;
  /** Model outputs y(x̄_i). */
  outputs: Float64Array;
  /** ∇_w L, parameter layout (the `out` argument when given). */
  grad: Float64Array;
}

export function lossAndGradient(
  model: Model, data: { xs: Float64Array; ys: Float64Array }, kind: LossKind = 'half-sse',
  params: Float64Array = model.params, out: Float64Array = new Float64Array(model.net.size),
): LossAndGradient {
  const { net, alpha } = model, { xs, ys } = data, N = xs.length;
  const base = model.zeroOutput ? forwardBatch(net, model.initial, xs) : null;
  const tape = recordForward(net, params, xs, sharedTape(net));
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) y[i] = alpha * (tape.y[i] - (base ? base[i] : 0));
  const cot = lossGradient(kind, y, ys, alpha);
  for (let i = 0; i < N; i++) cot[i] *= alpha;
  backward(net, params, tape, cot, out);
  return { loss: lossValue(kind, y, ys, alpha), outputs: y, grad: out };
}
