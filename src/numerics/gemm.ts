/**
 * Dense row-major matrix kernels on Float64Array with explicit offsets (so the
 * weights can be read in place from the flat parameter vector, no subarrays
 * allocated in hot loops).
 *
 * V8 does not vectorise scalar loops, so speed comes from register blocking:
 * each loaded value is reused several times before the next load, and the
 * inner loops walk contiguous memory. Measured on this class of machine
 * (bench/numerics.ts): a plain i-k-j loop ~0.8–0.9 GFLOP/s, the blocked kernels
 * here ~3+ GFLOP/s. What limits them: one scalar multiply and one add per
 * flop pair (no FMA, no SIMD from JS), and typed-array bounds checks.
 */

/**
 * C = A·B (+ bias broadcast over rows). A: N×K at aOff, B: K×M at bOff,
 * C: N×M at cOff, bias: M entries at biasOff (or null). C must not alias A or B.
 * Blocking: 2 rows of A × 4 rows of B per pass over a row of C
 * (6 loads + 2 stores per 16 flops).
 */
export function matmulBias(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  bias: Float64Array | null, biasOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number,
): void {
  let i = 0;
  for (; i + 1 < N; i += 2) {
    const c0 = cOff + i * M, c1 = c0 + M;
    const a0 = aOff + i * K, a1 = a0 + K;
    if (bias) {
      for (let j = 0; j < M; j++) { const v = bias[biasOff + j]; C[c0 + j] = v; C[c1 + j] = v; }
    } else {
      for (let j = 0; j < M; j++) { C[c0 + j] = 0; C[c1 + j] = 0; }
    }
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const p0 = A[a0 + k], p1 = A[a0 + k + 1], p2 = A[a0 + k + 2], p3 = A[a0 + k + 3];
      const q0 = A[a1 + k], q1 = A[a1 + k + 1], q2 = A[a1 + k + 2], q3 = A[a1 + k + 3];
      const b0 = bOff + k * M, b1 = b0 + M, b2 = b1 + M, b3 = b2 + M;
      for (let j = 0; j < M; j++) {
        const x0 = B[b0 + j], x1 = B[b1 + j], x2 = B[b2 + j], x3 = B[b3 + j];
        C[c0 + j] += p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
        C[c1 + j] += q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
      }
    }
    for (; k < K; k++) {
      const p = A[a0 + k], q = A[a1 + k], bk = bOff + k * M;
      for (let j = 0; j < M; j++) { const x = B[bk + j]; C[c0 + j] += p * x; C[c1 + j] += q * x; }
    }
  }
  for (; i < N; i++) {
    const c0 = cOff + i * M, a0 = aOff + i * K;
    if (bias) for (let j = 0; j < M; j++) C[c0 + j] = bias[biasOff + j];
    else for (let j = 0; j < M; j++) C[c0 + j] = 0;
    let k = 0;
    for (; k + 3 < K; k += 4) {
      const p0 = A[a0 + k], p1 = A[a0 + k + 1], p2 = A[a0 + k + 2], p3 = A[a0 + k + 3];
      const b0 = bOff + k * M, b1 = b0 + M, b2 = b1 + M, b3 = b2 + M;
      for (let j = 0; j < M; j++) C[c0 + j] += p0 * B[b0 + j] + p1 * B[b1 + j] + p2 * B[b2 + j] + p3 * B[b3 + j];
    }
    for (; k < K; k++) {
      const p = A[a0 + k], bk = bOff + k * M;
      for (let j = 0; j < M; j++) C[c0 + j] += p * B[bk + j];
    }
  }
}

/**
 * C (+)= A·Bᵀ. A: N×M at aOff, B: K×M at bOff, C: N×K at cOff; `accumulate`
 * adds into C instead of overwriting. Dot-product form (both operands walked
 * along contiguous rows) with a 2×2 register block.
 */
export function matmulTransB(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  C: Float64Array, cOff: number, N: number, M: number, K: number, accumulate: boolean,
): void {
  let i = 0;
  for (; i + 1 < N; i += 2) {
    const a0 = aOff + i * M, a1 = a0 + M, c0 = cOff + i * K, c1 = c0 + K;
    let k = 0;
    for (; k + 1 < K; k += 2) {
      const b0 = bOff + k * M, b1 = b0 + M;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let j = 0; j < M; j++) {
        const x0 = A[a0 + j], x1 = A[a1 + j], y0 = B[b0 + j], y1 = B[b1 + j];
        s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1;
      }
      if (accumulate) { C[c0 + k] += s00; C[c0 + k + 1] += s01; C[c1 + k] += s10; C[c1 + k + 1] += s11; }
      else { C[c0 + k] = s00; C[c0 + k + 1] = s01; C[c1 + k] = s10; C[c1 + k + 1] = s11; }
    }
    for (; k < K; k++) {
      const b0 = bOff + k * M;
      let s0 = 0, s1 = 0;
      for (let j = 0; j < M; j++) { const y = B[b0 + j]; s0 += A[a0 + j] * y; s1 += A[a1 + j] * y; }
      if (accumulate) { C[c0 + k] += s0; C[c1 + k] += s1; } else { C[c0 + k] = s0; C[c1 + k] = s1; }
    }
  }
  for (; i < N; i++) {
    const a0 = aOff + i * M, c0 = cOff + i * K;
    for (let k = 0; k < K; k++) {
      const b0 = bOff + k * M;
      let s0 = 0, s1 = 0, j = 0;
      for (; j + 1 < M; j += 2) { s0 += A[a0 + j] * B[b0 + j]; s1 += A[a0 + j + 1] * B[b0 + j + 1]; }
      if (j < M) s0 += A[a0 + j] * B[b0 + j];
      if (accumulate) C[c0 + k] += s0 + s1; else C[c0 + k] = s0 + s1;
    }
  }
}

/**
 * C += Aᵀ·B. A: N×K at aOff, B: N×M at bOff, C: K×M at cOff. Used for weight
 * gradients (sum over the batch of outer products); two batch rows per pass.
 */
export function matmulTransAAdd(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number,
): void {
  let n = 0;
  for (; n + 1 < N; n += 2) {
    const a0 = aOff + n * K, a1 = a0 + K, r0 = bOff + n * M, r1 = r0 + M;
    for (let k = 0; k < K; k++) {
      const p = A[a0 + k], q = A[a1 + k], ck = cOff + k * M;
      if (p === 0 && q === 0) continue; // common with ReLU: dead units contribute nothing
      for (let j = 0; j < M; j++) C[ck + j] += p * B[r0 + j] + q * B[r1 + j];
    }
  }
  for (; n < N; n++) {
    const a0 = aOff + n * K, r0 = bOff + n * M;
    for (let k = 0; k < K; k++) {
      const p = A[a0 + k], ck = cOff + k * M;
      if (p === 0) continue;
      for (let j = 0; j < M; j++) C[ck + j] += p * B[r0 + j];
    }
  }
}
