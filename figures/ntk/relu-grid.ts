/**
 * Fast evaluation of a two-hidden-layer ReLU network f(x, w) on a sorted 1-D
 * grid, for the function animations (7 networks × 200 frames × ~700 points).
 *
 * Why it is exact: the first hidden layer h1(x) = relu(x·a + b) is piecewise
 * linear in x, with a kink of unit k at t_k = −b_k/a_k. Between kinks the set
 * of active units is fixed, so the second layer's pre-activation
 *   z2(x) = Σ_{k active} (a_k x + b_k) W1[k, :] + b1 = S·x + C
 * is linear with slope S and intercept C. Sweeping x upwards, S and C change
 * only at a kink (unit k switching on or off adds or subtracts ±(a_k, b_k)·W1[k, :]),
 * so z2 on N grid points costs O(m² + K·m + N·m) for K ≤ m kinks instead of
 * the O(N·m²) of a batched forward pass. A unit contributes (a_k x + b_k) = 0
 * exactly at its kink, so where a kink coincides with a grid point either
 * side's S, C give the same value.
 *
 * Other networks (other depths or activations) fall back to `forwardBatch`.
 */
import { forwardBatch, type Mlp } from '../../src/numerics';

export interface ReluGridEvaluator {
  readonly xs: Float64Array;
  /** f(xs[n], params) for every grid point, written into `out` (a reused buffer when omitted). */
  evaluate(params: Float64Array, out?: Float64Array): Float64Array;
}

/** True when `createReluGridEvaluator` takes the O(N·m) sweep path for this network. */
export function sweepApplies(net: Mlp): boolean {
  return net.depth === 2 && net.activation === 'relu';
}

/** An evaluator for `net` on the grid `xs` (ascending, not mutated afterwards). */
export function createReluGridEvaluator(net: Mlp, xs: Float64Array): ReluGridEvaluator {
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] >= xs[i - 1])) throw new RangeError(`relu grid: xs must be ascending (xs[${i}] = ${xs[i]} < ${xs[i - 1]})`);
  }
  const N = xs.length, m = net.width;
  const buf = new Float64Array(N);
  if (!sweepApplies(net) || N === 0) {
    return { xs, evaluate: (params, out = buf) => forwardBatch(net, params, xs, out) };
  }
  const S = new Float64Array(m), C = new Float64Array(m);
  const kinkAt = new Float64Array(m);
  const order = new Int32Array(m);
  const L0 = net.layers[0], L1 = net.layers[1], L2 = net.layers[2];
  const x0 = xs[0], xEnd = xs[N - 1];

  return {
    xs,
    evaluate(params, out = buf) {
      if (params.length !== net.size) throw new RangeError(`relu grid: expected ${net.size} parameters, got ${params.length}`);
      if (out.length < N) throw new RangeError(`relu grid: out has length ${out.length} < ${N}`);
      const aOff = L0.weightOffset, bOff = L0.biasOffset, wOff = L1.weightOffset, b1Off = L1.biasOffset;
      const b0 = (k: number) => (bOff >= 0 ? params[bOff + k] : 0);
      // Slope and intercept of z2 at the first grid point.
      if (b1Off >= 0) for (let j = 0; j < m; j++) C[j] = params[b1Off + j];
      else C.fill(0);
      S.fill(0);
      let kinks = 0;
      for (let k = 0; k < m; k++) {
        const a = params[aOff + k], b = b0(k);
        if (a * x0 + b > 0) {
          const row = wOff + k * m;
          for (let j = 0; j < m; j++) { const w = params[row + j]; S[j] += a * w; C[j] += b * w; }
        }
        if (a !== 0) {
          const t = -b / a;
          // Only kinks strictly inside (x0, xEnd] change the active set on the grid.
          if (t > x0 && t <= xEnd) { kinkAt[k] = t; order[kinks++] = k; }
        }
      }
      const sorted = Array.from(order.subarray(0, kinks)).sort((p, q) => kinkAt[p] - kinkAt[q] || p - q);
      const woOff = L2.weightOffset, bout = L2.biasOffset >= 0 ? params[L2.biasOffset] : 0;
      let next = 0;
      for (let n = 0; n < N; n++) {
        const x = xs[n];
        // Apply every kink below x: unit k switches on (a > 0) or off (a < 0).
        while (next < kinks && kinkAt[sorted[next]] < x) {
          const k = sorted[next++], a = params[aOff + k], b = b0(k);
          const sign = a > 0 ? 1 : -1, sa = sign * a, sb = sign * b, row = wOff + k * m;
          for (let j = 0; j < m; j++) { const w = params[row + j]; S[j] += sa * w; C[j] += sb * w; }
        }
        let s0 = 0, s1 = 0, j = 0;
        for (; j + 1 < m; j += 2) {
          const z0 = S[j] * x + C[j], z1 = S[j + 1] * x + C[j + 1];
          if (z0 > 0) s0 += z0 * params[woOff + j];
          if (z1 > 0) s1 += z1 * params[woOff + j + 1];
        }
        if (j < m) { const z = S[j] * x + C[j]; if (z > 0) s0 += z * params[woOff + j]; }
        out[n] = s0 + s1 + bout;
      }
      return out;
    },
  };
}
