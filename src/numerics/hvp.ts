/**
 * Exact Hessian-vector products of the network output, by Pearlmutter's
 * R-operator (forward-over-reverse): R{·} = d/dε (·)(w + εv) at ε = 0 is
 * pushed through the forward pass and then through the backward pass.
 * Reference: B. A. Pearlmutter, "Fast exact multiplication by the Hessian",
 * Neural Computation 6(1), 1994.
 *
 *   out = Σ_n c_n ∇²_w f(x_n, w) · v        in O(cost of two gradients)
 *
 * No p×p matrix is formed. For the one-hidden-layer model f = Σ b_i σ(a_i x)
 * this reproduces the closed-form blocks b_i σ''(a_i x) x² (a–a),
 * σ'(a_i x) x (a–b) and 0 (b–b).
 */
import { activationDerivative, activationSecondDerivative } from './activation';
import { addRows, sharedTape } from './backprop';
import { matmulBiasViaTranspose, matmulTransAAdd, matmulTransB } from './gemm';
import { checkParams, type Mlp } from './mlp';
import { recordForward } from './tape';

interface RWork { cap: number; Rz: Float64Array[]; Rh: Float64Array[]; dh: Float64Array; Rdh: Float64Array; dz: Float64Array; Rdz: Float64Array; d1: Float64Array; d2: Float64Array; }
const works = new WeakMap<Mlp, RWork>();

function work(net: Mlp, N: number): RWork {
  let w = works.get(net);
  if (!w || w.cap < N) {
    const s = N * net.width, mk = () => new Float64Array(s);
    w = { cap: N, Rz: Array.from({ length: net.depth }, mk), Rh: Array.from({ length: net.depth }, mk), dh: mk(), Rdh: mk(), dz: mk(), Rdz: mk(), d1: mk(), d2: mk() };
    works.set(net, w);
  }
  return w;
}

/**
 * out = Σ_n cot[n] ∇²_w f(xs[n], w) v. `v` and `out` use the parameter layout.
 * Returns `out` (allocated when omitted). `out` must not alias `v` or `params`.
 */
export function outputHvp(
  net: Mlp, params: Float64Array, xs: Float64Array, cot: ArrayLike<number>, v: Float64Array,
  out: Float64Array = new Float64Array(net.size),
): Float64Array {
  checkParams(net, v, 'outputHvp(v)');
  checkParams(net, out, 'outputHvp(out)');
  const N = xs.length, m = net.width, L = net.depth, NM = N * m, act = net.activation;
  const tape = recordForward(net, params, xs, sharedTape(net));
  const w = work(net, N);
  out.fill(0);
  // ---- forward R pass: Rz_l, Rh_l
  const L0 = net.layers[0];
  for (let n = 0; n < N; n++) {
    const x = xs[n], row = n * m;
    for (let j = 0; j < m; j++) w.Rz[0][row + j] = x * v[L0.weightOffset + j] + (L0.biasOffset >= 0 ? v[L0.biasOffset + j] : 0);
  }
  for (let l = 0; l < L; l++) {
    if (l > 0) {
      const lay = net.layers[l];
      matmulBiasViaTranspose(w.Rh[l - 1], 0, params, lay.weightOffset, lay.biasOffset >= 0 ? v : null, lay.biasOffset, w.Rz[l], 0, N, m, m);
      matmulBiasViaTranspose(tape.h[l - 1], 0, v, lay.weightOffset, null, 0, w.d1, 0, N, m, m);
      const Rz = w.Rz[l];
      for (let i = 0; i < NM; i++) Rz[i] += w.d1[i];
    }
    activationDerivative(act, tape.z[l], w.d1, 0, NM);
    const Rh = w.Rh[l], Rz = w.Rz[l];
    for (let i = 0; i < NM; i++) Rh[i] = w.d1[i] * Rz[i];
  }
  // ---- backward with R: output layer first (R{c} = 0 for the output Hessian)
  const last = net.layers[L];
  for (let n = 0; n < N; n++) {
    const c = cot[n], row = n * m;
    for (let k = 0; k < m; k++) {
      w.dh[row + k] = c * params[last.weightOffset + k];
      w.Rdh[row + k] = c * v[last.weightOffset + k];
      out[last.weightOffset + k] += c * w.Rh[L - 1][row + k];
    }
  }
  for (let l = L - 1; l >= 0; l--) {
    activationDerivative(act, tape.z[l], w.d1, 0, NM);
    activationSecondDerivative(act, tape.z[l], w.d2, 0, NM);
    const Rz = w.Rz[l];
    for (let i = 0; i < NM; i++) {
      w.dz[i] = w.dh[i] * w.d1[i];
      w.Rdz[i] = w.Rdh[i] * w.d1[i] + w.dh[i] * w.d2[i] * Rz[i];
    }
    const lay = net.layers[l];
    if (l > 0) {
      matmulTransAAdd(w.Rh[l - 1], 0, w.dz, 0, out, lay.weightOffset, N, m, m);
      matmulTransAAdd(tape.h[l - 1], 0, w.Rdz, 0, out, lay.weightOffset, N, m, m);
      if (lay.biasOffset >= 0) addRows(w.Rdz, N, m, out, lay.biasOffset);
      matmulTransB(w.dz, 0, params, lay.weightOffset, w.dh, 0, N, m, m, false);
      matmulTransB(w.Rdz, 0, params, lay.weightOffset, w.Rdh, 0, N, m, m, false);
      matmulTransB(w.dz, 0, v, lay.weightOffset, w.Rdh, 0, N, m, m, true);
    } else {
      for (let n = 0; n < N; n++) {
        const x = xs[n], row = n * m;
        for (let j = 0; j < m; j++) out[lay.weightOffset + j] += x * w.Rdz[row + j];
      }
      if (lay.biasOffset >= 0) addRows(w.Rdz, N, m, out, lay.biasOffset);
    }
  }
  return out;
}
