/**
 * The empirical neural tangent kernel Θ(x, x') = ⟨∇_w f(x, w), ∇_w f(x', w)⟩
 * on a set of inputs, WITHOUT forming the p-dimensional feature maps.
 * For a dense layer z = h·W + b the gradient wrt W is the outer product
 * h ⊗ dz, so its share of the kernel factorises:
 *   Θ_layer(n, n') = (⟨h_n, h_n'⟩ + [bias]) · ⟨dz_n, dz_n'⟩,
 * and Θ is the sum over layers. Cost O(N·m²·L + N²·m·L) instead of O(N²·p).
 *
 * Scale: in our standard (LeCun) parametrisation Θ grows linearly with the
 * width m; Θ/m converges to `reluNtkInfinite` (see analyticNtk.ts).
 */
import { backward, sharedTape } from './backprop';
import { matmulTransB } from './gemm';
import type { Mlp } from './mlp';
import { recordForward } from './tape';

/** N×N row-major Θ(xs[i], xs[j]) (allocated when `out` is omitted). Symmetric PSD up to rounding. */
export function ntkGram(net: Mlp, params: Float64Array, xs: Float64Array, out: Float64Array = new Float64Array(xs.length * xs.length)): Float64Array {
  const N = xs.length, m = net.width, L = net.depth, bias = net.bias ? 1 : 0;
  const tape = recordForward(net, params, xs, sharedTape(net));
  const ones = new Float64Array(N).fill(1);
  backward(net, params, tape, ones, null);
  const gIn = new Float64Array(N * N), gDz = new Float64Array(N * N);
  // Output layer: dz = 1 per input.
  matmulTransB(tape.h[L - 1], 0, tape.h[L - 1], 0, out, 0, N, m, N, false);
  for (let i = 0; i < N * N; i++) out[i] += bias;
  for (let l = L - 1; l >= 1; l--) {
    matmulTransB(tape.h[l - 1], 0, tape.h[l - 1], 0, gIn, 0, N, m, N, false);
    matmulTransB(tape.dz[l], 0, tape.dz[l], 0, gDz, 0, N, m, N, false);
    for (let i = 0; i < N * N; i++) out[i] += (gIn[i] + bias) * gDz[i];
  }
  matmulTransB(tape.dz[0], 0, tape.dz[0], 0, gDz, 0, N, m, N, false);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) out[i * N + j] += (xs[i] * xs[j] + bias) * gDz[i * N + j];
  // Symmetrise exactly (the two triangles differ only by rounding).
  for (let i = 0; i < N; i++) for (let j = 0; j < i; j++) { const s = 0.5 * (out[i * N + j] + out[j * N + i]); out[i * N + j] = s; out[j * N + i] = s; }
  return out;
}

/** NA×NB row-major cross kernel Θ(a_i, b_j), e.g. a plot grid against one data point. */
export function ntkCross(net: Mlp, params: Float64Array, a: Float64Array, b: Float64Array): Float64Array {
  const all = new Float64Array(a.length + b.length);
  all.set(a); all.set(b, a.length);
  const g = ntkGram(net, params, all), N = all.length;
  const out = new Float64Array(a.length * b.length);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) out[i * b.length + j] = g[i * N + a.length + j];
  return out;
}
