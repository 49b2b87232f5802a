/**
 * A forward pass that keeps every hidden pre-activation z_l and activation
 * h_l = σ(z_l) (N×m each, row-major), plus room for the backward deltas
 * dz_l = ∂(Σ_n c_n f(x_n)) / ∂z_l, so gradients, per-input feature maps, the
 * NTK and Hessian-vector products can reuse one recorded pass.
 */
import { applyActivation } from './activation';
import { matmulBiasSparseRows, matmulBiasViaTranspose } from './gemm';
import { checkParams, type Mlp } from './mlp';

export class Tape {
  readonly net: Mlp;
  /** Batch size of the last recorded pass. */
  n = 0;
  xs: Float64Array = new Float64Array(0);
  /** Per hidden layer l = 0 … depth−1: pre-activations z_l, activations h_l, deltas dz_l (each N×m). */
  z: Float64Array[] = [];
  h: Float64Array[] = [];
  dz: Float64Array[] = [];
  /** Scratch N×m buffer for σ', σ'' (never holds results between calls). */
  tmp: Float64Array = new Float64Array(0);
  /** Outputs f(x_n, w). */
  y: Float64Array = new Float64Array(0);
  private capacity = -1;

  constructor(net: Mlp) { this.net = net; }

  /** Makes room for a batch of n inputs (reallocates only when growing). */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const size = n * this.net.width;
    const mk = () => Array.from({ length: this.net.depth }, () => new Float64Array(size));
    this.z = mk(); this.h = mk(); this.dz = mk();
    this.y = new Float64Array(n);
    this.tmp = new Float64Array(size);
    this.capacity = n;
  }
}

/** Runs the forward pass on `xs`, keeping everything the backward passes need. */
export function recordForward(net: Mlp, params: Float64Array, xs: Float64Array, tape: Tape): Tape {
  checkParams(net, params, 'recordForward');
  if (tape.net !== net) throw new Error('recordForward: tape belongs to another network');
  const N = xs.length, m = net.width;
  tape.reserve(N);
  tape.n = N;
  tape.xs = xs;
  const L0 = net.layers[0];
  const z0 = tape.z[0];
  for (let n = 0; n < N; n++) {
    const x = xs[n], row = n * m;
    for (let j = 0; j < m; j++) z0[row + j] = x * params[L0.weightOffset + j] + (L0.biasOffset >= 0 ? params[L0.biasOffset + j] : 0);
  }
  applyActivation(net.activation, z0, tape.h[0], 0, N * m);
  for (let l = 1; l < net.depth; l++) {
    const lay = net.layers[l];
    // One or two inputs (training batches): skip units inactive on every input.
    const mul = N === 1 || N === 2 ? matmulBiasSparseRows : matmulBiasViaTranspose;
    mul(tape.h[l - 1], 0, params, lay.weightOffset, lay.biasOffset >= 0 ? params : null, lay.biasOffset, tape.z[l], 0, N, m, m);
    applyActivation(net.activation, tape.z[l], tape.h[l], 0, N * m);
  }
  const last = net.layers[net.depth];
  const hL = tape.h[net.depth - 1];
  for (let n = 0; n < N; n++) {
    let s = last.biasOffset >= 0 ? params[last.biasOffset] : 0;
    for (let k = 0; k < m; k++) s += hL[n * m + k] * params[last.weightOffset + k];
    tape.y[n] = s;
  }
  return tape;
}
