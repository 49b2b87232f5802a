/**
 * The small-batch fast paths of training (one fused back-propagation + update
 * pass per hidden layer; a forward pass that skips units inactive on every
 * input) against the reference paths they replace, to rounding.
 */
import { describe, expect, it } from 'vitest';
import type { ActivationName } from '../../src/numerics/activation';
import { backward } from '../../src/numerics/backprop';
import { forwardBatch } from '../../src/numerics/forward';
import { matmulBias, matmulBiasSparseRows } from '../../src/numerics/gemm';
import { trainGD } from '../../src/numerics/gradientDescent';
import { lossAndGradient } from '../../src/numerics/lossAndGradient';
import { createMlp, initParams } from '../../src/numerics/mlp';
import { createModel } from '../../src/numerics/model';
import { createRng } from '../../src/numerics/rng';
import { descendSmallBatch } from '../../src/numerics/smallBatchDescent';
import { recordForward, Tape } from '../../src/numerics/tape';
import { maxAbs, maxAbsDiff } from './helpers';

const specs: { depth: number; width: number; activation: ActivationName; bias: boolean }[] = [];
for (const activation of ['relu', 'tanh', 'softplus'] as const) {
  for (const [depth, width] of [[1, 9], [2, 13], [2, 100], [3, 8]]) for (const bias of [true, false]) specs.push({ depth, width, activation, bias });
}
const batches = [Float64Array.of(0.7), Float64Array.of(-2, 0.5)];

describe('sparse-row product (N ≤ 2)', () => {
  it.each([1, 2])('equals the dense product with zero rows in A (N = %i)', (N) => {
    const rng = createRng(4), K = 23, M = 17, off = 2;
    const A = Float64Array.from({ length: off + N * K }, (_, i) => (i % 3 === 0 ? 0 : rng.normal()));
    for (let k = 0; k < K; k += 4) for (let n = 0; n < N; n++) A[off + n * K + k] = 0; // rows dead on every input
    const B = Float64Array.from({ length: off + K * M }, () => rng.normal()), bias = Float64Array.from({ length: off + M }, () => rng.normal());
    const ref = new Float64Array(N * M), C = new Float64Array(off + N * M).fill(NaN);
    matmulBias(A, off, B, off, bias, off, ref, 0, N, K, M);
    matmulBiasSparseRows(A, off, B, off, bias, off, C, off, N, K, M);
    expect(maxAbsDiff(C.subarray(off), ref)).toBeLessThan(1e-13 * K);
    matmulBias(A, off, B, off, null, 0, ref, 0, N, K, M);
    matmulBiasSparseRows(A, off, B, off, null, 0, C, off, N, K, M);
    expect(maxAbsDiff(C.subarray(off), ref)).toBeLessThan(1e-13 * K);
  });
});

describe('small-batch training fast path', () => {
  it.each(specs)('one step equals the reference backward: depth $depth, width $width, $activation, bias $bias', (spec) => {
    const net = createMlp(spec);
    for (const xs of batches) {
      const w = initParams(net, createRng(spec.width + spec.depth));
      const tape = new Tape(net);
      recordForward(net, w, xs, tape);
      // The tape's forward (sparse rows for N ≤ 2) agrees with the batched forward pass.
      expect(maxAbsDiff(tape.y.subarray(0, xs.length), forwardBatch(net, w, xs))).toBeLessThan(1e-13 * (1 + maxAbs(tape.y)));
      const cot = xs.length === 1 ? [0.8] : [0.8, -1.3];
      const ref = Float64Array.from(w), fast = Float64Array.from(w);
      backward(net, ref, tape, cot, null, 0.05);
      recordForward(net, w, xs, tape);
      descendSmallBatch(net, fast, tape, cot, 0.05);
      // Same sums in the same order except a few dot products the reference splits in two.
      expect(maxAbsDiff(fast, ref)).toBeLessThan(1e-15 * (1 + maxAbs(w)) * spec.width);
      expect(maxAbsDiff(fast, w)).toBeGreaterThan(0); // it did step
    }
  });

  it.each(specs.filter((s) => s.width <= 13))('500 steps of trainGD equal explicit gradient steps: depth $depth, $activation, bias $bias', (spec) => {
    const net = createMlp(spec);
    for (const xs of batches) {
      const ys = xs.length === 1 ? Float64Array.of(1.5) : Float64Array.of(3, -1);
      const data = { xs, ys }, lr = 2e-3, steps = 500;
      const fast = createModel(net, createRng(9), { alpha: 2, zeroOutput: true });
      const ref = createModel(net, createRng(9), { alpha: 2, zeroOutput: true });
      let y0: Float64Array | null = null;
      const r = trainGD(fast, data, { lr, steps, loss: 'mse-alpha2', snapshotAt: [0], onSnapshot: (s) => { y0 = s.outputs.slice(); } });
      expect(Array.from(y0!)).toEqual(Array.from(xs, () => 0)); // zero output: exactly 0 at w0
      const g = new Float64Array(net.size), losses: number[] = [];
      for (let n = 0; n <= steps; n++) {
        const { loss } = lossAndGradient(ref, data, 'mse-alpha2', ref.params, g);
        losses.push(loss);
        if (n < steps) for (let i = 0; i < net.size; i++) ref.params[i] -= lr * g[i];
      }
      expect(losses[steps]).toBeLessThan(0.9 * losses[0]); // it trained
      // Rounding differences compound over 500 steps of a contracting iteration: stay at 1e-10 relative.
      expect(maxAbsDiff(fast.params, ref.params)).toBeLessThan(1e-10 * maxAbs(ref.params));
      for (let n = 0; n <= steps; n += 50) expect(Math.abs(r.losses[n] - losses[n])).toBeLessThan(1e-10 * losses[0]);
    }
  });
});
