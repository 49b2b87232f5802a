/**
 * Spectra of circulant matrices: a kernel that depends only on the angle
 * between two points of the unit circle has, on N equally spaced points, a
 * circulant Gram matrix C[i, j] = c[(j − i) mod N] (c symmetric, c_k = c_{N−k}).
 * Its eigenvectors are the sampled cosines and sines of each frequency k,
 * with the eigenvalue λ_k = Σ_j c_j cos(2π j k / N) shared by the pair. This
 * is the exact form of "the NTK's eigenfunctions are Fourier modes" that
 * Basri et al. (2019) derive for uniform data on the circle.
 */

/** λ_k for k = 0 … ⌊N/2⌋ from the first row c of a symmetric circulant matrix. */
export function circulantEigenvalues(c: ArrayLike<number>): Float64Array {
  const N = c.length, K = Math.floor(N / 2);
  const out = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    let s = 0;
    for (let j = 0; j < N; j++) s += c[j] * Math.cos((2 * Math.PI * j * k) / N);
    out[k] = s;
  }
  return out;
}

/**
 * Norm of the projection of u (N samples on the circle) onto the
 * eigenspace of frequency k (span of cos and sin of 2πki/N; one vector for
 * k = 0 and, N even, k = N/2), for k = 0 … ⌊N/2⌋.
 */
export function fourierComponentNorms(u: ArrayLike<number>): Float64Array {
  const N = u.length, K = Math.floor(N / 2);
  const out = new Float64Array(K + 1);
  for (let k = 0; k <= K; k++) {
    let a = 0, b = 0;
    for (let i = 0; i < N; i++) { const t = (2 * Math.PI * i * k) / N; a += u[i] * Math.cos(t); b += u[i] * Math.sin(t); }
    // cos/sin samples have squared norm N/2 (N for k = 0 and k = N/2, where sin vanishes).
    const single = k === 0 || 2 * k === N;
    out[k] = single ? Math.abs(a) / Math.sqrt(N) : Math.sqrt((2 * (a * a + b * b)) / N);
  }
  return out;
}
