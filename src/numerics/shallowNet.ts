/**
 * A one-hidden-layer ReLU network in the NTK parametrisation (Jacot et al.
 * 2018; the form Lee et al. 2019 analyse), with d-dimensional inputs:
 *
 *   z_i(x) = σ_w ⟨a_i, x⟩ / √d + σ_b b_i,    f(x) = (1/√m) Σ_i v_i relu(z_i(x)),
 *
 * with every parameter a_i ∈ R^d, b_i, v_i drawn N(0, 1). Why this and not
 * the deep `Mlp` of the first article: in this parametrisation the tangent
 * kernel itself is O(1) and every layer contributes to its limit, which is the
 * setting of the theorems the second article tests; and one hidden layer gives
 * closed-form gradients, Jacobian-vector products and kernels that run an
 * order of magnitude faster than the generic tape (ensembles of hundreds of
 * trainings fit in the build budget).
 *
 * Parameter layout: a (m×d, row i = unit i), then b (m), then v (m).
 * Inputs: xs row-major N×d.
 */
import type { Rng } from './rng';

export interface ShallowSpec {
  width: number;
  /** Input dimension d (default 1). */
  inputDim?: number;
  /** σ_w (default 1). */
  weightStd?: number;
  /** σ_b (default 1). */
  biasStd?: number;
}

export interface ShallowNet {
  width: number;
  inputDim: number;
  weightStd: number;
  biasStd: number;
  /** Number of parameters m(d + 2). */
  size: number;
}

export function createShallow(spec: ShallowSpec): ShallowNet {
  const width = spec.width, inputDim = spec.inputDim ?? 1;
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`createShallow: width must be a positive integer, got ${width}`);
  if (!Number.isInteger(inputDim) || inputDim < 1) throw new RangeError(`createShallow: inputDim must be a positive integer, got ${inputDim}`);
  return { width, inputDim, weightStd: spec.weightStd ?? 1, biasStd: spec.biasStd ?? 1, size: width * (inputDim + 2) };
}

/** Every parameter N(0, 1). */
export function initShallow(net: ShallowNet, rng: Rng, out = new Float64Array(net.size)): Float64Array {
  for (let i = 0; i < net.size; i++) out[i] = rng.normal();
  return out;
}

/** Offsets of b and v in the parameter vector. */
export const biasOffset = (net: ShallowNet) => net.width * net.inputDim;
export const outOffset = (net: ShallowNet) => net.width * (net.inputDim + 1);

/**
 * Pre-activations z (m×N, row-major by unit) for the N inputs: the shared
 * first pass of the forward, gradient and JVP routines.
 */
export function preActivations(net: ShallowNet, params: Float64Array, xs: Float64Array, out?: Float64Array): Float64Array {
  const { width: m, inputDim: d } = net, N = xs.length / d, bo = biasOffset(net);
  const z = out ?? new Float64Array(m * N);
  const cw = net.weightStd / Math.sqrt(d), cb = net.biasStd;
  for (let i = 0; i < m; i++) {
    const bi = cb * params[bo + i], row = i * N;
    if (d === 1) {
      const ai = cw * params[i];
      for (let n = 0; n < N; n++) z[row + n] = ai * xs[n] + bi;
    } else {
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += params[i * d + k] * xs[n * d + k];
        z[row + n] = cw * s + bi;
      }
    }
  }
  return z;
}

/** f(x_n) for the N inputs. */
export function shallowForward(net: ShallowNet, params: Float64Array, xs: Float64Array, out?: Float64Array, z?: Float64Array): Float64Array {
  const m = net.width, N = xs.length / net.inputDim, vo = outOffset(net);
  const zz = preActivations(net, params, xs, z);
  const f = out ?? new Float64Array(N);
  f.fill(0);
  for (let i = 0; i < m; i++) {
    const vi = params[vo + i], row = i * N;
    for (let n = 0; n < N; n++) { const u = zz[row + n]; if (u > 0) f[n] += vi * u; }
  }
  const s = 1 / Math.sqrt(m);
  for (let n = 0; n < N; n++) f[n] *= s;
  return f;
}

/**
 * Σ_n cot_n ∇_w f(x_n, w) (a vector–Jacobian product), given the
 * pre-activations z of these inputs (from `preActivations`).
 */
export function shallowVjp(net: ShallowNet, params: Float64Array, xs: Float64Array, z: Float64Array, cot: Float64Array, out = new Float64Array(net.size)): Float64Array {
  const { width: m, inputDim: d } = net, N = xs.length / d, bo = biasOffset(net), vo = outOffset(net);
  const s = 1 / Math.sqrt(m), cw = net.weightStd / Math.sqrt(d), cb = net.biasStd;
  for (let i = 0; i < m; i++) {
    const row = i * N, vi = params[vo + i];
    let gv = 0, gz = 0;
    if (d === 1) {
      let ga = 0;
      for (let n = 0; n < N; n++) {
        const u = z[row + n];
        if (u > 0) { const c = cot[n]; gv += c * u; gz += c; ga += c * xs[n]; }
      }
      out[i] = s * vi * cw * ga;
    } else {
      for (let k = 0; k < d; k++) out[i * d + k] = 0;
      for (let n = 0; n < N; n++) {
        const u = z[row + n];
        if (u > 0) {
          const c = cot[n];
          gv += c * u; gz += c;
          for (let k = 0; k < d; k++) out[i * d + k] += c * xs[n * d + k];
        }
      }
      for (let k = 0; k < d; k++) out[i * d + k] *= s * vi * cw;
    }
    out[bo + i] = s * vi * cb * gz;
    out[vo + i] = s * gv;
  }
  return out;
}

/**
 * J(w0)·δ at the N inputs (a Jacobian–vector product at the parameters whose
 * pre-activations are z): how the linearised network f0 + J0 (w − w0)
 * evaluates, without ever storing J0.
 */
export function shallowJvp(net: ShallowNet, params: Float64Array, xs: Float64Array, z: Float64Array, delta: Float64Array, out?: Float64Array): Float64Array {
  const { width: m, inputDim: d } = net, N = xs.length / d, bo = biasOffset(net), vo = outOffset(net);
  const s = 1 / Math.sqrt(m), cw = net.weightStd / Math.sqrt(d), cb = net.biasStd;
  const f = out ?? new Float64Array(N);
  f.fill(0);
  for (let i = 0; i < m; i++) {
    const row = i * N, vi = params[vo + i], dv = delta[vo + i], db = cb * delta[bo + i];
    for (let n = 0; n < N; n++) {
      const u = z[row + n];
      if (!(u > 0)) continue;
      let da = 0;
      if (d === 1) da = delta[i] * xs[n];
      else for (let k = 0; k < d; k++) da += delta[i * d + k] * xs[n * d + k];
      f[n] += dv * u + vi * (cw * da + db);
    }
  }
  for (let n = 0; n < N; n++) f[n] *= s;
  return f;
}

/**
 * The empirical tangent kernel Θ(x, x') = ⟨∇_w f(x), ∇_w f(x')⟩ between two
 * input sets (|A|×|B| row-major), in closed form per unit:
 *   (1/m) Σ_i [relu(z_i) relu(z_i') + v_i² 1{z_i>0} 1{z_i'>0} (σ_w² ⟨x, x'⟩/d + σ_b²)].
 */
export function shallowNtk(net: ShallowNet, params: Float64Array, xa: Float64Array, xb: Float64Array): Float64Array {
  const { width: m, inputDim: d } = net, A = xa.length / d, B = xb.length / d, vo = outOffset(net);
  const za = preActivations(net, params, xa), zb = preActivations(net, params, xb);
  const dotAB = new Float64Array(A * B);
  const cw2 = (net.weightStd * net.weightStd) / d, cb2 = net.biasStd * net.biasStd;
  for (let p = 0; p < A; p++) for (let q = 0; q < B; q++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += xa[p * d + k] * xb[q * d + k];
    dotAB[p * B + q] = cw2 * s + cb2;
  }
  const feat = new Float64Array(A * B), step = new Float64Array(A * B);
  for (let i = 0; i < m; i++) {
    const v2 = params[vo + i] * params[vo + i];
    for (let p = 0; p < A; p++) {
      const u = za[i * A + p];
      if (!(u > 0)) continue;
      for (let q = 0; q < B; q++) {
        const w = zb[i * B + q];
        if (w > 0) { feat[p * B + q] += u * w; step[p * B + q] += v2; }
      }
    }
  }
  const out = new Float64Array(A * B);
  for (let k = 0; k < A * B; k++) out[k] = (feat[k] + step[k] * dotAB[k]) / m;
  return out;
}

/** N×P Jacobian rows ∇_w f(x_n) (for tests and small nets; the figures use JVPs/VJPs instead). */
export function shallowJacobian(net: ShallowNet, params: Float64Array, xs: Float64Array): Float64Array {
  const N = xs.length / net.inputDim, z = preActivations(net, params, xs);
  const J = new Float64Array(N * net.size), cot = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    cot.fill(0); cot[n] = 1;
    J.set(shallowVjp(net, params, xs, z, cot), n * net.size);
  }
  return J;
}
