/** Blocked kernels against the textbook triple loop, on sizes that hit every edge case. */
import { describe, expect, it } from 'vitest';
import { forwardBatch } from '../../src/numerics/forward';
import { matmulBias, matmulBiasViaTranspose, matmulTransAAdd, matmulTransB } from '../../src/numerics/gemm';
import { createMlp, initParams } from '../../src/numerics/mlp';
import { createRng } from '../../src/numerics/rng';
import { recordForward, Tape } from '../../src/numerics/tape';
import { maxAbsDiff } from './helpers';

const rng = createRng(12);
const rand = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const sizes = [1, 2, 3, 4, 5, 8, 10, 97, 100];

describe('matrix kernels', () => {
  it.each(sizes.flatMap((N) => [1, 3, 7, 100, ...(N % 3 === 1 ? [300] : [])].map((K) => ({ N, K, M: (N * 7 + K) % 101 + 1 }))))('N=$N K=$K M=$M', ({ N, K, M }) => {
    const off = 3; // kernels must honour offsets
    const A = rand(off + N * K), B = rand(off + K * M), bias = rand(off + M), Bt = rand(off + M * K);
    const ref = new Float64Array(N * M), refT = new Float64Array(N * M);
    for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
      let s = bias[off + j], t = 0;
      for (let k = 0; k < K; k++) { s += A[off + i * K + k] * B[off + k * M + j]; t += A[off + i * K + k] * Bt[off + j * K + k]; }
      ref[i * M + j] = s; refT[i * M + j] = t;
    }
    const tol = 1e-12 * K;
    const C = new Float64Array(off + N * M);
    matmulBias(A, off, B, off, bias, off, C, off, N, K, M);
    expect(maxAbsDiff(C.subarray(off), ref)).toBeLessThan(tol);
    C.fill(0);
    matmulBiasViaTranspose(A, off, B, off, bias, off, C, off, N, K, M);
    expect(maxAbsDiff(C.subarray(off), ref)).toBeLessThan(tol);
    const D = new Float64Array(N * M).fill(1);
    matmulTransB(A, off, Bt, off, D, 0, N, K, M, true);
    expect(maxAbsDiff(D, refT.map((v) => v + 1))).toBeLessThan(tol);
    matmulTransB(A, off, Bt, off, D, 0, N, K, M, false, bias, off);
    expect(maxAbsDiff(D, refT.map((v, i) => v + bias[off + (i % M)]))).toBeLessThan(tol);
    // C += Aᵀ·B' with A: N×K, B': N×M.
    const B2 = rand(N * M), G = new Float64Array(K * M).fill(2), refG = new Float64Array(K * M).fill(2);
    for (let k = 0; k < K; k++) for (let j = 0; j < M; j++) for (let n = 0; n < N; n++) refG[k * M + j] += A[off + n * K + k] * B2[n * M + j];
    matmulTransAAdd(A, off, B2, 0, G, 0, N, K, M);
    expect(maxAbsDiff(G, refG)).toBeLessThan(1e-12 * N);
  });

  it('the fast batched forward pass equals the recorded one input by input', () => {
    for (const spec of [{ depth: 2, width: 100 }, { depth: 3, width: 31, activation: 'tanh' as const, bias: false }]) {
      const net = createMlp(spec), w = initParams(net, rng);
      const xs = Float64Array.from({ length: 257 }, (_, i) => -5 + i / 25.6);
      const y = forwardBatch(net, w, xs), tape = new Tape(net);
      for (let n = 0; n < xs.length; n += 16) {
        recordForward(net, w, xs.subarray(n, n + 1), tape);
        expect(Math.abs(tape.y[0] - y[n])).toBeLessThan(1e-12 * (1 + Math.abs(y[n])));
      }
      recordForward(net, w, xs, tape);
      expect(maxAbsDiff(tape.y.subarray(0, xs.length), y)).toBeLessThan(1e-12);
    }
  });
});
