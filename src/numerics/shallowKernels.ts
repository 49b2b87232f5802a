/**
 * The infinite-width kernels of the one-hidden-layer network of
 * shallowNet.ts, exact (no quadrature: with Gaussian weights and biases the
 * pre-activations are a Gaussian process with covariance
 * Σ(x, x') = σ_w² ⟨x, x'⟩/d + σ_b², and both expectations are arc-cosine
 * kernels, Cho & Saul 2009):
 *
 *   NNGP  K(x, x') = E[relu(z) relu(z')]                          (the prior of f at init)
 *   NTK   Θ(x, x') = K(x, x') + Σ(x, x') · E[1{z>0} 1{z'>0}]       (v's features, then a's and b's)
 *
 * No division by m: in this parametrisation the empirical kernel itself
 * converges (Jacot et al. 2018). Tests check both against wide random networks.
 */
import { arcCosine } from './arcCosine';
import type { ShallowNet } from './shallowNet';

export interface ShallowKernels {
  /** |A|×|B| row-major NNGP kernel. */
  nngp: Float64Array;
  /** |A|×|B| row-major NTK. */
  ntk: Float64Array;
}

type KernelNet = Pick<ShallowNet, 'inputDim' | 'weightStd' | 'biasStd'>;

/** Both kernels between input sets A and B (row-major |A|×d and |B|×d). */
export function shallowKernels(net: KernelNet, xa: ArrayLike<number>, xb: ArrayLike<number>): ShallowKernels {
  const d = net.inputDim, A = xa.length / d, B = xb.length / d;
  const cw2 = (net.weightStd * net.weightStd) / d, cb2 = net.biasStd * net.biasStd;
  const cov = (x: ArrayLike<number>, p: number, y: ArrayLike<number>, q: number) => {
    let s = 0;
    for (let k = 0; k < d; k++) s += x[p * d + k] * y[q * d + k];
    return cw2 * s + cb2;
  };
  const va = Float64Array.from({ length: A }, (_, p) => cov(xa, p, xa, p));
  const vb = Float64Array.from({ length: B }, (_, q) => cov(xb, q, xb, q));
  const nngp = new Float64Array(A * B), ntk = new Float64Array(A * B);
  for (let p = 0; p < A; p++) for (let q = 0; q < B; q++) {
    const s = cov(xa, p, xb, q), e = arcCosine(va[p], vb[q], s);
    nngp[p * B + q] = e.relu;
    ntk[p * B + q] = e.relu + s * e.step;
  }
  return { nngp, ntk };
}
