/**
 * Dense row-major matrix kernels on Float64Array with explicit offsets (so the
 * weights can be read in place from the flat parameter vector, no subarrays
 * allocated in hot loops).
 *
 * V8 does not vectorise scalar loops and emits no fused multiply-add, so
 * speed comes from register blocking: each loaded value is reused several
 * times before the next load, and inner loops walk contiguous memory.
 * Measured with bench/numerics.ts on this 2-core machine while it was shared
 * (load ≈ 10, best-of timings): forward pass at depth 2 ≈ 2.8–3.0 GFLOP/s for
 * widths 100 and 1000, against ≈ 0.5–0.9 for a plain triple loop. What limits
 * it: one scalar multiply and one add per two flops (no SIMD from JS), typed-
 * array bounds checks and address arithmetic in the inner loop (6 loads per
 * 9 multiply-adds in the 3×3 kernel), and L2 traffic at width 1000.
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
 * C (+)= A·Bᵀ (+ bias). A: N×K at aOff, B: M×K at bOff, C: N×M at cOff;
 * `accumulate` adds into C instead of overwriting; bias (M entries at
 * biasOff, or null) is added per column. Dot-product form: both operands are
 * walked along contiguous rows, with a 3×3 register block (9 accumulators,
 * 6 loads per 18 flops, no stores in the inner loop), and the rows of B are
 * taken in panels of JB so a panel stays in L2 while all rows of A stream by.
 */
export function matmulTransB(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number, accumulate: boolean,
  bias: Float64Array | null = null, biasOff = 0,
): void {
  // (Chunking the inner dimension for L1 was tried and measured no faster here.)
  transBPanel(A, aOff, B, bOff, C, cOff, N, K, M, K, accumulate, bias, biasOff);
}

/** One panel of matmulTransB: columns jb..je of C (je3: end of the whole 3-column blocks). */
interface Panel {
  A: Float64Array; aOff: number; B: Float64Array; bOff: number; C: Float64Array; cOff: number;
  K: number; M: number; ld: number; accumulate: boolean; bias: Float64Array | null; biasOff: number;
  jb: number; je: number; je3: number;
}

/**
 * matmulTransB on a chunk of Kc inner indices; rows of A and B are ld apart.
 * Per panel of B's rows: the rows of A three at a time, then a leftover pair,
 * then a leftover single row, each with its own register block.
 */
function transBPanel(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  C: Float64Array, cOff: number, N: number, Kc: number, M: number, ld: number, accumulate: boolean,
  bias: Float64Array | null, biasOff: number,
): void {
  const JB = 96;
  for (let jb = 0; jb < M; jb += JB) {
    const je = Math.min(M, jb + JB);
    const panel: Panel = { A, aOff, B, bOff, C, cOff, K: Kc, M, ld, accumulate, bias, biasOff, jb, je, je3: jb + Math.floor((je - jb) / 3) * 3 };
    let i = 0;
    for (; i + 2 < N; i += 3) threeRows(panel, i);
    if (i + 1 < N) {
      twoRows(panel, i);
      i += 2;
    }
    for (; i < N; i++) oneRow(panel, i);
  }
}

/** Rows i..i+2 of C in the panel: a 3×3 block (9 accumulators). */
function threeRows(p: Panel, i: number): void {
  const { A, B, C, K, M, ld, accumulate, bias, biasOff, jb, je, je3 } = p;
  const a0 = p.aOff + i * ld, a1 = a0 + ld, a2 = a1 + ld;
  const c0 = p.cOff + i * M, c1 = c0 + M, c2 = c1 + M;
  for (let j = jb; j < je3; j += 3) {
    const b0 = p.bOff + j * ld, b1 = b0 + ld, b2 = b1 + ld;
    let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
    for (let k = 0; k < K; k++) {
      const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k];
      let x = A[a0 + k];
      s00 += x * y0; s01 += x * y1; s02 += x * y2;
      x = A[a1 + k];
      s10 += x * y0; s11 += x * y1; s12 += x * y2;
      x = A[a2 + k];
      s20 += x * y0; s21 += x * y1; s22 += x * y2;
    }
    if (bias) {
      const d0 = bias[biasOff + j], d1 = bias[biasOff + j + 1], d2 = bias[biasOff + j + 2];
      s00 += d0; s01 += d1; s02 += d2; s10 += d0; s11 += d1; s12 += d2; s20 += d0; s21 += d1; s22 += d2;
    }
    if (accumulate) {
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12;
      C[c2 + j] += s20; C[c2 + j + 1] += s21; C[c2 + j + 2] += s22;
    } else {
      C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02;
      C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12;
      C[c2 + j] = s20; C[c2 + j + 1] = s21; C[c2 + j + 2] = s22;
    }
  }
  for (let j = je3; j < je; j++) for (let r = 0; r < 3; r++) dotInto(A, p.aOff + (i + r) * ld, B, p.bOff + j * ld, K, C, p.cOff + (i + r) * M + j, accumulate, bias ? bias[biasOff + j] : 0);
}

/** Two leftover rows (the common N = 2 of training): a 2×3 block. */
function twoRows(p: Panel, i: number): void {
  const { A, B, C, K, M, ld, accumulate, bias, biasOff, jb, je, je3 } = p;
  const a0 = p.aOff + i * ld, a1 = a0 + ld, c0 = p.cOff + i * M, c1 = c0 + M;
  for (let j = jb; j < je3; j += 3) {
    const b0 = p.bOff + j * ld, b1 = b0 + ld, b2 = b1 + ld;
    let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0;
    for (let k = 0; k < K; k++) {
      const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k];
      const x0 = A[a0 + k], x1 = A[a1 + k];
      s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2;
      s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2;
    }
    if (bias) {
      const d0 = bias[biasOff + j], d1 = bias[biasOff + j + 1], d2 = bias[biasOff + j + 2];
      s00 += d0; s01 += d1; s02 += d2; s10 += d0; s11 += d1; s12 += d2;
    }
    if (accumulate) {
      C[c0 + j] += s00; C[c0 + j + 1] += s01; C[c0 + j + 2] += s02;
      C[c1 + j] += s10; C[c1 + j + 1] += s11; C[c1 + j + 2] += s12;
    } else {
      C[c0 + j] = s00; C[c0 + j + 1] = s01; C[c0 + j + 2] = s02;
      C[c1 + j] = s10; C[c1 + j + 1] = s11; C[c1 + j + 2] = s12;
    }
  }
  for (let j = je3; j < je; j++) for (let r = 0; r < 2; r++) dotInto(A, p.aOff + (i + r) * ld, B, p.bOff + j * ld, K, C, p.cOff + (i + r) * M + j, accumulate, bias ? bias[biasOff + j] : 0);
}

/** One leftover row: a 1×3 block. */
function oneRow(p: Panel, i: number): void {
  const { A, B, C, K, M, ld, accumulate, bias, biasOff, jb, je, je3 } = p;
  const a0 = p.aOff + i * ld, c0 = p.cOff + i * M;
  for (let j = jb; j < je3; j += 3) {
    const b0 = p.bOff + j * ld, b1 = b0 + ld, b2 = b1 + ld;
    let s0 = 0, s1 = 0, s2 = 0;
    for (let k = 0; k < K; k++) { const x = A[a0 + k]; s0 += x * B[b0 + k]; s1 += x * B[b1 + k]; s2 += x * B[b2 + k]; }
    if (bias) { s0 += bias[biasOff + j]; s1 += bias[biasOff + j + 1]; s2 += bias[biasOff + j + 2]; }
    if (accumulate) { C[c0 + j] += s0; C[c0 + j + 1] += s1; C[c0 + j + 2] += s2; } else { C[c0 + j] = s0; C[c0 + j + 1] = s1; C[c0 + j + 2] = s2; }
  }
  for (let j = je3; j < je; j++) dotInto(A, a0, B, p.bOff + j * ld, K, C, c0 + j, accumulate, bias ? bias[biasOff + j] : 0);
}

/** Edge case of matmulTransB: one dot product with two accumulators. */
function dotInto(A: Float64Array, a: number, B: Float64Array, b: number, K: number, C: Float64Array, c: number, accumulate: boolean, add: number): void {
  let s0 = 0, s1 = 0, k = 0;
  for (; k + 1 < K; k += 2) { s0 += A[a + k] * B[b + k]; s1 += A[a + k + 1] * B[b + k + 1]; }
  if (k < K) s0 += A[a + k] * B[b + k];
  if (accumulate) C[c] += s0 + s1 + add; else C[c] = s0 + s1 + add;
}

let transposeScratch = new Float64Array(0);

/**
 * C = A·B + bias like `matmulBias`, computed as A·(Bᵀ)ᵀ with the faster
 * dot-product kernel: B (K×M) is first transposed into a module scratch
 * buffer (K·M copies, negligible next to the 2·N·K·M flops for N ≫ 1).
 */
export function matmulBiasViaTranspose(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  bias: Float64Array | null, biasOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number,
): void {
  if (N < 8) { matmulBias(A, aOff, B, bOff, bias, biasOff, C, cOff, N, K, M); return; }
  if (transposeScratch.length < K * M) transposeScratch = new Float64Array(K * M);
  const T = transposeScratch, TB = 32;
  for (let k0 = 0; k0 < K; k0 += TB) for (let j0 = 0; j0 < M; j0 += TB) {
    const k1 = Math.min(K, k0 + TB), j1 = Math.min(M, j0 + TB);
    for (let k = k0; k < k1; k++) for (let j = j0; j < j1; j++) T[j * K + k] = B[bOff + k * M + j];
  }
  matmulTransB(A, aOff, T, 0, C, cOff, N, K, M, false, bias, biasOff);
}

/**
 * C += scale·Aᵀ·B. A: N×K at aOff, B: N×M at bOff, C: K×M at cOff. Used for weight
 * gradients (sum over the batch of outer products); two batch rows per pass.
 */
export function matmulTransAAdd(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number, scale = 1,
): void {
  let n = 0;
  for (; n + 1 < N; n += 2) {
    const a0 = aOff + n * K, a1 = a0 + K, r0 = bOff + n * M, r1 = r0 + M;
    for (let k = 0; k < K; k++) {
      const p = scale * A[a0 + k], q = scale * A[a1 + k], ck = cOff + k * M;
      if (p === 0 && q === 0) continue; // common with ReLU: dead units contribute nothing
      for (let j = 0; j < M; j++) C[ck + j] += p * B[r0 + j] + q * B[r1 + j];
    }
  }
  for (; n < N; n++) {
    const a0 = aOff + n * K, r0 = bOff + n * M;
    for (let k = 0; k < K; k++) {
      const p = scale * A[a0 + k], ck = cOff + k * M;
      if (p === 0) continue;
      for (let j = 0; j < M; j++) C[ck + j] += p * B[r0 + j];
    }
  }
}

let activeRows = new Int32Array(0);

/**
 * C = A·B + bias for N ≤ 2 rows of A (a small training batch), skipping the
 * rows k of B whose multipliers A[·, k] are all zero: with ReLU, units
 * inactive on every input contribute nothing, so only the active rows of B
 * are read. Four active rows per pass over C (as matmulBias's 2×4 block).
 * Terms are summed in a different grouping than matmulBias: equal to rounding.
 * A: N×K at aOff, B: K×M at bOff, C: N×M at cOff (must not alias A or B).
 */
export function matmulBiasSparseRows(
  A: Float64Array, aOff: number, B: Float64Array, bOff: number,
  bias: Float64Array | null, biasOff: number,
  C: Float64Array, cOff: number, N: number, K: number, M: number,
): void {
  if (N !== 1 && N !== 2) throw new RangeError(`matmulBiasSparseRows: N must be 1 or 2, got ${N}`);
  if (activeRows.length < K) activeRows = new Int32Array(K);
  const rows = activeRows, two = N === 2;
  const a1 = two ? aOff + K : aOff;
  let na = 0;
  for (let k = 0; k < K; k++) if (A[aOff + k] !== 0 || (two && A[a1 + k] !== 0)) rows[na++] = k;
  const c0 = cOff, c1 = cOff + M;
  if (bias) { for (let j = 0; j < M; j++) { const v = bias[biasOff + j]; C[c0 + j] = v; if (two) C[c1 + j] = v; } }
  else { for (let j = 0; j < M; j++) { C[c0 + j] = 0; if (two) C[c1 + j] = 0; } }
  let r = 0;
  if (two) {
    for (; r + 3 < na; r += 4) {
      const k0 = rows[r], k1 = rows[r + 1], k2 = rows[r + 2], k3 = rows[r + 3];
      const p0 = A[aOff + k0], p1 = A[aOff + k1], p2 = A[aOff + k2], p3 = A[aOff + k3];
      const q0 = A[a1 + k0], q1 = A[a1 + k1], q2 = A[a1 + k2], q3 = A[a1 + k3];
      const b0 = bOff + k0 * M, b1 = bOff + k1 * M, b2 = bOff + k2 * M, b3 = bOff + k3 * M;
      for (let j = 0; j < M; j++) {
        const x0 = B[b0 + j], x1 = B[b1 + j], x2 = B[b2 + j], x3 = B[b3 + j];
        C[c0 + j] += p0 * x0 + p1 * x1 + p2 * x2 + p3 * x3;
        C[c1 + j] += q0 * x0 + q1 * x1 + q2 * x2 + q3 * x3;
      }
    }
    for (; r < na; r++) {
      const k = rows[r], p = A[aOff + k], q = A[a1 + k], bk = bOff + k * M;
      for (let j = 0; j < M; j++) { const x = B[bk + j]; C[c0 + j] += p * x; C[c1 + j] += q * x; }
    }
  } else {
    for (; r + 3 < na; r += 4) {
      const k0 = rows[r], k1 = rows[r + 1], k2 = rows[r + 2], k3 = rows[r + 3];
      const p0 = A[aOff + k0], p1 = A[aOff + k1], p2 = A[aOff + k2], p3 = A[aOff + k3];
      const b0 = bOff + k0 * M, b1 = bOff + k1 * M, b2 = bOff + k2 * M, b3 = bOff + k3 * M;
      for (let j = 0; j < M; j++) C[c0 + j] += p0 * B[b0 + j] + p1 * B[b1 + j] + p2 * B[b2 + j] + p3 * B[b3 + j];
    }
    for (; r < na; r++) {
      const k = rows[r], p = A[aOff + k], bk = bOff + k * M;
      for (let j = 0; j < M; j++) C[c0 + j] += p * B[bk + j];
    }
  }
}
