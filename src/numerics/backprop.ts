/**
 * Reverse mode on a recorded forward pass: deltas dz_l and the gradient
 * Σ_n c_n ∇_w f(x_n, w) for output cotangents c (one per input). With c = e_n
 * this is the feature map φ(x_n) = ∇_w f(x_n, w), a row of the Jacobian.
 */
import { activationDerivative } from './activation';
import { matmulTransAAdd, matmulTransB } from './gemm';
import { checkParams, type Mlp } from './mlp';
import { recordForward, Tape } from './tape';

/**
 * Fills `tape.dz` for cotangents `cot` (length tape.n) and, when `grad` is
 * given, overwrites it with Σ_n cot[n] ∇_w f(x_n, w).
 *
 * With `descendLr` (and grad = null) it instead takes the gradient step
 * params ← params − descendLr · Σ_n cot[n] ∇_w f(x_n, w) in place, layer by
 * layer, each layer's weights being used for back-propagation before they are
 * updated: the same result as computing the gradient and then updating, with
 * half the memory traffic (no gradient vector is written or read).
 */
export function backward(net: Mlp, params: Float64Array, tape: Tape, cot: ArrayLike<number>, grad: Float64Array | null, descendLr?: number): void {
  const N = tape.n, m = net.width, L = net.depth;
  if (grad) { checkParams(net, grad, 'backward(grad)'); grad.fill(0); }
  const target = grad ?? (descendLr !== undefined ? params : null);
  const scale = grad ? 1 : -(descendLr ?? 0);
  const last = net.layers[L];
  const tmp = tape.tmp;
  // Output layer: dz_{L−1}[n, k] = c_n · Wout[k] · σ'(z_{L−1}[n, k]) (computed before Wout changes).
  const hL = tape.h[L - 1], dzL = tape.dz[L - 1];
  activationDerivative(net.activation, tape.z[L - 1], tmp, 0, N * m);
  for (let n = 0; n < N; n++) {
    const c = cot[n], row = n * m;
    for (let k = 0; k < m; k++) dzL[row + k] = c * params[last.weightOffset + k] * tmp[row + k];
  }
  if (target) {
    for (let n = 0; n < N; n++) {
      const c = scale * cot[n], row = n * m;
      for (let k = 0; k < m; k++) target[last.weightOffset + k] += c * hL[row + k];
      if (last.biasOffset >= 0) target[last.biasOffset] += c;
    }
  }
  for (let l = L - 1; l >= 1; l--) {
    const lay = net.layers[l], dz = tape.dz[l];
    const below = tape.dz[l - 1];
    matmulTransB(dz, 0, params, lay.weightOffset, below, 0, N, m, m, false);
    if (target) {
      matmulTransAAdd(tape.h[l - 1], 0, dz, 0, target, lay.weightOffset, N, m, m, scale);
      if (lay.biasOffset >= 0) addRows(dz, N, m, target, lay.biasOffset, scale);
    }
    activationDerivative(net.activation, tape.z[l - 1], tmp, 0, N * m);
    for (let i = 0; i < N * m; i++) below[i] *= tmp[i];
  }
  if (target) {
    const L0 = net.layers[0], dz0 = tape.dz[0];
    for (let n = 0; n < N; n++) {
      const x = scale * tape.xs[n], row = n * m;
      for (let j = 0; j < m; j++) target[L0.weightOffset + j] += x * dz0[row + j];
    }
    if (L0.biasOffset >= 0) addRows(dz0, N, m, target, L0.biasOffset, scale);
  }
}

/** out[off + j] += scale · Σ_n A[n, j] for an N×m matrix A. */
export function addRows(A: Float64Array, N: number, m: number, out: Float64Array, off: number, scale = 1): void {
  for (let n = 0; n < N; n++) {
    const row = n * m;
    for (let j = 0; j < m; j++) out[off + j] += scale * A[row + j];
  }
}

const tapes = new WeakMap<Mlp, Tape>();
/** A tape cached per network for the convenience functions below (not re-entrant). */
export function sharedTape(net: Mlp): Tape {
  let t = tapes.get(net);
  if (!t) { t = new Tape(net); tapes.set(net, t); }
  return t;
}

/**
 * out = Σ_n cot[n] ∇_w f(xs[n], w) (a vector-Jacobian product). Returns `out`
 * (allocated when omitted).
 */
export function vjp(net: Mlp, params: Float64Array, xs: Float64Array, cot: ArrayLike<number>, out: Float64Array = new Float64Array(net.size)): Float64Array {
  const tape = recordForward(net, params, xs, sharedTape(net));
  backward(net, params, tape, cot, out);
  return out;
}

/**
 * Jacobian rows φ(x_n) = ∇_w f(x_n, w), one per input: out is N×p row-major
 * (allocated when omitted). Memory N·p doubles, so for wide networks prefer
 * `ntkGram`, which never forms φ.
 */
export function jacobianRows(net: Mlp, params: Float64Array, xs: Float64Array, out: Float64Array = new Float64Array(xs.length * net.size)): Float64Array {
  const p = net.size, tape = sharedTape(net), one = [1];
  for (let n = 0; n < xs.length; n++) {
    recordForward(net, params, xs.subarray(n, n + 1), tape);
    backward(net, params, tape, one, out.subarray(n * p, (n + 1) * p));
  }
  return out;
}
